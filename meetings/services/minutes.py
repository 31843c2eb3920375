"""Minutes (verslag): write, add and remove actions, share the draft for corrections,
suggest a correction, publish once the correction week is over (by hand or by the daily
run), tick an action done, remind owners before the due date.

Views check the permission first (meetings/rules.py: write_minutes, view_minutes,
complete_actionitem); these services keep the data rules and raise a ValidationError with a
Dutch message at the field it concerns, with nothing saved."""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from .. import minutes as rules_of
from ..enums import MailKind, MinutesStatus
from ..mail import queue_meeting_mail
from ..models import ActionItem, Meeting, Minutes, MinutesCorrection
from ..rules import attended_meeting
from ..selectors import members_of
from ..selectors.minutes import attendees_of, writers_of
from .common import _member_ids

if TYPE_CHECKING:
    from participants.models import User


def _check_started(meeting: Meeting, now: datetime.datetime) -> None:
    if meeting.starts_at > now:
        raise ValidationError(_("Minutes can be written once the meeting has started."))


def _check_changeable(minutes: Minutes | None) -> None:
    if minutes is not None and minutes.is_published:
        raise ValidationError(_("These minutes are published and can no longer be changed."))


def _minutes_of(meeting: Meeting) -> Minutes | None:
    return Minutes.objects.select_for_update().filter(meeting=meeting).first()


def _notify(*, key: str, people, kind: str, template: str, context: dict) -> int:
    sent = 0
    for person in people:
        if person.is_active and person.email:
            sent += queue_meeting_mail(
                key=key, kind=kind, recipient=person, template=template, context=context
            )
    return sent


@transaction.atomic
def save_minutes(
    meeting: Meeting,
    *,
    by: User,
    summary: str,
    decisions: str,
    now: datetime.datetime | None = None,
) -> Minutes:
    """Create or change the text and decisions of the meeting's minutes (draft or shared).

    Keeps true: minutes exist only from the start of the meeting on; published minutes are
    final. Called by a writer (organiser or preparation group)."""
    now = now or timezone.now()
    _check_started(meeting, now)
    minutes = _minutes_of(meeting)
    _check_changeable(minutes)
    if minutes is None:
        minutes = Minutes(meeting=meeting, written_by=by)
    minutes.summary = summary
    minutes.decisions = decisions
    minutes.save()
    return minutes


@transaction.atomic
def add_action_item(
    meeting: Meeting,
    *,
    by: User,
    description: str,
    owner: User,
    due_date: datetime.date,
    now: datetime.datetime | None = None,
) -> ActionItem:
    """Add an action (what, who, by when) to the meeting's minutes, creating them if needed.

    Keeps true: the owner is a current member of the network; the due date lies between
    the meeting's day and a year later; published minutes are final. Called by a writer."""
    now = now or timezone.now()
    _check_started(meeting, now)
    minutes = _minutes_of(meeting)
    _check_changeable(minutes)
    errors = {}
    if owner is None or owner.pk not in _member_ids(meeting.network):
        errors["owner"] = _("The person who does this must be a member of this network.")
    meeting_day = timezone.localtime(meeting.starts_at).date()
    if not rules_of.due_date_allowed(due_date, meeting_day):
        first, last = rules_of.due_date_range(meeting_day)
        errors["due_date"] = _(
            "Choose a due date between %(first)s and %(last)s (from the meeting to a year later)."
        ) % {
            "first": formats.date_format(first, "j F Y"),
            "last": formats.date_format(last, "j F Y"),
        }
    if errors:
        raise ValidationError(errors)
    if minutes is None:
        minutes = Minutes.objects.create(meeting=meeting, written_by=by)
    return ActionItem.objects.create(
        minutes=minutes, description=description, owner=owner, due_date=due_date
    )


@transaction.atomic
def remove_action_item(action: ActionItem, *, by: User) -> None:
    """Remove an action from minutes that are not yet published. Called by a writer."""
    _check_changeable(action.minutes)
    action.delete()


def _attendees(meeting: Meeting):
    return attendees_of(meeting)


@transaction.atomic
def share_minutes(minutes: Minutes, *, by: User, now: datetime.datetime | None = None) -> int:
    """Share the draft with those who attended: they may suggest corrections for a week.

    Mails each attendee once (a notification: their digest choice applies); returns how
    many mails are new. Sharing again changes nothing. Called by a writer."""
    now = now or timezone.now()
    minutes = Minutes.objects.select_for_update().get(pk=minutes.pk)
    if minutes.is_published:
        raise ValidationError(_("These minutes are published already."))
    if minutes.is_draft:
        minutes.status = MinutesStatus.SHARED
        minutes.shared_at = now
        minutes.save(update_fields=["status", "shared_at", "updated_at"])
    return _notify(
        key=f"minutes-shared:{minutes.pk}",
        people=_attendees(minutes.meeting),
        kind=MailKind.MINUTES_SHARED,
        template="meetings/email/minutes_shared",
        context={"minutes": minutes, "meeting": minutes.meeting},
    )


