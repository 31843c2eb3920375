"""Helpers of the facilitator's year walk (test_facilitator_year_walk_*.py): a day some
days ahead, and a time on a day."""

import datetime

from django.utils import timezone


def _day(days: int) -> datetime.date:
    return timezone.localdate() + datetime.timedelta(days=days)


def _at(day: datetime.date, hour: int = 16) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour)))
