"""Checks shared by forms and services, so a message appears at its field in both."""

from __future__ import annotations

import datetime

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

MAX_MEETING_HOURS = 48


def meeting_time_errors(
    starts_at: datetime.datetime | None,
    ends_at: datetime.datetime | None,
    *,
    is_new: bool,
) -> dict[str, str]:
    """Field -> Dutch message for the start and end of a meeting (empty when fine)."""
    errors: dict[str, str] = {}
    if starts_at is None or ends_at is None:
        return errors
    if is_new and starts_at < timezone.now():
        errors["starts_at"] = _("A new meeting cannot start in the past.")
    if ends_at <= starts_at:
        errors["ends_at"] = _("The end must be after the start.")
    elif ends_at - starts_at > datetime.timedelta(hours=MAX_MEETING_HOURS):
        errors["ends_at"] = _("A meeting lasts at most 48 hours.")
    return errors


def check_meeting_times(starts_at, ends_at, *, is_new: bool) -> None:
    errors = meeting_time_errors(starts_at, ends_at, is_new=is_new)
    if errors:
        raise ValidationError(errors)


def poll_deadline_error(
    deadline: datetime.datetime | None, first_start: datetime.datetime | None
) -> str | None:
    """The Dutch message for a date poll's deadline, or None when it is fine (or not set):
    it lies in the future and before the first proposed date."""
    if deadline is None:
        return None
    if deadline <= timezone.now():
        return _("The deadline must be in the future.")
    if first_start is not None and deadline > first_start:
        return _("The deadline must be before the first proposed date.")
    return None
