"""Guest speakers: the briefing follows the owners' current choice on every page and mail
built later; facilitator-only questions reach the network's facilitators only; the speaker
answers the mailed invitation without an account and the facilitator sees the answer."""

import datetime

import pytest
from django.core import mail
from django.utils import timezone

from meetings.models import GuestSpeaker
from participants.enums import Visibility
from tests.factories import (
    LearningQuestionFactory,
    MeetingFactory,
    NetworkFactory,
    make_facilitator,
    make_member,
    make_penvoerder,
    make_staff,
)
from tests.factories.meetings import GuestSpeakerFactory, past_meeting

pytestmark = pytest.mark.django_db

NETWORK_SHARED = "Hoe deel ik leiderschap met het netwerk?"
FACILITATOR_ONLY = "Alleen voor de begeleider: hoe ga ik om met weerstand?"
PRIVATE = "Geheime vraag over mijn team"


@pytest.fixture
def world():
    network = NetworkFactory(name="Verbindend Vernieuwen")
    facilitator = make_facilitator(network)
    penvoerder = make_penvoerder(network)
    owner = make_member(network)
    past_meeting(network, theme="Eigenaarschap")
    meeting = MeetingFactory(network=network, title="Samen leren")
    questions = {}
    for title, visibility in (
        (NETWORK_SHARED, Visibility.NETWORK),
        (FACILITATOR_ONLY, Visibility.FACILITATOR),
        (PRIVATE, Visibility.PRIVATE),
    ):
        question = LearningQuestionFactory(owner=owner, title=title, visibility=visibility)
        question.networks.add(network)
        questions[visibility] = question
    speaker = GuestSpeakerFactory(meeting=meeting, name="Dr. Anne Jansen", email="anne@uu.test")
    return {
        "network": network,
        "facilitator": facilitator,
        "penvoerder": penvoerder,
        "owner": owner,
        "meeting": meeting,
        "questions": questions,
        "speaker": speaker,
    }


def _meeting_page(client, user, meeting) -> str:
    client.force_login(user)
    return client.get(meeting.get_absolute_url()).content.decode()


def _invite(client, world, capture):
    client.force_login(world["facilitator"])
    with capture(execute=True):
        return client.post(
            f"/bijeenkomsten/gastspreker/{world['speaker'].pk}/uitnodigen/", follow=True
        )


def test_facilitator_sees_network_and_facilitator_shared_questions_in_the_briefing(client, world):
    page = _meeting_page(client, world["facilitator"], world["meeting"])
    assert "Eigenaarschap" in page
    assert NETWORK_SHARED in page
    assert FACILITATOR_ONLY in page
    assert PRIVATE not in page


def test_penvoerder_sees_no_question_shared_only_with_the_facilitator(client, world):
    page = _meeting_page(client, world["penvoerder"], world["meeting"])
    assert NETWORK_SHARED in page
    assert FACILITATOR_ONLY not in page
    assert PRIVATE not in page


def test_staff_see_no_learning_question_on_the_meeting_page_or_in_the_admin(client, world):
    staff = make_staff(is_staff=True, is_superuser=True)
    page = _meeting_page(client, staff, world["meeting"])
    response = client.get(f"/beheer/meetings/meeting/{world['meeting'].pk}/change/")
    assert response.status_code == 200
    assert "Dr. Anne Jansen" in response.content.decode()  # the speaker's metadata is there
    admin = response.content.decode()
    for text in (NETWORK_SHARED, FACILITATOR_ONLY, PRIVATE):
        assert text not in page
        assert text not in admin


def test_a_question_made_private_again_is_gone_from_the_briefing_shown_later(client, world):
    assert NETWORK_SHARED in _meeting_page(client, world["facilitator"], world["meeting"])
    question = world["questions"][Visibility.NETWORK]
    question.visibility = Visibility.PRIVATE
    question.save()
    assert NETWORK_SHARED not in _meeting_page(client, world["facilitator"], world["meeting"])


def test_questions_of_a_member_who_left_are_gone_from_the_briefing(client, world):
    world["owner"].memberships.update(left_on=timezone.localdate())
    page = _meeting_page(client, world["facilitator"], world["meeting"])
    assert NETWORK_SHARED not in page
    assert FACILITATOR_ONLY not in page


