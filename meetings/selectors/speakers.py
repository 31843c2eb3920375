"""Guest speakers: the briefing (earlier meetings, the learning questions shared with the
network), the questions that reach an organiser, and the speaker found from her answer link."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.shortcuts import get_object_or_404

from networks.models import Membership, Network
from networks.rules import is_member
from participants.models import LearningQuestion

from ..enums import SpeakerAnswer
from ..models import (
    GuestSpeaker,
    Meeting,
)
from .meetings import meeting_for_user

if TYPE_CHECKING:
    from participants.models import User


def shared_questions_for(network: Network, viewer: User) -> list[LearningQuestion]:
    """Learning questions of others that reach `viewer` through this network: the owner's
    current choice decides (participants' visible_to), so a penvoerder sees only what was
    shared with the whole network and a facilitator also what was shared with them."""
    return list(
        LearningQuestion.objects.visible_to(viewer, in_network=network)
        .exclude(owner=viewer)
        .select_related("owner")
        .order_by("owner__last_name", "title")
    )


def earlier_meetings(meeting: Meeting) -> list[Meeting]:
    """Held meetings of the same network before this one, newest first."""
    return list(
        Meeting.objects.filter(network_id=meeting.network_id, starts_at__lt=meeting.starts_at)
        .scheduled()
        .exclude(pk=meeting.pk)
        .order_by("-starts_at")
    )


@dataclass(frozen=True)
class Briefing:
    """What a guest speaker is told: earlier themes and the learning questions shared."""

    meeting: Meeting
    earlier: list[Meeting]
    questions: list[LearningQuestion]


def briefing_questions(network: Network, *, viewer: User | None = None) -> list[LearningQuestion]:
    """Questions of current members, linked to the network, that their owners share with the
    network NOW: what a guest speaker (outside the network) may read. Never those shared
    with the facilitator only, never private ones. `viewer=None` is the speaker; a member
    previewing it sees exactly that; anyone else (staff, the admin, someone who left) sees
    none. Built on every call: never a stored copy."""
    if viewer is not None and not is_member(viewer, network):
        return []
    questions = LearningQuestion.objects.shared_with_members_of(network)
    current = Membership.objects.current().filter(network=network).values("person")
    return list(questions.filter(owner__in=current).distinct().order_by("title", "pk"))


def speaker_briefing(meeting: Meeting, *, viewer: User | None = None) -> Briefing:
    """The guest-speaker briefing exactly as the speaker receives it: the one source of the
    mail, the speaker's page and the preview on the meeting page (`viewer`: who previews
    it; an outsider sees no learning question)."""
    return Briefing(
        meeting=meeting,
        earlier=earlier_meetings(meeting),
        questions=briefing_questions(meeting.network, viewer=viewer),
    )


def speakers_kept_informed(meeting: Meeting) -> list[GuestSpeaker]:
    """The guest speakers who are mailed when the meeting moves or is cancelled: those sent
    the invitation (with an address) who have not declined it. The one source of those
    notices and of the cancel page that says who will get one."""
    return list(
        meeting.speakers.exclude(invited_at=None)
        .exclude(email="")
        .exclude(answer=SpeakerAnswer.DECLINED)
        .order_by("name", "pk")
    )


def speaker_for_organiser(user: User, pk: int) -> GuestSpeaker:
    """A guest speaker of a meeting the user may see (404 otherwise); rules decide the rest."""
    speaker = get_object_or_404(GuestSpeaker.objects.select_related("meeting__network"), pk=pk)
    meeting_for_user(user, speaker.meeting_id)
    return speaker


def speaker_for_token(token: str) -> GuestSpeaker | None:
    """The guest speaker whose answer link carries `token`, or None."""
    if not token or len(token) > 64:
        return None
    return GuestSpeaker.objects.select_related("meeting__network").filter(token=token).first()
