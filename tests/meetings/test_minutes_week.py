"""The correction week of the minutes (issue 13 item 5), from the users' side: those who
attended may suggest corrections for seven days after the draft is put up for correction;
each suggestion is mailed to the writers of the minutes; nobody publishes before the week
is over, and a daily run at 06:00 publishes what is due, once."""

import datetime

import pytest
from celery.schedules import crontab
from django.conf import settings
from django.core import mail
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from leernetwerk.celery import app
from mails.enums import Frequency, MailStatus
from mails.models import Mail, MailPreference
from meetings import minutes as rules_of
from meetings.enums import MailKind, MinutesStatus
from meetings.models import Minutes
from meetings.services import (
    publish_due_minutes,
    publish_minutes,
    save_minutes,
    share_minutes,
    suggest_correction,
)
from tests.factories import (
    AttendanceFactory,
    NetworkFactory,
    make_facilitator,
    make_member,
    make_penvoerder,
)
from tests.factories.meetings import past_meeting

WEEK = datetime.timedelta(days=7)
MONTHS = (
    "januari februari maart april mei juni juli augustus september oktober november december"
).split()


@pytest.mark.parametrize(
    ("after_sharing", "expected"),
    [
        (datetime.timedelta(0), False),
        (WEEK - datetime.timedelta(seconds=1), False),
        (WEEK, True),
        (WEEK + datetime.timedelta(days=30), True),
    ],
)
def test_minutes_may_be_published_once_the_week_after_sharing_is_over(after_sharing, expected):
    shared = datetime.datetime(2026, 10, 20, 9, 30, tzinfo=datetime.UTC)
    assert rules_of.may_publish(shared, shared + after_sharing) == expected


def test_minutes_never_shared_are_never_publishable():
    assert rules_of.may_publish(None, datetime.datetime(2026, 10, 20, tzinfo=datetime.UTC)) is False


@pytest.fixture
def world(db):
    network = NetworkFactory(name="Verbindend Vernieuwen")
    people = {
        "facilitator": make_facilitator(network, first_name="Frank"),
        "penvoerder": make_penvoerder(network, first_name="Petra"),
        "preparer": make_member(network, first_name="Paula"),
        "attendee": make_member(network, first_name="Jacqueline"),
        "absentee": make_member(network, first_name="Anton"),
        "outsider": make_member(NetworkFactory(), first_name="Otto"),
    }
    meeting = past_meeting(network, days_ago=12, title="Eigenaarschap")
    meeting.preparation_group.add(people["preparer"])
    for role in ("attendee", "preparer"):
        AttendanceFactory(meeting=meeting, person=people[role], status="present")
    AttendanceFactory(meeting=meeting, person=people["absentee"], status="absent")
    minutes = save_minutes(
        meeting, by=people["facilitator"], summary="We bespraken eigenaarschap.", decisions=""
    )
    return {"network": network, "meeting": meeting, "minutes": minutes, **people}


def _shared(world, *, days_ago: float) -> Minutes:
    share_minutes(
        world["minutes"],
        by=world["facilitator"],
        now=timezone.now() - datetime.timedelta(days=days_ago),
    )
    return Minutes.objects.get(pk=world["minutes"].pk)


def _published_mails() -> list[int]:
    return sorted(
        Mail.objects.filter(kind=MailKind.MINUTES_PUBLISHED).values_list("recipient", flat=True)
    )


def _members(world) -> list[int]:
    roles = ("facilitator", "penvoerder", "preparer", "attendee", "absentee")
    return sorted(world[role].pk for role in roles)


# --- publishing by hand -------------------------------------------------------------------


