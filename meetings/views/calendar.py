"""Calendar output: one meeting as .ics, and the personal feed behind a secret token."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.http import Http404, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views import View

from leernetwerk.views import ServiceFormView

from .. import selectors, services
from ..calendar import build_calendar
from ..forms import CalendarAlarmForm
from .base import MeetingMixin

ICS = "text/calendar; charset=utf-8"


class MeetingIcsView(MeetingMixin, View):
    permission_required = "meetings.view_meeting"

    def get(self, request, *args, **kwargs):
        body = build_calendar(
            selectors.calendar_events([self.meeting]),
            name=selectors.meeting_calendar_name(self.meeting),
            alarm=selectors.calendar_alarm_for(request.user),
            alarm_text=_("Leernetwerk meeting"),
        )
        response = HttpResponse(body, content_type=ICS)
        response["Content-Disposition"] = (
            f'attachment; filename="bijeenkomst-{self.meeting.pk}.ics"'
        )
        return response


class FeedSettingsView(LoginRequiredMixin, ServiceFormView):
    """Shows the personal feed URL (created on first visit), a button to reset it, and the
    person's choice of reminder (VALARM) before each meeting."""

    template_name = "meetings/feed_settings.html"
    form_class = CalendarAlarmForm
    success_message = _("Your choice of reminder is saved.")

    def get_initial(self):
        return {"alarm": selectors.calendar_alarm_for(self.request.user)}

    def get_success_url(self):
        return reverse("meetings:feed-settings")

    def perform(self, form):
        return services.set_calendar_alarm(self.request.user, alarm=form.cleaned_data["alarm"])

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        token = services.calendar_feed_token_for(self.request.user)
        context["feed_url"] = self.request.build_absolute_uri(
            reverse("meetings:feed", kwargs={"token": token.token})
        )
        return context


class FeedResetView(LoginRequiredMixin, View):
    def post(self, request, *args, **kwargs):
        services.reset_calendar_feed_token(request.user)
        messages.success(request, _("Your calendar link is renewed; the old link no longer works."))
        return redirect("meetings:feed-settings")


class FeedView(View):
    """All meetings of all the person's networks; a wrong token answers 404."""

    def get(self, request, token: str):
        person = selectors.person_for_feed_token(token)
        if person is None:
            raise Http404
        body = build_calendar(
            selectors.calendar_events(selectors.feed_meetings(person)),
            name=_("Leernetwerk meetings"),
            alarm=selectors.calendar_alarm_for(person),
            alarm_text=_("Leernetwerk meeting"),
        )
        return HttpResponse(body, content_type=ICS)
