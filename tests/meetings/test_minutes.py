"""Minutes (verslag), issue 13 item 5, from the users' side: the facilitator (or the
preparation group) writes them with decisions and actions; those who attended may suggest
corrections for a week after the draft is shared; published minutes are read by every
member and by nobody else; owners tick their actions done on /mijn/ and are reminded before
the due date; open actions show on the next meeting's preparation page."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from mails.models import Mail
from meetings import minutes as rules_of
from meetings.enums import MailKind, MinutesStatus
from meetings.models import ActionItem, Minutes, MinutesCorrection
from meetings.services import (
    add_action_item,
    complete_action_item,
    publish_minutes,
    save_minutes,
    send_action_reminders,
    share_minutes,
    suggest_correction,
)
from tests.factories import (
    AttendanceFactory,
    MeetingFactory,
    NetworkFactory,
    make_facilitator,
    make_member,
    make_penvoerder,
    make_staff,
)
from tests.factories.meetings import past_meeting

SUMMARY = "We bespraken de gesprekkencyclus en het eigenaarschap van teams."
ACTION = "Rooster voor de intervisie rondsturen"


# --- pure rules -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("status", "expected"),
    [("present", True), ("late", True), ("absent", False), ("excused", False), (None, False)],
)
def test_attended_counts_present_and_late_only(status, expected):
    assert rules_of.attended(status) == expected


def test_corrections_are_open_for_exactly_a_week_after_sharing():
    shared = datetime.datetime(2026, 10, 1, 12, 0, tzinfo=datetime.UTC)
    week = datetime.timedelta(days=7)
    assert [
        rules_of.corrections_open(None, shared),
        rules_of.corrections_open(shared, shared - datetime.timedelta(seconds=1)),
        rules_of.corrections_open(shared, shared),
        rules_of.corrections_open(shared, shared + week - datetime.timedelta(seconds=1)),
        rules_of.corrections_open(shared, shared + week),
    ] == [False, False, True, True, False]


@pytest.mark.parametrize(
    ("due", "expected"),
    [
        (datetime.date(2026, 11, 9), False),  # the day before the meeting
        (datetime.date(2026, 11, 10), True),  # the meeting's day
        (datetime.date(2027, 11, 11), True),  # a year (366 days) later
        (datetime.date(2027, 11, 12), False),
    ],
)
def test_due_date_lies_between_the_meeting_and_a_year_later(due, expected):
    assert rules_of.due_date_allowed(due, datetime.date(2026, 11, 10)) == expected


@pytest.mark.parametrize(("days_left", "expected"), [(-1, False), (0, True), (3, True), (4, False)])
def test_owner_is_reminded_from_three_days_before_the_due_date(days_left, expected):
    today = datetime.date(2026, 12, 1)
    assert rules_of.reminder_due(today + datetime.timedelta(days=days_left), today) == expected


# --- the world ----------------------------------------------------------------------------


@pytest.fixture
def world(db):
    network = NetworkFactory(name="Verbindend Vernieuwen")
    other = NetworkFactory(name="Moreel Beraad")
    people = {
        "facilitator": make_facilitator(network),
        "penvoerder": make_penvoerder(network),
        "attendee": make_member(network, first_name="Jacqueline"),
        "absentee": make_member(network),
        "preparer": make_member(network),
        "outsider": make_member(other),
        "staff": make_staff(),
    }
    meeting = past_meeting(network, days_ago=9, title="Eigenaarschap")
    meeting.preparation_group.add(people["preparer"])
    AttendanceFactory(meeting=meeting, person=people["attendee"], status="present")
    AttendanceFactory(meeting=meeting, person=people["absentee"], status="absent")
    return {"network": network, "meeting": meeting, **people}


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


# --- writing ----------------------------------------------------------------------------


@pytest.mark.parametrize("role", ["facilitator", "penvoerder", "preparer"])
def test_organisers_and_the_preparation_group_write_the_minutes(client, world, role):
    response = _client(client, world[role]).post(
        reverse("meetings:minutes-edit", args=[world["meeting"].pk]),
        {"summary": SUMMARY, "decisions": "We starten maatjesgroepen"},
    )

    minutes = Minutes.objects.get(meeting=world["meeting"])
    assert (response.status_code, minutes.summary, minutes.decision_list, minutes.status) == (
        302,
        SUMMARY,
        ["We starten maatjesgroepen"],
        MinutesStatus.DRAFT,
    )


@pytest.mark.parametrize("role", ["attendee", "absentee", "outsider", "staff"])
def test_others_cannot_open_the_writing_page(client, world, role):
    response = _client(client, world[role]).get(
        reverse("meetings:minutes-edit", args=[world["meeting"].pk])
    )
    assert response.status_code == 404


def test_minutes_wait_until_the_meeting_has_started(client, world):
    future = MeetingFactory(network=world["network"])

    response = _client(client, world["facilitator"]).post(
        reverse("meetings:minutes-edit", args=[future.pk]), {"summary": SUMMARY}
    )

    assert response.status_code == 200
    assert "zodra de bijeenkomst is begonnen" in response.content.decode()
    assert Minutes.objects.count() == 0


def test_an_action_for_someone_outside_the_network_is_refused_at_the_field(client, world):
    _write(world, with_action=False)
    response = _client(client, world["facilitator"]).post(
        reverse("meetings:action-create", args=[world["meeting"].pk]),
        {
            "description": ACTION,
            "owner": world["outsider"].pk,
            "due_date": (timezone.localdate() + datetime.timedelta(days=7)).isoformat(),
        },
    )

    assert response.status_code == 200
    assert response.context["form"].errors == {"owner": ["Kies een lid van dit netwerk."]}
    assert ActionItem.objects.count() == 0


def test_the_service_refuses_an_owner_outside_the_network_too(world):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError) as error:
        add_action_item(
            world["meeting"],
            by=world["facilitator"],
            description=ACTION,
            owner=world["outsider"],
            due_date=timezone.localdate(),
        )

    assert error.value.message_dict == {"owner": ["Wie dit doet, moet lid zijn van dit netwerk."]}
    assert (Minutes.objects.count(), ActionItem.objects.count()) == (0, 0)


@pytest.mark.parametrize("days", [-3, 400])
def test_a_due_date_out_of_range_is_refused_at_the_field(client, world, days):
    """Before the meeting's day, or more than a year after it."""
    _write(world, with_action=False)
    meeting_day = timezone.localtime(world["meeting"].starts_at).date()
    response = _client(client, world["facilitator"]).post(
        reverse("meetings:action-create", args=[world["meeting"].pk]),
        {
            "description": ACTION,
            "owner": world["attendee"].pk,
            "due_date": (meeting_day + datetime.timedelta(days=days)).isoformat(),
        },
    )

    errors = response.context["form"].errors
    assert (response.status_code, list(errors)) == (200, ["due_date"])
    assert errors["due_date"][0].startswith("Kies een uiterste datum tussen ")
    assert ActionItem.objects.count() == 0


