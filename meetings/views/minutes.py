"""Minutes pages: read (what each member may see), write, actions, share the draft, suggest
a correction, publish, and the owner's tick. Each form calls one service through
`leernetwerk.views.ServiceFormView`; state rules are the services' (meetings/services/minutes)."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView, View

from leernetwerk.views import ObjectPermissionOr404Mixin, ServiceFormView, call_service

from .. import selectors, services
from ..forms import ActionItemForm, CorrectionForm, MinutesForm
from .base import MeetingMixin as _MeetingMixin


class MeetingMixin(_MeetingMixin):
    """Minutes are for the network's members: the rule itself decides, so a superuser's
    blanket Django permissions do not open them; refused answers 404. The minutes pages show
    no speakers, cases or preparation group: the meeting is loaded with its network alone."""

    rule_only = True
    meeting_only = True


def _minutes_url(meeting) -> str:
    return reverse("meetings:minutes", kwargs={"pk": meeting.pk})


class MinutesView(MeetingMixin, TemplateView):
    """The meeting's minutes as the viewer may read them, with the correction form for an
    attendee while the draft is shared, and the writers' buttons."""

    permission_required = "meetings.view_minutes"
    template_name = "meetings/minutes_detail.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        page = selectors.minutes_page(self.meeting, self.request.user)
        context["page"] = page
        if page.can_suggest:
            context.setdefault("correction_form", CorrectionForm())
        return context


class _MinutesFormView(MeetingMixin, ServiceFormView):
    permission_required = "meetings.write_minutes"

    def get_success_url(self):
        return _minutes_url(self.meeting)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["page"] = selectors.minutes_page(self.meeting, self.request.user)
        return context


class MinutesEditView(_MinutesFormView):
    template_name = "meetings/minutes_form.html"
    form_class = MinutesForm
    success_message = _("The minutes are saved.")

    def get_initial(self):
        minutes = selectors.minutes_page(self.meeting, self.request.user).minutes
        if minutes is None:
            return {}
        return {"summary": minutes.summary, "decisions": minutes.decisions}

    def perform(self, form):
        return services.save_minutes(self.meeting, by=self.request.user, **form.cleaned_data)


class ActionCreateView(_MinutesFormView):
    template_name = "meetings/action_form.html"
    form_class = ActionItemForm
    success_message = _("The action is added to the minutes.")

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs["network"] = self.network
        return kwargs

    def perform(self, form):
        return services.add_action_item(self.meeting, by=self.request.user, **form.cleaned_data)


class ActionDeleteView(ObjectPermissionOr404Mixin, TemplateView):
    """A confirmation page; POST removes the action from minutes not yet published."""

    permission_required = "meetings.write_minutes"
    rule_only = True
    template_name = "meetings/action_delete.html"

    def load_object(self):
        self.action = selectors.action_item(self.kwargs["pk"])
        if self.action is None:
            raise Http404
        self.meeting = self.action.minutes.meeting
        return self.meeting

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(action=self.action, meeting=self.meeting)
        return context

    def post(self, request, *args, **kwargs):
        if call_service(request, services.remove_action_item, self.action, by=request.user).ok:
            messages.success(request, _("The action is removed."))
        return redirect(_minutes_url(self.meeting))


class _MinutesStepView(MeetingMixin, View):
    """POST only: one step of the minutes (share, publish) for their writers."""

    permission_required = "meetings.write_minutes"

    def step(self, minutes) -> str:
        raise NotImplementedError

    def post(self, request, *args, **kwargs):
        minutes = selectors.minutes_page(self.meeting, request.user).minutes
        if minutes is None:
            messages.error(request, _("Write the minutes first."))
        else:
            call = call_service(request, self.step, minutes)
            if call.ok:
                messages.success(request, call.result)
        return redirect(_minutes_url(self.meeting))


class MinutesShareView(_MinutesStepView):
    def step(self, minutes) -> str:
        services.share_minutes(minutes, by=self.request.user)
        return _(
            "The draft is shared with those who attended; they can suggest corrections for a week."
        )


class MinutesPublishView(_MinutesStepView):
    def step(self, minutes) -> str:
        services.publish_minutes(minutes, by=self.request.user)
        return _("The minutes are published; every member of the network can read them.")


class CorrectionCreateView(MeetingMixin, ServiceFormView):
    """An attendee suggests a correction to the shared draft."""

    permission_required = "meetings.view_minutes"
    template_name = "meetings/minutes_correction.html"
    form_class = CorrectionForm
    success_message = gettext_lazy(
        "Thank you, your suggestion is passed on to the writers of the minutes."
    )

    def get_success_url(self):
        return _minutes_url(self.meeting)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["page"] = selectors.minutes_page(self.meeting, self.request.user)
        return context

    def perform(self, form):
        return services.suggest_correction(
            self.meeting, by=self.request.user, text=form.cleaned_data["text"]
        )


class ActionDoneView(ObjectPermissionOr404Mixin, View):
    """POST: the owner ticks her action done; back where she came from (start page)."""

    permission_required = "meetings.complete_actionitem"
    rule_only = True

    def load_object(self):
        self.action = selectors.action_item(self.kwargs["pk"])
        if self.action is None:
            raise Http404
        return self.action

    def post(self, request, *args, **kwargs):
        if call_service(request, services.complete_action_item, self.action, by=request.user).ok:
            messages.success(
                request,
                _("“%(action)s” is ticked off as done.") % {"action": self.action.description},
            )
        target = request.POST.get("next", "")
        if not url_has_allowed_host_and_scheme(
            target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
        ):
            target = "networks:my-networks"
        return redirect(target)
