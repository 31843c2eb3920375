"""Guest speakers: add one, send the briefing as an invitation, and the speaker's own page
(from the mail, no account) to accept or decline."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.generic import FormView, TemplateView, View

from .. import selectors, services
from ..forms import GuestSpeakerForm
from .base import MeetingMixin, ObjectPermissionMixin


class SpeakerCreateView(MeetingMixin, FormView):
    permission_required = "meetings.change_meeting"
    template_name = "meetings/speaker_form.html"
    form_class = GuestSpeakerForm

    def form_valid(self, form):
        services.add_guest_speaker(self.meeting, by=self.request.user, data=form.cleaned_data)
        messages.success(self.request, _("The guest speaker is added."))
        return redirect(self.meeting)


class SpeakerInviteView(ObjectPermissionMixin, View):
    """POST: mail the speaker the briefing as an invitation to accept or decline."""

    permission_required = "meetings.change_meeting"

    def get_permission_object(self):
        self.speaker = selectors.speaker_for_organiser(self.request.user, self.kwargs["pk"])
        return self.speaker.meeting

    def post(self, request, *args, **kwargs):
        meeting = self.speaker.meeting
        try:
            queued = services.invite_guest_speaker(self.speaker, by=request.user)
        except ValidationError as error:
            for message in error.messages:
                messages.error(request, message)
        else:
            if queued:
                messages.success(
                    request,
                    _("The invitation with the briefing is sent to %(email)s.")
                    % {"email": self.speaker.email},
                )
            else:
                messages.info(request, _("The invitation was already sent to this address."))
        return redirect(meeting)


class SpeakerAnswerView(TemplateView):
    """The guest speaker's page from the invitation mail (no account): the meeting, the
    briefing as it stands now, and accept / decline. An unknown link answers 404."""

    template_name = "meetings/speaker_answer.html"

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

    def post(self, request, *args, **kwargs):
        try:
            services.answer_speaker_invitation(self.speaker, answer=request.POST.get("answer", ""))
        except ValidationError as error:
            context = self.get_context_data(errors=error.messages)
            return self.render_to_response(context)
        messages.success(request, _("Thank you, your answer has been passed on."))
        return redirect(request.path)
