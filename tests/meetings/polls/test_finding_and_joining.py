"""Finding open date polls (issue 13 item 2): on /mijn/ and in the meetings list until a
date is chosen; who joins the network while a poll is open is invited to it once."""

import datetime

import pytest
from django.core import mail
from django.utils import timezone

from meetings import services
from tests.factories import NetworkFactory, make_member
from tests.factories.meetings import MeetingFactory, PollAnswerFactory
from tests.meetings.pages import text_of
from tests.meetings.polls.helpers import _poll

pytestmark = pytest.mark.django_db


def test_an_open_poll_shows_on_mijn_and_in_the_meetings_list_until_chosen(
    client, network, facilitator
):
    anna = make_member(network)
    outsider = make_member(NetworkFactory())
    poll = _poll(network, days=(20,))
    client.force_login(anna)
    for path in ("/mijn/", "/bijeenkomsten/"):
        page = client.get(path)
        assert text_of(page, "open-polls-heading") == "Datumprikkers die op uw antwoord wachten"
        assert f'href="/bijeenkomsten/prikken/{poll.pk}/">Voorjaar</a>' in page.content.decode()
        assert "Nog niet gereageerd" in page.content.decode()
    PollAnswerFactory(option=poll.options.get(), person=anna, answer="yes")
    assert "U hebt geantwoord" in client.get("/mijn/").content.decode()
    client.force_login(outsider)
    assert "Voorjaar" not in client.get("/mijn/").content.decode()
    assert "Voorjaar" not in client.get("/bijeenkomsten/").content.decode()
    services.choose_poll_option(poll, poll.options.get(), by=facilitator)
    client.force_login(anna)
    assert "open-polls-heading" not in client.get("/mijn/").content.decode()


def _accept_invitation(client, network, email, django_capture_on_commit_callbacks):
    """The person follows her invitation link and creates her account: she joins."""
    from django.urls import reverse

    from participants.services import invitation_token
    from tests.factories.participants import InvitationFactory

    invitation = InvitationFactory(email=email, network=network)
    url = reverse("participants:invitation-accept", args=[invitation_token(invitation)])
    password = "een-Sterk-wachtwoord-42"
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            url,
            {
                "first_name": "Nora",
                "last_name": "Nieuw",
                "password1": password,
                "password2": password,
            },
            follow=True,
        )
    assert response.status_code == 200
    return response


def _poll_mails_to(email):
    return [m for m in mail.outbox if m.to == [email] and m.subject.startswith("Welke datums")]


def test_who_joins_while_a_poll_is_open_is_invited_to_it_once_and_finds_it_on_mijn(
    client, network, facilitator, django_capture_on_commit_callbacks
):
    open_poll = _poll(network, days=(20,))
    with django_capture_on_commit_callbacks(execute=True):
        services.send_poll_opened(open_poll)  # the members of then were told
    _poll(network, days=(21,), title="Gekozen", meeting=MeetingFactory(network=network))
    _poll(network, days=(22,), title="Verlopen", deadline=timezone.now() - datetime.timedelta(1))

    _accept_invitation(client, network, "nora@school.nl", django_capture_on_commit_callbacks)

    [invitation] = _poll_mails_to("nora@school.nl")
    assert invitation.subject == "Welke datums passen u? Voorjaar (Verbindend Vernieuwen)"
    assert f"/bijeenkomsten/prikken/{open_poll.pk}/" in invitation.body
    page = client.get("/mijn/").content.decode()
    assert f'href="/bijeenkomsten/prikken/{open_poll.pk}/">Voorjaar</a>' in page
    assert "Gekozen" not in page
    assert "Verlopen" not in page
    # The poll's own task running again (a redelivery) does not mail her a second time.
    with django_capture_on_commit_callbacks(execute=True):
        services.send_poll_opened(open_poll)
    assert len(_poll_mails_to("nora@school.nl")) == 1


def test_who_joins_when_no_poll_takes_answers_gets_no_poll_mail(
    client, network, facilitator, django_capture_on_commit_callbacks
):
    _poll(network, days=(21,), meeting=MeetingFactory(network=network))
    _poll(network, days=(22,), deadline=timezone.now() - datetime.timedelta(hours=1))

    _accept_invitation(client, network, "nora@school.nl", django_capture_on_commit_callbacks)

    assert _poll_mails_to("nora@school.nl") == []
    assert "open-polls-heading" not in client.get("/mijn/").content.decode()


def test_joining_again_after_being_told_sends_no_second_poll_mail(
    network, facilitator, django_capture_on_commit_callbacks
):
    from networks.enums import Role
    from networks.memberships import add_member

    poll = _poll(network, days=(20,))
    nora = make_member(network, email="nora@school.nl")
    with django_capture_on_commit_callbacks(execute=True):
        services.send_poll_opened(poll)
    membership = nora.memberships.get()
    membership.left_on = timezone.localdate()
    membership.save()
    with django_capture_on_commit_callbacks(execute=True):
        add_member(network, nora, role=Role.PARTICIPANT)  # she comes back
    assert len(_poll_mails_to("nora@school.nl")) == 1