def test_removing_an_action_asks_first_and_then_removes_it(client, world):
    _write(world)
    action = ActionItem.objects.get()
    client = _client(client, world["facilitator"])
    url = reverse("meetings:action-delete", args=[action.pk])

    confirmation = client.get(url)
    assert ActionItem.objects.count() == 1
    response = client.post(url)

    assert "Wilt u het actiepunt" in confirmation.content.decode()
    assert response.status_code == 302
    assert ActionItem.objects.count() == 0


# --- who reads what, when ----------------------------------------------------------------


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


# --- corrections ---------------------------------------------------------------------------


def test_an_attendee_suggests_a_correction_and_the_writers_read_it(client, world):
    minutes = _write(world)
    share_minutes(minutes, by=world["facilitator"])

    response = _client(client, world["attendee"]).post(
        reverse("meetings:minutes-correction", args=[world["meeting"].pk]),
        {"text": "Het was de gesprekscyclus, niet de gesprekkencyclus."},
    )

    assert response.status_code == 302
    writer_page = _minutes_page(client, world, "facilitator").content.decode()
    co_writer_page = _minutes_page(client, world, "penvoerder").content.decode()
    assert "niet de gesprekkencyclus" in writer_page
    assert "niet de gesprekkencyclus" in co_writer_page  # the penvoerder writes too
    assert (
        Mail.objects.filter(
            recipient=world["facilitator"], key__startswith="minutes-correction:"
        ).count()
        == 1
    )


def test_a_member_who_did_not_attend_cannot_suggest_a_correction(client, world):
    minutes = _write(world)
    share_minutes(minutes, by=world["facilitator"])

    response = _client(client, world["absentee"]).post(
        reverse("meetings:minutes-correction", args=[world["meeting"].pk]), {"text": "Onjuist"}
    )

    assert response.context["form"].errors == {
        "text": ["Alleen wie bij de bijeenkomst aanwezig was, kan correcties voorstellen."]
    }
    assert MinutesCorrection.objects.count() == 0


def test_corrections_close_a_week_after_sharing(world):
    from django.core.exceptions import ValidationError

    minutes = _write(world)
    shared = timezone.now()
    share_minutes(minutes, by=world["facilitator"], now=shared)

    suggest_correction(world["meeting"], by=world["attendee"], text="Binnen de week", now=shared)
    with pytest.raises(ValidationError) as error:
        suggest_correction(
            world["meeting"],
            by=world["attendee"],
            text="Te laat",
            now=shared + datetime.timedelta(days=7, minutes=1),
        )

    assert error.value.message_dict == {
        "text": ["Correcties konden een week lang worden voorgesteld; die week is voorbij."]
    }
    assert list(MinutesCorrection.objects.values_list("text", flat=True)) == ["Binnen de week"]


def test_an_attendee_sees_her_own_suggestion_but_not_another_ones(client, world):
    minutes = _write(world)
    other_attendee = make_member(world["network"])
    AttendanceFactory(meeting=world["meeting"], person=other_attendee, status="present")
    share_minutes(minutes, by=world["facilitator"])
    suggest_correction(world["meeting"], by=world["attendee"], text="Mijn eigen voorstel")
    suggest_correction(world["meeting"], by=other_attendee, text="Voorstel van een ander")

    page = _minutes_page(client, world, "attendee").content.decode()

    assert ("Mijn eigen voorstel" in page, "Voorstel van een ander" in page) == (True, False)


# --- actions on /mijn/, the tick and the reminder ------------------------------------------


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


# --- query counts --------------------------------------------------------------------------


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
