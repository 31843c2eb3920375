"""The guest speakers invited to a meeting hear when it is cancelled or moved: each speaker
who was sent the invitation and has not declined gets a Dutch notice, once, holding nothing
of the members. A cancellation has no link (she has no account) and the facilitator's
confirmation page says who will get one; a new time or place comes with her answer link, so
she can say whether she still comes. An edit that leaves time and place alone tells her
nothing."""

import datetime

import pytest
from django.core import mail
from django.template.defaultfilters import date as date_filter
from django.utils import timezone, translation

from meetings.tasks import task_send_meeting_mail, task_tell_speakers_of_move
from participants.enums import Visibility
from tests.factories import (
    LearningQuestionFactory,
    MeetingFactory,
    NetworkFactory,
    make_facilitator,
    make_member,
)
from tests.factories.meetings import GuestSpeakerFactory
from tests.meetings.views_helpers import FMT, meeting_form_of

pytestmark = pytest.mark.django_db

SHARED_QUESTION = "Gedeelde vraag-7731 over eigenaarschap in het team"
PRIVATE_QUESTION = "Geheime vraag-7731 over mijn eigen twijfel"


@pytest.fixture
def world():
    network = NetworkFactory(name="Verbindend Vernieuwen")
    facilitator = make_facilitator(network)
    member = make_member(network, first_name="Jacqueline", last_name="Verhoeven-7731")
    for title, visibility in (
        (SHARED_QUESTION, Visibility.NETWORK),
        (PRIVATE_QUESTION, Visibility.PRIVATE),
    ):
        question = LearningQuestionFactory(owner=member, title=title, visibility=visibility)
        question.networks.add(network)
    meeting = MeetingFactory(network=network, title="Samen leren", location="Utrecht")
    invited = timezone.now()
    speakers = {
        "pending": GuestSpeakerFactory(
            meeting=meeting,
            name="Dr. Anne Jansen",
            email="anne@uu.test",
            invited_at=invited,
            token="antwoord-anne",
        ),
        "accepted": GuestSpeakerFactory(
            meeting=meeting,
            name="Prof. Bart de Wit",
            email="bart@ou.test",
            invited_at=invited,
            answer="accepted",
            token="antwoord-bart",
        ),
        "declined": GuestSpeakerFactory(
            meeting=meeting,
            name="Carla Smit",
            email="carla@hu.test",
            invited_at=invited,
            answer="declined",
        ),
        "not_invited": GuestSpeakerFactory(
            meeting=meeting, name="Daan Bakker", email="daan@vu.test"
        ),
    }
    return {"facilitator": facilitator, "member": member, "meeting": meeting, **speakers}


def _cancel(client, world, capture):
    client.force_login(world["facilitator"])
    with capture(execute=True):
        return client.post(f"/bijeenkomsten/{world['meeting'].pk}/annuleren/", follow=True)


def _speaker_mails():
    speakers = {"anne@uu.test", "bart@ou.test", "carla@hu.test", "daan@vu.test"}
    return [message for message in mail.outbox if set(message.to) & speakers]


def test_the_cancel_page_names_the_speakers_who_will_be_told(client, world):
    client.force_login(world["facilitator"])
    page = client.get(f"/bijeenkomsten/{world['meeting'].pk}/annuleren/").content.decode()

    assert "krijgen een e-mail dat de bijeenkomst niet doorgaat" in page
    assert "Dr. Anne Jansen" in page
    assert "Prof. Bart de Wit" in page
    assert "Carla Smit" not in page  # declined
    assert "Daan Bakker" not in page  # never invited


def test_without_invited_speakers_the_cancel_page_mentions_none(client, world):
    for key in ("pending", "accepted"):
        world[key].delete()
    client.force_login(world["facilitator"])
    page = client.get(f"/bijeenkomsten/{world['meeting'].pk}/annuleren/").content.decode()
    assert "gastsprekers" not in page


def test_invited_speakers_who_did_not_decline_get_a_dutch_notice(
    client, world, django_capture_on_commit_callbacks
):
    page = _cancel(client, world, django_capture_on_commit_callbacks).content.decode()

    assert "De bijeenkomst is geannuleerd" in page
    notices = {message.to[0]: message for message in _speaker_mails()}
    assert set(notices) == {"anne@uu.test", "bart@ou.test"}
    notice = notices["anne@uu.test"]
    assert notice.subject.startswith("Geannuleerd: Samen leren (")
    assert notice.subject.endswith("waarvoor u als gastspreker was uitgenodigd")
    assert notice.body.startswith("Beste Dr. Anne Jansen,")
    assert "Verbindend Vernieuwen" in notice.body
    assert "gaat niet door" in notice.body
    assert "Samen leren" in notice.body
    assert "Utrecht" in notice.body
    assert "Beste Prof. Bart de Wit," in notices["bart@ou.test"].body