def test_publishing_during_the_week_is_refused_on_the_page_with_the_day_it_ends(client, world):
    minutes = _shared(world, days_ago=2)
    client.force_login(world["facilitator"])

    response = client.post(reverse("meetings:minutes-publish", args=[world["meeting"].pk]))
    page = client.get(response.url).content.decode()

    until = timezone.localtime(minutes.shared_at + WEEK)
    assert (
        f"Het verslag kan pas worden gepubliceerd vanaf {until.day} {MONTHS[until.month - 1]} "
        f"{until.year} {until:%H:%M}: tot dan kunnen de aanwezigen correcties voorstellen."
    ) in page
    assert Minutes.objects.get().status == MinutesStatus.SHARED
    assert _published_mails() == []


def test_the_service_refuses_to_publish_during_the_week_too(world):
    minutes = _shared(world, days_ago=6.9)

    with pytest.raises(ValidationError) as error:
        publish_minutes(minutes, by=world["penvoerder"])

    (message,) = error.value.messages
    assert message.startswith("Het verslag kan pas worden gepubliceerd vanaf ")
    assert message.endswith(": tot dan kunnen de aanwezigen correcties voorstellen.")
    assert (Minutes.objects.get().status, Minutes.objects.get().published_at) == (
        MinutesStatus.SHARED,
        None,
    )
    assert _published_mails() == []


def test_during_the_week_the_writer_sees_from_when_and_no_publish_button(client, world):
    _shared(world, days_ago=3)
    client.force_login(world["facilitator"])

    page = client.get(reverse("meetings:minutes", args=[world["meeting"].pk])).content.decode()

    assert "Het verslag kan worden gepubliceerd vanaf " in page
    assert "vanzelf gepubliceerd" in page
    assert "Publiceren in het netwerk" not in page


def test_after_the_week_the_writer_publishes_and_every_member_is_mailed_once(client, world):
    _shared(world, days_ago=7.01)
    client.force_login(world["facilitator"])
    url = reverse("meetings:minutes", args=[world["meeting"].pk])

    before = client.get(url).content.decode()
    client.post(reverse("meetings:minutes-publish", args=[world["meeting"].pk]))
    client.post(reverse("meetings:minutes-publish", args=[world["meeting"].pk]))  # twice

    assert "Publiceren in het netwerk" in before
    assert Minutes.objects.get().status == MinutesStatus.PUBLISHED
    assert _published_mails() == _members(world)


# --- the daily run ------------------------------------------------------------------------


def test_the_daily_run_publishes_what_is_due_once_and_mails_each_member_once(
    world, django_capture_on_commit_callbacks
):
    _shared(world, days_ago=7.5)
    still_running = past_meeting(world["network"], days_ago=5, title="Nog in de week")
    running = save_minutes(still_running, by=world["facilitator"], summary="Lopend", decisions="")
    share_minutes(running, by=world["facilitator"], now=timezone.now() - datetime.timedelta(days=6))
    draft_meeting = past_meeting(world["network"], days_ago=20, title="Alleen concept")
    save_minutes(draft_meeting, by=world["facilitator"], summary="Concept", decisions="")

    with django_capture_on_commit_callbacks(execute=True):
        first = publish_due_minutes()
    with django_capture_on_commit_callbacks(execute=True):
        second = publish_due_minutes()

    statuses = dict(Minutes.objects.values_list("meeting__title", "status"))
    assert (first, second) == (1, 0)
    assert statuses == {
        "Eigenaarschap": MinutesStatus.PUBLISHED,
        "Nog in de week": MinutesStatus.SHARED,
        "Alleen concept": MinutesStatus.DRAFT,
    }
    assert _published_mails() == _members(world)
    published_subjects = [m for m in mail.outbox if m.subject.startswith("Verslag gepubliceerd")]
    assert sorted(m.to[0] for m in published_subjects) == sorted(
        world[r].email for r in ("facilitator", "penvoerder", "preparer", "attendee", "absentee")
    )


def test_minutes_published_by_hand_are_not_published_or_mailed_again_by_the_run(world):
    minutes = _shared(world, days_ago=8)
    publish_minutes(minutes, by=world["facilitator"])
    published_at = Minutes.objects.get().published_at

    assert publish_due_minutes() == 0
    assert Minutes.objects.get().published_at == published_at
    assert _published_mails() == _members(world)


