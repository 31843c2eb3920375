"""Who reads minutes, when (issue 13 item 5): a draft its writers, a shared draft those
who attended (mailed), published minutes every member and nobody else (mailed, no longer
changed); the page's fixed query counts."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from mails.models import Mail
from meetings.enums import MailKind, MinutesStatus
from meetings.models import Minutes
from meetings.services import add_action_item, publish_minutes, share_minutes
from tests.meetings.minutes_helpers import SUMMARY, _client, _minutes_page, _week_ago, _write


def _sees_summary(client, world, role) -> bool | int:
    response = _minutes_page(client, world, role)
    if response.status_code != 200:
        return response.status_code
    return SUMMARY in response.content.decode()


ROLES = ("facilitator", "penvoerder", "preparer", "attendee", "absentee", "outsider", "staff")


def test_a_draft_is_read_by_its_writers_only(client, world):
    _write(world)

    seen = {role: _sees_summary(client, world, role) for role in ROLES}

    assert seen == {
        "facilitator": True,
        "penvoerder": True,
        "preparer": True,
        "attendee": False,
        "absentee": False,
        "outsider": 404,
        "staff": 404,
    }


def test_a_shared_draft_is_read_by_those_who_attended_and_they_are_mailed(client, world):
    minutes = _write(world)

    share_minutes(minutes, by=world["facilitator"])

    seen = {role: _sees_summary(client, world, role) for role in ROLES}
    assert seen == {
        "facilitator": True,
        "penvoerder": True,
        "preparer": True,
        "attendee": True,
        "absentee": False,
        "outsider": 404,
        "staff": 404,
    }
    mailed = set(
        Mail.objects.filter(kind=MailKind.MINUTES_SHARED).values_list("recipient", flat=True)
    )
    assert mailed == {world["attendee"].pk}


def test_published_minutes_are_read_by_every_member_and_by_nobody_else(client, world):
    minutes = _write(world)
    share_minutes(minutes, by=world["facilitator"], now=_week_ago())

    publish_minutes(minutes, by=world["facilitator"])
    publish_minutes(minutes, by=world["facilitator"])  # twice: nothing more

    seen = {role: _sees_summary(client, world, role) for role in ROLES}
    assert seen == {
        "facilitator": True,
        "penvoerder": True,
        "preparer": True,
        "attendee": True,
        "absentee": True,
        "outsider": 404,
        "staff": 404,
    }
    members = {world[r].pk for r in ("facilitator", "penvoerder", "preparer", "attendee")}
    mailed = list(
        Mail.objects.filter(kind=MailKind.MINUTES_PUBLISHED).values_list("recipient", flat=True)
    )
    assert sorted(mailed) == sorted(members | {world["absentee"].pk})


def test_publishing_needs_the_draft_shared_first(client, world):
    _write(world)
    response = _client(client, world["facilitator"]).post(
        reverse("meetings:minutes-publish", args=[world["meeting"].pk]), follow=True
    )

    assert "Deel het concept eerst met de aanwezigen" in response.content.decode()
    assert Minutes.objects.get().status == MinutesStatus.DRAFT


def test_published_minutes_can_no_longer_be_changed(client, world):
    minutes = _write(world)
    share_minutes(minutes, by=world["facilitator"], now=_week_ago())
    publish_minutes(minutes, by=world["facilitator"])

    response = _client(client, world["facilitator"]).post(
        reverse("meetings:minutes-edit", args=[world["meeting"].pk]),
        {"summary": "Anders", "decisions": ""},
    )

    assert "kan niet meer worden gewijzigd" in response.content.decode()
    assert Minutes.objects.get().summary == SUMMARY


@pytest.mark.parametrize("count", [1, 12])
def test_minutes_page_and_start_page_make_fixed_queries(
    client, world, django_assert_num_queries, count
):
    minutes = _write(world, with_action=False)
    for n in range(count):
        add_action_item(
            world["meeting"],
            by=world["facilitator"],
            description=f"Actie {n}",
            owner=world["attendee"],
            due_date=timezone.localdate() + datetime.timedelta(days=5),
        )
    share_minutes(minutes, by=world["facilitator"], now=_week_ago())
    publish_minutes(minutes, by=world["facilitator"])
    client = _client(client, world["attendee"])
    url = reverse("meetings:minutes", args=[world["meeting"].pk])
    client.get(url)

    with django_assert_num_queries(11):  # the meeting and its rule checked once
        page = client.get(url)
    with django_assert_num_queries(15):
        start = client.get(reverse("networks:my-networks"))

    assert page.content.decode().count("Actie ") == count
    # On the start page each action is named twice: its text and its "Klaar" button's label.
    assert start.content.decode().count("Actie ") == 2 * count
