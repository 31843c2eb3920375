"""A cancelled meeting is also cancelled for its guest speakers: each speaker who was sent
the invitation and has not declined gets a Dutch notice (once, without a link: she has no
account, and without anything of the members), and the facilitator's confirmation page
says who will get one."""

import pytest
from django.core import mail
from django.utils import timezone

from meetings.tasks import task_send_meeting_mail
from participants.enums import Visibility
from tests.factories import (
    LearningQuestionFactory,
    MeetingFactory,
    NetworkFactory,
    make_facilitator,
    make_member,
)
from tests.factories.meetings import GuestSpeakerFactory

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
            meeting=meeting, name="Dr. Anne Jansen", email="anne@uu.test", invited_at=invited
        ),
        "accepted": GuestSpeakerFactory(
            meeting=meeting,
            name="Prof. Bart de Wit",
            email="bart@ou.test",
            invited_at=invited,
            answer="accepted",
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
