"""Helpers of the meeting page tests (test_views_*.py and others): a time some days ahead,
the meeting form as the browser posts it, and an existing meeting's form as it stands."""

import datetime

from django.utils import timezone

FMT = "%Y-%m-%dT%H:%M"


def _future(days=10, hour=16):
    return (timezone.localtime() + datetime.timedelta(days=days)).replace(
        hour=hour, minute=0, second=0, microsecond=0
    )


def _meeting_post(starts_at, ends_at, **extra):
    return {
        "title": "Verbinden in de school",
        "theme": "Samen leren",
        "starts_at": starts_at.strftime(FMT),
        "ends_at": ends_at.strftime(FMT),
        "location": "Utrecht",
        "address": "Domplein 1",
        "form": "16:00-19:00",
        "agenda": "Opening, casus, afsluiting",
        **extra,
    }


def meeting_form_of(meeting, **changes) -> dict:
    """The edit form of `meeting` as the browser posts it unchanged, with `changes`."""
    return {
        "title": meeting.title,
        "theme": meeting.theme,
        "starts_at": timezone.localtime(meeting.starts_at).strftime(FMT),
        "ends_at": timezone.localtime(meeting.ends_at).strftime(FMT),
        "location": meeting.location,
        "address": meeting.address,
        "form": meeting.form or "16:00-19:00",
        "agenda": meeting.agenda,
        **changes,
    }