def test_invitation_mail_holds_only_what_is_shared_with_the_network_now(
    client, world, django_capture_on_commit_callbacks
):
    world["questions"][Visibility.NETWORK].networks.clear()  # unlinked before sending
    other = LearningQuestionFactory(
        owner=world["owner"], title="Wat leer ik van mijn collega's?", visibility="network"
    )
    other.networks.add(world["network"])

    page = _invite(client, world, django_capture_on_commit_callbacks).content.decode()

    assert "De uitnodiging met de briefing is verstuurd naar anne@uu.test." in page
    assert [m.to for m in mail.outbox] == [["anne@uu.test"]]
    body = mail.outbox[0].body
    assert "Wat leer ik van mijn collega" in body
    assert "Eigenaarschap" in body
    assert NETWORK_SHARED not in body
    assert FACILITATOR_ONLY not in body
    assert PRIVATE not in body
    speaker = GuestSpeaker.objects.get()
    assert f"/bijeenkomsten/gastspreker/antwoord/{speaker.token}/" in body


def test_sending_the_invitation_twice_mails_once(client, world, django_capture_on_commit_callbacks):
    _invite(client, world, django_capture_on_commit_callbacks)
    page = _invite(client, world, django_capture_on_commit_callbacks).content.decode()
    assert len(mail.outbox) == 1
    assert "De uitnodiging was al naar dit adres verstuurd." in page


def test_speaker_accepts_from_the_link_without_account_and_the_facilitator_sees_it(
    client, world, django_capture_on_commit_callbacks
):
    _invite(client, world, django_capture_on_commit_callbacks)
    client.logout()
    token = GuestSpeaker.objects.get().token
    url = f"/bijeenkomsten/gastspreker/antwoord/{token}/"

    page = client.get(url).content.decode()
    assert "Samen leren" in page
    assert NETWORK_SHARED in page
    assert FACILITATOR_ONLY not in page
    response = client.post(url, {"answer": "accepted"}, follow=True)
    assert "Dank u, uw antwoord is doorgegeven." in response.content.decode()

    page = _meeting_page(client, world["facilitator"], world["meeting"])
    assert "Antwoord: Geaccepteerd" in page


def test_an_unknown_answer_link_is_not_found(client, world):
    assert client.get("/bijeenkomsten/gastspreker/antwoord/geraden-token/").status_code == 404
    assert (
        client.post("/bijeenkomsten/gastspreker/antwoord/x/", {"answer": "accepted"}).status_code
        == 404
    )


def test_a_bad_answer_changes_nothing(client, world, django_capture_on_commit_callbacks):
    _invite(client, world, django_capture_on_commit_callbacks)
    client.logout()
    token = GuestSpeaker.objects.get().token
    response = client.post(f"/bijeenkomsten/gastspreker/antwoord/{token}/", {"answer": "maybe"})
    assert response.status_code == 200
    assert response.context["form"].errors == {"answer": ["Kies een antwoord."]}
    assert 'aria-describedby="answer-errors"' in response.content.decode()
    assert "Kies een antwoord." in response.content.decode()
    assert GuestSpeaker.objects.get().answer == "pending"


def test_after_the_meeting_the_speaker_is_told_at_her_answer_that_it_is_too_late(client, world):
    meeting = past_meeting(world["network"])
    speaker = GuestSpeakerFactory(meeting=meeting, token="een-lang-geheim-token-voor-de-spreker")
    response = client.post(
        f"/bijeenkomsten/gastspreker/antwoord/{speaker.token}/", {"answer": "accepted"}
    )
    assert response.status_code == 200
    assert response.context["form"].errors == {
        "answer": ["De bijeenkomst is voorbij; u kunt niet meer reageren."]
    }
    speaker.refresh_from_db()
    assert speaker.answer == "pending"


def test_penvoerder_and_member_cannot_invite_for_someone_elses_network(client, world):
    outsider = make_facilitator(NetworkFactory())
    member = make_member(world["network"])
    for user in (outsider, member):
        client.force_login(user)
        url = f"/bijeenkomsten/gastspreker/{world['speaker'].pk}/uitnodigen/"
        assert client.post(url).status_code == 404
    assert GuestSpeaker.objects.get().invited_at is None


def test_speaker_needs_an_email_address_dutch_message_nothing_saved(client, world):
    client.force_login(world["facilitator"])
    response = client.post(
        f"/bijeenkomsten/{world['meeting'].pk}/gastspreker/",
        {"name": "Zonder Adres", "email": "geen-adres", "topic": "Samen"},
    )
    assert response.context["form"].errors["email"] == ["Voer een geldig e-mailadres in."]
    assert GuestSpeaker.objects.filter(name="Zonder Adres").count() == 0


