"""Rules that moved to one place still hold where they used to be enforced.

- Membership rows are written by networks.memberships.add_member only; the closed-network rule
  lives beside it and still refuses a participant on every path (invite, accept, import).
- "An address with an account joins only as that account" moved from the accept view into
  the accept service: the page still asks to log in, and the service itself refuses.
- The role predicates remember roles only for the request's own user (no request global):
  a user loaded elsewhere sees a membership change at once.
- The notice "the rest follows" moved from enqueue (via a request global) to the web layer:
  the person who invites with the broker down is still told."""

from __future__ import annotations

import datetime

import pytest
import tablib
from django.contrib.messages import get_messages
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from leernetwerk.celery import app
from leernetwerk.models import OutboxTask
from networks.enums import Access, Role
from networks.memberships import add_member
from networks.models import Membership
from networks.rules import is_member
from participants import imports, services
from tests.factories import NetworkFactory, make_facilitator, make_member
from tests.factories.participants import InvitationFactory

WILL_FOLLOW = (
    "Achtergrondverwerking is even niet beschikbaar. Uw wijziging is opgeslagen; "
    "de rest volgt vanzelf zodra die weer werkt."
)


def _closed_started_network():
    return NetworkFactory(
        access=Access.CLOSED, start_date=timezone.localdate() - datetime.timedelta(days=30)
    )


@pytest.mark.django_db
def test_closed_started_network_refuses_a_participant_by_invitation():
    network = _closed_started_network()
    with pytest.raises(ValidationError):
        services.invite_member(network, email="nieuw@school.nl", by=make_facilitator(network))
    assert network.invitations.count() == 0


@pytest.mark.django_db
def test_closed_started_network_refuses_a_participant_accepting_an_old_invitation():
    network = _closed_started_network()
    invitation = InvitationFactory(network=network, email="later@school.nl")
    with pytest.raises(services.InvitationError):
        services.accept_invitation(
            invitation, first_name="Anna", last_name="Bos", password="een-Sterk-wachtwoord-42"
        )
    assert Membership.objects.filter(network=network).count() == 0


@pytest.mark.django_db
def test_closed_started_network_refuses_an_import():
    network = _closed_started_network()
    data = tablib.Dataset(headers=["email", "first_name", "last_name"])
    data.append(["import@school.nl", "Ina", "Port"])
    with pytest.raises(ValidationError):
        imports.import_members(network, data, by=make_facilitator(network))
    assert Membership.objects.filter(network=network, role=Role.PARTICIPANT).count() == 0


@pytest.mark.django_db
def test_add_member_twice_keeps_one_row_and_brings_back_who_left():
    network = NetworkFactory()
    person = make_member(NetworkFactory())
    first = add_member(network, person, role=Role.PARTICIPANT)
    first.left_on = timezone.localdate()
    first.save(update_fields=["left_on"])

    again = add_member(network, person, role=Role.PARTICIPANT)

    assert again.pk == first.pk
    assert again.left_on is None
    assert Membership.objects.filter(network=network, person=person).count() == 1


@pytest.mark.django_db
def test_accept_service_refuses_an_existing_address_without_that_account():
    person = make_member(NetworkFactory())
    invitation = InvitationFactory(email=person.email.upper())
    other = make_member(NetworkFactory())

    with pytest.raises(services.InvitationError):
        services.accept_invitation(invitation, user=other)
    with pytest.raises(services.InvitationError):
        services.accept_invitation(
            invitation, first_name="Twee", last_name="De", password="een-Sterk-wachtwoord-42"
        )
    assert Membership.objects.filter(network=invitation.network).count() == 0


@pytest.mark.django_db
def test_accept_page_asks_someone_signed_in_as_another_account_to_log_in(client):
    person = make_member(NetworkFactory())
    invitation = InvitationFactory(email=person.email)
    client.force_login(make_member(NetworkFactory()))
    url = reverse("participants:invitation-accept", args=[services.invitation_token(invitation)])

    response = client.post(url)

    assert "Log eerst in" in response.content.decode()
    assert Membership.objects.filter(network=invitation.network).count() == 0


@pytest.mark.django_db
def test_role_predicate_outside_a_request_sees_a_new_membership_at_once():
    network = NetworkFactory()
    person = make_member(NetworkFactory())
    assert is_member.test(person, network) is False

    add_member(network, person, role=Role.PARTICIPANT)

    assert is_member.test(person, network) is True


@pytest.fixture
def broker_down():
    previous = (app.conf.task_always_eager, app.conf.get("broker_write_url"))
    app.conf.task_always_eager = False
    app.conf.broker_write_url = "redis://127.0.0.1:9/0"  # the discard port: nothing listens
    app._pool = None
    app.amqp._producer_pool = None
    yield
    app.conf.task_always_eager, app.conf.broker_write_url = previous
    app._pool = None
    app.amqp._producer_pool = None


@pytest.mark.django_db(transaction=True)
def test_inviting_with_the_broker_down_saves_and_tells_the_person(client, broker_down):
    network = NetworkFactory()
    client.force_login(make_facilitator(network))

    response = client.post(
        reverse("participants:invite", args=[network.slug]), {"email": "wacht@school.nl"}
    )

    assert network.invitations.get().email == "wacht@school.nl"
    assert OutboxTask.objects.get().task_name == "leernetwerk.participants.send_invitation"
    assert [str(m) for m in get_messages(response.wsgi_request)][-1] == WILL_FOLLOW
