"""Calendar output: one meeting as .ics, and the personal feed behind a secret token."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.http import Http404, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import TemplateView

from .. import selectors, services
from ..calendar import build_calendar
from .base import MeetingMixin

ICS = "text/calendar; charset=utf-8"


class MeetingIcsView(MeetingMixin, View):
    permission_required = "meetings.view_meeting"

    def get(self, request, *args, **kwargs):
        body = build_calendar(selectors.calendar_events([self.meeting]), name=self.meeting.title)
        response = HttpResponse(body, content_type=ICS)
        response["Content-Disposition"] = (
            f'attachment; filename="bijeenkomst-{self.meeting.pk}.ics"'
        )
        return response


class FeedSettingsView(LoginRequiredMixin, TemplateView):
    """Shows the personal feed URL (created on first visit) and a button to reset it."""

    template_name = "meetings/feed_settings.html"

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
        )
        return HttpResponse(body, content_type=ICS)
