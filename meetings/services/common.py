"""Shared helpers of the meeting services: membership checks and the mail dispatch."""

from __future__ import annotations

from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from leernetwerk.dispatch import enqueue
from networks.models import Network

from ..enums import MailKind
from ..models import (
    Meeting,
)
from ..tasks import task_send_meeting_mail, task_tell_speakers_of_move

MEETING_FIELDS = (
    "title",
    "theme",
    "starts_at",
    "ends_at",
    "location",
    "address",
    "form",
    "agenda",
    "academy_invited",
)


def _member_ids(network: Network) -> set[int]:
    return set(network.memberships.current().values_list("person_id", flat=True))


def _check_members(network: Network, people: Iterable, field: str) -> None:
    allowed = _member_ids(network)
    outsiders = [p for p in people if p.pk not in allowed]
    if outsiders:
        raise ValidationError(
            {field: _("%(name)s is not a member of this network.") % {"name": outsiders[0]}}
        )


def _dispatch_mail(meeting: Meeting, kind: str) -> None:
    """Queue the mail task; a change carries its version, so each change is its own mail
    (or its own item in a digest) even when the worker runs it after a later change."""
    if kind == MailKind.CHANGE:
        enqueue(task_send_meeting_mail, meeting_id=meeting.pk, kind=kind, sequence=meeting.sequence)
    else:
        enqueue(task_send_meeting_mail, meeting_id=meeting.pk, kind=kind)


def _dispatch_speaker_move(meeting: Meeting) -> None:
    """Queue the notice of the meeting's new time or place to its guest speakers, for the
    version just saved (each version its own mail)."""
    enqueue(task_tell_speakers_of_move, meeting_id=meeting.pk, sequence=meeting.sequence)