@transaction.atomic
def suggest_correction(
    meeting: Meeting, *, by: User, text: str, now: datetime.datetime | None = None
) -> MinutesCorrection:
    """An attendee suggests a correction to the shared draft, within a week of sharing.

    Each writer of the minutes (whoever may write them: the organisers and the meeting's
    preparation group, not the attendee herself) is mailed once per suggestion, a
    notification that follows their digest choice. Called by a member; who attended and
    whether the week is still running is checked here."""
    now = now or timezone.now()
    minutes = Minutes.objects.filter(meeting=meeting).first()
    if minutes is None or not minutes.is_shared:
        raise ValidationError({"text": _("There is no draft of these minutes to correct.")})
    if not attended_meeting(by, meeting):
        raise ValidationError(
            {"text": _("Only those who attended the meeting can suggest corrections.")}
        )
    if not rules_of.corrections_open(minutes.shared_at, now):
        raise ValidationError(
            {"text": _("Corrections could be suggested for a week; that week is over.")}
        )
    correction = MinutesCorrection.objects.create(minutes=minutes, author=by, text=text)
    _notify(
        key=f"minutes-correction:{correction.pk}",
        people=[person for person in writers_of(meeting) if person.pk != by.pk],
        kind=MailKind.MINUTES_CORRECTION,
        template="meetings/email/minutes_correction",
        context={"minutes": minutes, "meeting": meeting, "correction": correction},
    )
    return correction


def _refuse_early_publishing(minutes: Minutes, now: datetime.datetime) -> None:
    if minutes.is_shared and not rules_of.may_publish(minutes.shared_at, now):
        until = timezone.localtime(rules_of.corrections_open_until(minutes.shared_at))
        raise ValidationError(
            _(
                "The minutes can be published from %(when)s on: until then those who attended "
                "can suggest corrections."
            )
            % {"when": formats.date_format(until, "j F Y H:i")}
        )


def _publish(minutes: Minutes, now: datetime.datetime) -> tuple[bool, int]:
    """Publish `minutes` (locked by the caller) and mail every member once: (whether they
    were published now, how many mails are new)."""
    if minutes.is_draft:
        raise ValidationError(
            _("Share the draft with the attendees first, so they can suggest corrections.")
        )
    _refuse_early_publishing(minutes, now)
    published_now = minutes.is_shared
    if published_now:
        minutes.status = MinutesStatus.PUBLISHED
        minutes.published_at = now
        minutes.save(update_fields=["status", "published_at", "updated_at"])
    sent = _notify(
        key=f"minutes-published:{minutes.pk}",
        people=members_of(minutes.meeting.network),
        kind=MailKind.MINUTES_PUBLISHED,
        template="meetings/email/minutes_published",
        context={"minutes": minutes, "meeting": minutes.meeting},
    )
    return published_now, sent


def _locked(pk: int) -> Minutes:
    return Minutes.objects.select_for_update().select_related("meeting__network").get(pk=pk)


@transaction.atomic
def publish_minutes(
    minutes: Minutes, *, by: User | None, now: datetime.datetime | None = None
) -> int:
    """Publish shared minutes to the network once their correction week is over: every
    member may read them from now on, and each is mailed once (a notification). Refused
    while the week runs, naming the moment it ends. Returns how many mails are new.
    Publishing again changes nothing. Called by a writer."""
    return _publish(_locked(minutes.pk), now or timezone.now())[1]


def publish_due_minutes(*, now: datetime.datetime | None = None) -> int:
    """Publish every shared draft whose correction week is over, as its writers would:
    each member is mailed once. Returns how many minutes were published now. Beat runs it
    daily at 06:00; running it twice publishes and mails once (the second run finds none
    due, and the mails carry the keys of publishing by hand)."""
    now = now or timezone.now()
    published = 0
    for pk in Minutes.objects.due_for_publishing(now).values_list("pk", flat=True):
        with transaction.atomic():
            minutes = _locked(pk)
            if minutes.is_shared:  # not published by hand since the list was read
                published += _publish(minutes, now)[0]
    return published


@transaction.atomic
def complete_action_item(
    action: ActionItem, *, by: User, now: datetime.datetime | None = None
) -> ActionItem:
    """The owner ticks an action of published minutes done; ticking again changes nothing."""
    action = ActionItem.objects.select_for_update().select_related("minutes").get(pk=action.pk)
    if not action.minutes.is_published:
        raise ValidationError(_("This action can be ticked off once the minutes are published."))
    if action.done_at is None:
        action.done_at = now or timezone.now()
        action.save(update_fields=["done_at"])
    return action


def send_action_reminders(*, today: datetime.date | None = None) -> int:
    """Remind each owner of an open action of published minutes that is due within
    REMINDER_DAYS; each action is reminded once per due date, however often this runs.
    A notification (the owner's digest choice applies). Called by beat, daily."""
    today = today or timezone.localdate()
    last = today + datetime.timedelta(days=rules_of.REMINDER_DAYS)
    actions = (
        ActionItem.objects.published()
        .open()
        .filter(due_date__gte=today, due_date__lte=last, owner__isnull=False)
        .select_related("owner", "minutes__meeting__network")
    )
    sent = 0
    for action in actions:
        if not rules_of.reminder_due(action.due_date, today):
            continue
        sent += _notify(
            key=f"action-reminder:{action.pk}:{action.due_date:%Y%m%d}",
            people=[action.owner],
            kind=MailKind.ACTION_REMINDER,
            template="meetings/email/action_reminder",
            context={"action": action, "meeting": action.minutes.meeting},
        )
    return sent
