"""Guest speakers: add one, send the briefing as an invitation, and the speaker's own page
(from the mail, no account) to accept or decline."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import View

from leernetwerk.permissions import PermissionOr404Mixin
from leernetwerk.views import ServiceFormView, call_service

from .. import selectors, services
from ..forms import GuestSpeakerForm, SpeakerAnswerForm
from .base import MeetingMixin


class SpeakerCreateView(MeetingMixin, ServiceFormView):
    permission_required = "meetings.change_meeting"
    template_name = "meetings/speaker_form.html"
    form_class = GuestSpeakerForm

    def perform(self, form):
        return services.add_guest_speaker(
            self.meeting, by=self.request.user, data=form.cleaned_data
        )

    def get_success_message(self, result):
        return _("The guest speaker is added.")

    def get_success_url(self):
        return self.meeting.get_absolute_url()


class SpeakerInviteView(PermissionOr404Mixin, View):
    """POST: mail the speaker the briefing as an invitation to accept or decline."""

    permission_required = "meetings.change_meeting"

    def get_permission_object(self):
        self.speaker = selectors.speaker_for_organiser(self.request.user, self.kwargs["pk"])
        return self.speaker.meeting

    def post(self, request, *args, **kwargs):
        meeting = self.speaker.meeting
        call = call_service(request, services.invite_guest_speaker, self.speaker, by=request.user)
        if call.ok:
            if call.result:
                messages.success(
                    request,
                    _("The invitation with the briefing is sent to %(email)s.")
                    % {"email": self.speaker.email},
                )
            else:
                messages.info(request, _("The invitation was already sent to this address."))
        return redirect(meeting)


class SpeakerAnswerView(ServiceFormView):
    """The guest speaker's page from the invitation mail (no account): the meeting, the
    briefing as it stands now, and accept / decline. An unknown link answers 404; a refused
    answer shows at the answer buttons."""

    template_name = "meetings/speaker_answer.html"
    form_class = SpeakerAnswerForm
    success_message = gettext_lazy("Thank you, your answer has been passed on.")

    def dispatch(self, request, *args, **kwargs):
        self.speaker = selectors.speaker_for_token(kwargs["token"])
        if self.speaker is None:
            raise Http404
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        meeting = self.speaker.meeting
        context.update(
            speaker=self.speaker,
            meeting=meeting,
            briefing=selectors.speaker_briefing(meeting),
            is_over=meeting.ends_at < timezone.now(),
        )
        return context

    def perform(self, form):
        return services.answer_speaker_invitation(self.speaker, answer=form.cleaned_data["answer"])

    def get_success_url(self):
        return self.request.path
