"""Helpers of the minutes tests (test_minutes_*.py): the summary and action they write,
signing in, writing the minutes (with an action), their page, a share a week ago."""

import datetime

from django.urls import reverse
from django.utils import timezone

from meetings.services import add_action_item, save_minutes

SUMMARY = "We bespraken de gesprekkencyclus en het eigenaarschap van teams."
ACTION = "Rooster voor de intervisie rondsturen"


def _week_ago():
    """Shared this long ago, the correction week is over: the minutes may be published."""
    return timezone.now() - datetime.timedelta(days=7, minutes=1)


def _client(client, person):
    client.force_login(person)
    return client


def _write(world, *, with_action=True):
    meeting = world["meeting"]
    minutes = save_minutes(
        meeting, by=world["facilitator"], summary=SUMMARY, decisions="Besluit één\nBesluit twee"
    )
    if with_action:
        add_action_item(
            meeting,
            by=world["facilitator"],
            description=ACTION,
            owner=world["attendee"],
            due_date=timezone.localdate() + datetime.timedelta(days=10),
        )
    return minutes


def _minutes_page(client, world, role):
    return _client(client, world[role]).get(reverse("meetings:minutes", args=[world["meeting"].pk]))
