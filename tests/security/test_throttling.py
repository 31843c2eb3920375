"""Throttling of mail-sending forms (issue 10, security 7): per address and per client, with a
Dutch message; a throttled submission sends and stores nothing."""

import pytest
from django.core import mail
from django.urls import reverse

from meetings.models import DatePoll
from networks.models import InterestRegistration
from participants.models import Invitation
from tests.factories import NetworkFactory, make_facilitator, make_member
from tests.factories.meetings import DatePollFactory, PollOptionFactory

pytestmark = pytest.mark.django_db
THROTTLED = (
    "Er zijn in korte tijd te veel berichten vanaf hier of naar dit adres verstuurd. "
    "Er is niets verstuurd; probeer het over een uur opnieuw."
)


def _register(client, network, email, **extra):
    return client.post(
        reverse("networks:directory-detail", args=[network.slug]),
        {"name": "Ina Interesse", "email": email},
        **extra,
    )


def test_interest_registrations_with_one_address_are_throttled(
    client, django_capture_on_commit_callbacks
):
    networks = [NetworkFactory() for _ in range(5)]
    for network in networks:
        make_facilitator(network)
    with django_capture_on_commit_callbacks(execute=True):
        answers = [
            _register(client, network, "ina@school.nl", REMOTE_ADDR=f"10.0.0.{n}")
            for n, network in enumerate(networks)
        ]
    assert [a.status_code for a in answers] == [302, 302, 302, 200, 200]
    assert answers[3].context["form"].non_field_errors() == [THROTTLED]
    assert THROTTLED in answers[3].content.decode()
    assert InterestRegistration.objects.count() == 3
    assert len(mail.outbox) == 3


def test_interest_registrations_from_one_client_are_throttled(
    client, django_capture_on_commit_callbacks
):
    network = NetworkFactory()
    make_facilitator(network)
    with django_capture_on_commit_callbacks(execute=True):
        answers = [_register(client, network, f"ina{n}@school.nl") for n in range(12)]
    assert [a.status_code for a in answers] == [302] * 10 + [200, 200]
    assert answers[10].context["form"].non_field_errors() == [THROTTLED]
    assert InterestRegistration.objects.count() == 10
    assert len(mail.outbox) == 10


def test_throttling_counts_an_address_in_any_spelling(client):
    networks = [NetworkFactory() for _ in range(4)]
    spellings = ["ina@school.nl", "INA@school.nl", " Ina@School.nl"]
    for n, (network, email) in enumerate(zip(networks, spellings, strict=False)):
        make_facilitator(network)
        assert _register(client, network, email, REMOTE_ADDR=f"10.0.1.{n}").status_code == 302
    make_facilitator(networks[3])
    answer = _register(client, networks[3], "ina@SCHOOL.nl", REMOTE_ADDR="10.0.1.9")
    assert answer.context["form"].non_field_errors() == [THROTTLED]


def test_invitations_to_one_address_are_throttled_at_the_field(
    client, django_capture_on_commit_callbacks
):
    network = NetworkFactory(slug="netwerk-a")
    client.force_login(make_facilitator(network))
    url = reverse("participants:invite", args=[network.slug])
    with django_capture_on_commit_callbacks(execute=True):
        answers = [client.post(url, {"email": "jet@school.nl"}) for _ in range(4)]
    assert [a.status_code for a in answers] == [302, 302, 302, 200]
    assert answers[3].context["form"].errors["email"] == [THROTTLED]
    assert THROTTLED in answers[3].content.decode()
    assert [m.to for m in mail.outbox] == [["jet@school.nl"]] * 3
    assert Invitation.objects.filter(email="jet@school.nl").count() == 3


def test_poll_reminders_are_throttled(client, django_capture_on_commit_callbacks):
    network = NetworkFactory()
    facilitator = make_facilitator(network)
    make_member(network)
    poll = DatePollFactory(network=network)
    PollOptionFactory(poll=poll)
    client.force_login(facilitator)
    url = reverse("meetings:poll-remind", args=[poll.pk])
    for _ in range(3):
        client.post(url)
    with django_capture_on_commit_callbacks(execute=True):
        answer = client.post(url, follow=True)
    assert THROTTLED in answer.content.decode()
    assert mail.outbox == []
    assert DatePoll.objects.count() == 1
