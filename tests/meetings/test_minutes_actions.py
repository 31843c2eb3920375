"""Actions of published minutes (issue 13 item 5): the owner sees hers on /mijn/ and
ticks it done (nobody else can), open actions show on the next meeting's preparation page,
owners are reminded once before the due date by the daily task."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from mails.models import Mail
from meetings.enums import MailKind
from meetings.models import ActionItem
from meetings.services import (
    add_action_item,
    complete_action_item,
    publish_minutes,
    send_action_reminders,
    share_minutes,
)
from tests.factories import MeetingFactory
from tests.factories.meetings import past_meeting
from tests.meetings.minutes_helpers import ACTION, _client, _week_ago, _write


def _publish(world):
    minutes = _write(world)
    share_minutes(minutes, by=world["facilitator"], now=_week_ago())
    publish_minutes(minutes, by=world["facilitator"])
    return ActionItem.objects.get()


def test_the_owner_sees_her_open_action_on_mijn_only_once_published(client, world):
    minutes = _write(world)
    client = _client(client, world["attendee"])
    before = client.get(reverse("networks:my-networks")).content.decode()
    share_minutes(minutes, by=world["facilitator"], now=_week_ago())
    publish_minutes(minutes, by=world["facilitator"])

    after = client.get(reverse("networks:my-networks")).content.decode()

    assert (ACTION in before, ACTION in after) == (False, True)


def test_the_owner_ticks_her_action_done_and_it_leaves_mijn(client, world):
    action = _publish(world)
    client = _client(client, world["attendee"])

    response = client.post(reverse("meetings:action-done", args=[action.pk]), follow=True)

    page = response.content.decode()
    assert "is afgevinkt als afgerond" in page
    assert f"<li>{ACTION}" not in page and "Mijn openstaande actiepunten" not in page
    assert ActionItem.objects.get().is_done


@pytest.mark.parametrize("role", ["facilitator", "absentee", "outsider", "staff"])
def test_nobody_but_the_owner_ticks_an_action(client, world, role):
    action = _publish(world)

    response = _client(client, world[role]).post(reverse("meetings:action-done", args=[action.pk]))

    assert response.status_code == 404
    assert ActionItem.objects.get().done_at is None


def test_the_next_meetings_preparation_page_shows_open_actions(client, world):
    action = _publish(world)
    next_meeting = MeetingFactory(network=world["network"])
    client = _client(client, world["facilitator"])

    open_page = client.get(reverse("meetings:meeting-prepare", args=[next_meeting.pk]))
    complete_action_item(action, by=world["attendee"])
    done_page = client.get(reverse("meetings:meeting-prepare", args=[next_meeting.pk]))

    assert (ACTION in open_page.content.decode(), ACTION in done_page.content.decode()) == (
        True,
        False,
    )


def test_owners_are_reminded_once_before_the_due_date(world):
    minutes = _write(world)
    add_action_item(
        world["meeting"],
        by=world["facilitator"],
        description="Later",
        owner=world["absentee"],
        due_date=timezone.localdate() + datetime.timedelta(days=60),
    )
    share_minutes(minutes, by=world["facilitator"], now=_week_ago())
    publish_minutes(minutes, by=world["facilitator"])
    action = ActionItem.objects.get(description=ACTION)
    today = action.due_date - datetime.timedelta(days=2)

    first = send_action_reminders(today=today)
    second = send_action_reminders(today=today)
    too_early = send_action_reminders(today=action.due_date - datetime.timedelta(days=4))

    reminders = Mail.objects.filter(kind=MailKind.ACTION_REMINDER)
    assert (first, second, too_early) == (1, 0, 0)
    assert list(reminders.values_list("recipient", flat=True)) == [world["attendee"].pk]


def test_no_reminder_for_a_done_action_or_unpublished_minutes(world):
    action = _publish(world)
    complete_action_item(action, by=world["attendee"])
    draft_meeting = past_meeting(world["network"], days_ago=1)
    add_action_item(
        draft_meeting,
        by=world["facilitator"],
        description="Concept-actie",
        owner=world["attendee"],
        due_date=action.due_date,
    )

    sent = send_action_reminders(today=action.due_date - datetime.timedelta(days=1))

    assert sent == 0
    assert Mail.objects.filter(kind=MailKind.ACTION_REMINDER).count() == 0


def test_the_reminder_task_is_scheduled_daily():
    from django.conf import settings

    entry = settings.CELERY_BEAT_SCHEDULE["action-reminders"]
    assert entry["task"] == "leernetwerk.meetings.send_action_reminders"