def test_a_speakers_notice_holds_nothing_of_the_members_and_no_link(
    client, world, django_capture_on_commit_callbacks
):
    _cancel(client, world, django_capture_on_commit_callbacks)
    members_mail = [m for m in mail.outbox if m.to == [world["member"].email]]

    assert len(members_mail) == 1  # the members are told as before
    notices = _speaker_mails()
    assert len(notices) == 2  # Anne's and Bart's, each looked through below
    for notice in notices:
        for text in (SHARED_QUESTION, PRIVATE_QUESTION, "Verhoeven-7731", "Jacqueline"):
            assert text not in notice.subject
            assert text not in notice.body
        assert "http" not in notice.body  # she has no account: no page to go to


def test_a_redelivered_cancellation_task_mails_each_speaker_once(
    client, world, django_capture_on_commit_callbacks
):
    _cancel(client, world, django_capture_on_commit_callbacks)
    task_send_meeting_mail.run(meeting_id=world["meeting"].pk, kind="cancellation")

    assert sorted(message.to[0] for message in _speaker_mails()) == [
        "anne@uu.test",
        "bart@ou.test",
    ]


def _edit(client, world, capture, **changes):
    """The facilitator saves the meeting form with `changes` and everything else as it is."""
    meeting = world["meeting"]
    post = meeting_form_of(meeting, **changes)
    client.force_login(world["facilitator"])
    with capture(execute=True):
        return client.post(f"/bijeenkomsten/{meeting.pk}/bewerken/", post, follow=True)


def _dutch(moment) -> str:
    """A moment as the notice writes it: "donderdag 17 december 2026 16:00"."""
    with translation.override("nl"):
        return date_filter(timezone.localtime(moment), "l j F Y H:i")


def _a_week_later(world) -> dict:
    start = timezone.localtime(world["meeting"].starts_at) + datetime.timedelta(days=7)
    return {
        "starts_at": start.strftime(FMT),
        "ends_at": (start + datetime.timedelta(hours=3)).strftime(FMT),
    }


def test_a_new_time_reaches_the_invited_speakers_with_their_answer_link(
    client, world, django_capture_on_commit_callbacks
):
    old_when = _dutch(world["meeting"].starts_at)
    mail.outbox.clear()
    _edit(client, world, django_capture_on_commit_callbacks, **_a_week_later(world))

    world["meeting"].refresh_from_db()
    new_when = _dutch(world["meeting"].starts_at)
    notices = {message.to[0]: message for message in _speaker_mails()}
    assert set(notices) == {"anne@uu.test", "bart@ou.test"}
    notice = notices["anne@uu.test"]
    assert notice.subject == (
        "Verplaatst: Samen leren (Verbindend Vernieuwen), waarvoor u als gastspreker bent "
        "uitgenodigd"
    )
    assert notice.body.startswith("Beste Dr. Anne Jansen,")
    assert "nieuw tijdstip of een nieuwe plaats" in notice.body
    assert f"Wanneer: {new_when}" in notice.body
    assert old_when not in notice.body
    assert "/bijeenkomsten/gastspreker/antwoord/antwoord-anne/" in notice.body
    assert "/bijeenkomsten/gastspreker/antwoord/antwoord-bart/" in notices["bart@ou.test"].body
    for message in notices.values():
        for text in (SHARED_QUESTION, PRIVATE_QUESTION, "Verhoeven-7731", "Jacqueline"):
            assert text not in message.body


def test_a_new_place_reaches_them_too(client, world, django_capture_on_commit_callbacks):
    mail.outbox.clear()
    _edit(client, world, django_capture_on_commit_callbacks, location="Zwolle")

    notices = _speaker_mails()
    assert sorted(message.to[0] for message in notices) == ["anne@uu.test", "bart@ou.test"]
    assert all("Locatie: Zwolle" in message.body for message in notices)


def test_an_edit_that_keeps_time_and_place_tells_the_speakers_nothing(
    client, world, django_capture_on_commit_callbacks
):
    mail.outbox.clear()
    _edit(client, world, django_capture_on_commit_callbacks, agenda="Een andere opening")

    assert _speaker_mails() == []
    assert [m.to for m in mail.outbox if m.to == [world["member"].email]]  # members are told


def test_a_redelivered_move_task_mails_each_speaker_once(
    client, world, django_capture_on_commit_callbacks
):
    mail.outbox.clear()
    _edit(client, world, django_capture_on_commit_callbacks, location="Zwolle")
    meeting = world["meeting"]
    meeting.refresh_from_db()
    task_tell_speakers_of_move.run(meeting_id=meeting.pk, sequence=meeting.sequence)

    assert sorted(message.to[0] for message in _speaker_mails()) == [
        "anne@uu.test",
        "bart@ou.test",
    ]


def test_a_speaker_entered_twice_is_told_once_of_each(
    client, world, django_capture_on_commit_callbacks
):
    GuestSpeakerFactory(
        meeting=world["meeting"],
        name="Anne Jansen",
        email="Anne@UU.test",  # the same address, typed again
        invited_at=timezone.now(),
        token="antwoord-anne-2",
    )
    mail.outbox.clear()
    _edit(client, world, django_capture_on_commit_callbacks, location="Zwolle")
    _cancel(client, world, django_capture_on_commit_callbacks)

    to_anne = [m.subject.split(":")[0] for m in mail.outbox if m.to[0].lower() == "anne@uu.test"]
    assert sorted(to_anne) == ["Geannuleerd", "Verplaatst"]