def test_the_daily_run_is_registered_with_beat_at_six_in_the_morning():
    entry = settings.CELERY_BEAT_SCHEDULE["minutes-publish-due"]

    app.loader.import_default_modules()
    assert entry["task"] == "leernetwerk.meetings.publish_due_minutes"
    assert entry["task"] in app.tasks
    assert entry["schedule"] == crontab(hour=6, minute=0)


# --- a suggestion reaches the writers -------------------------------------------------------


def test_each_writer_is_mailed_about_a_suggested_correction(
    client, world, django_capture_on_commit_callbacks
):
    _shared(world, days_ago=1)
    client.force_login(world["attendee"])

    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("meetings:minutes-correction", args=[world["meeting"].pk]),
            {"text": "Het was de gesprekscyclus."},
        )

    mailed = Mail.objects.filter(kind=MailKind.MINUTES_CORRECTION)
    assert sorted(mailed.values_list("recipient", flat=True)) == sorted(
        world[role].pk for role in ("facilitator", "penvoerder", "preparer")
    )
    sent = [m for m in mail.outbox if m.subject == "Voorgestelde correctie: Eigenaarschap"]
    assert sorted(m.to[0] for m in sent) == sorted(
        world[role].email for role in ("facilitator", "penvoerder", "preparer")
    )
    assert "Jacqueline" in sent[0].body
    assert f"/bijeenkomsten/{world['meeting'].pk}/verslag/" in sent[0].body


def test_a_writer_who_suggests_a_correction_herself_is_not_mailed_about_it(world):
    """The preparer attended and writes: the other writers hear of her suggestion, she not."""
    _shared(world, days_ago=1)

    suggest_correction(world["meeting"], by=world["preparer"], text="Een datum klopt niet.")

    mailed = Mail.objects.filter(kind=MailKind.MINUTES_CORRECTION)
    assert sorted(mailed.values_list("recipient", flat=True)) == sorted(
        world[role].pk for role in ("facilitator", "penvoerder")
    )


def test_the_correction_mail_follows_the_writers_digest_choice(world):
    MailPreference.objects.create(person=world["penvoerder"], frequency=Frequency.DAILY)
    _shared(world, days_ago=1)

    suggest_correction(world["meeting"], by=world["attendee"], text="Spelfout in de titel.")

    statuses = dict(
        Mail.objects.filter(kind=MailKind.MINUTES_CORRECTION).values_list("recipient", "status")
    )
    assert statuses == {
        world["facilitator"].pk: MailStatus.QUEUED,
        world["penvoerder"].pk: MailStatus.HELD,
        world["preparer"].pk: MailStatus.QUEUED,
    }


def test_a_suggestion_after_the_week_is_refused_and_nobody_is_mailed(client, world):
    _shared(world, days_ago=7.01)
    client.force_login(world["attendee"])

    response = client.post(
        reverse("meetings:minutes-correction", args=[world["meeting"].pk]),
        {"text": "Te laat"},
    )

    assert response.context["form"].errors == {
        "text": ["Correcties konden een week lang worden voorgesteld; die week is voorbij."]
    }
    assert Mail.objects.filter(kind=MailKind.MINUTES_CORRECTION).count() == 0


def test_the_attendees_mail_names_the_end_of_the_correction_week(
    world, django_capture_on_commit_callbacks
):
    shared = timezone.now()
    with django_capture_on_commit_callbacks(execute=True):
        share_minutes(world["minutes"], by=world["facilitator"], now=shared)

    until = timezone.localtime(shared + WEEK)
    (sent,) = [m for m in mail.outbox if m.to == [world["attendee"].email]]
    assert (
        f"u kunt een week lang correcties voorstellen, tot {until.day} "
        f"{MONTHS[until.month - 1]} {until.year} {until:%H:%M}."
    ) in " ".join(sent.body.split())
