"""Helpers of the date poll tests: a day some days ahead, and a poll of the network with
one option per day (16:00-19:00)."""

import datetime

from django.utils import timezone

from tests.factories.meetings import DatePollFactory, PollOptionFactory


def _day(days: int) -> datetime.date:
    return timezone.localdate() + datetime.timedelta(days=days)


def _poll(network, days=(20, 27, 34), **kwargs):
    poll = DatePollFactory(**{"network": network, "title": "Voorjaar", **kwargs})
    for d in days:
        start = timezone.make_aware(datetime.datetime.combine(_day(d), datetime.time(16)))
        PollOptionFactory(poll=poll, starts_at=start, ends_at=start + datetime.timedelta(hours=3))
    return poll