def test_no_invitation_after_the_meeting(client, world, django_capture_on_commit_callbacks):
    meeting = world["meeting"]
    meeting.starts_at = timezone.now() - datetime.timedelta(days=2)
    meeting.ends_at = meeting.starts_at + datetime.timedelta(hours=3)
    meeting.save()
    page = _invite(client, world, django_capture_on_commit_callbacks).content.decode()
    assert "Deze bijeenkomst is voorbij of afgelast." in page
    assert mail.outbox == []


# --- the speaker's answer reaches the facilitators -----------------------------------------


def _answer(client, world, capture, answer):
    token = GuestSpeaker.objects.get().token
    with capture(execute=True):
        return client.post(
            f"/bijeenkomsten/gastspreker/antwoord/{token}/", {"answer": answer}, follow=True
        )


def _answer_mails():
    return [m for m in mail.outbox if m.subject.startswith("Dr. Anne Jansen ")]


def test_speaker_declines_from_the_link_without_account_and_the_facilitator_sees_it(
    client, world, django_capture_on_commit_callbacks
):
    _invite(client, world, django_capture_on_commit_callbacks)
    client.logout()

    response = _answer(client, world, django_capture_on_commit_callbacks, "declined")

    assert "Dank u, uw antwoord is doorgegeven." in response.content.decode()
    speaker = GuestSpeaker.objects.get()
    assert (speaker.answer, speaker.answered_at is not None) == ("declined", True)
    page = _meeting_page(client, world["facilitator"], world["meeting"])
    assert "Antwoord: Afgeslagen" in page


@pytest.mark.parametrize(
    ("answer", "subject", "sentence"),
    [
        (
            "accepted",
            "Dr. Anne Jansen komt: Samen leren (Verbindend Vernieuwen)",
            "Dr. Anne Jansen heeft de uitnodiging om te spreken op “Samen leren” "
            "(Verbindend Vernieuwen) aangenomen.",
        ),
        (
            "declined",
            "Dr. Anne Jansen komt niet: Samen leren (Verbindend Vernieuwen)",
            "Dr. Anne Jansen heeft de uitnodiging om te spreken op “Samen leren” "
            "(Verbindend Vernieuwen) afgeslagen.",
        ),
    ],
)
def test_each_facilitator_is_mailed_who_answered_what_for_which_meeting(
    client, world, django_capture_on_commit_callbacks, answer, subject, sentence
):
    second = make_facilitator(world["network"])
    _invite(client, world, django_capture_on_commit_callbacks)
    client.logout()
    mail.outbox.clear()

    _answer(client, world, django_capture_on_commit_callbacks, answer)

    mails = _answer_mails()
    assert sorted(m.to[0] for m in mails) == sorted([world["facilitator"].email, second.email])
    assert {m.subject for m in mails} == {subject}
    body = " ".join(mails[0].body.split())
    assert sentence in body
    assert world["meeting"].get_absolute_url() in body
    # Not the penvoerder, the members or the speaker herself.
    others = {world["penvoerder"].email, world["owner"].email, "anne@uu.test"}
    assert [m.to for m in mail.outbox if others & set(m.to)] == []


def test_a_changed_answer_is_mailed_again_the_same_answer_twice_once(
    client, world, django_capture_on_commit_callbacks
):
    _invite(client, world, django_capture_on_commit_callbacks)
    client.logout()
    mail.outbox.clear()

    for answer in ("accepted", "accepted", "declined"):
        _answer(client, world, django_capture_on_commit_callbacks, answer)

    assert [m.subject.split(":")[0] for m in _answer_mails()] == [
        "Dr. Anne Jansen komt",
        "Dr. Anne Jansen komt niet",
    ]
    assert GuestSpeaker.objects.get().answer == "declined"


def test_after_a_cancellation_the_speaker_cannot_answer_and_nobody_is_mailed(
    client, world, django_capture_on_commit_callbacks
):
    from meetings.services import cancel_meeting

    _invite(client, world, django_capture_on_commit_callbacks)
    cancel_meeting(world["meeting"], by=world["facilitator"])
    client.logout()
    mail.outbox.clear()
    token = GuestSpeaker.objects.get().token

    page = client.get(f"/bijeenkomsten/gastspreker/antwoord/{token}/").content.decode()
    response = _answer(client, world, django_capture_on_commit_callbacks, "accepted")

    assert "Deze bijeenkomst is geannuleerd." in page
    assert "Ik neem de uitnodiging aan" not in page
    assert response.context["form"].errors == {"answer": ["Deze bijeenkomst is geannuleerd."]}
    assert GuestSpeaker.objects.get().answer == "pending"
    assert _answer_mails() == []
