"""Leaving a network and taking someone out of it, from the user's side: who is offered the
button and the page, the confirmation that says what follows, the message after, and the
refusals (the last facilitator, someone else's network, a membership already ended)."""

import pytest
from django.urls import reverse
from django.utils import timezone

from mails.models import Mail
from networks.enums import Role
from networks.models import Membership
from networks.services import register_interest
from tests.factories import (
    NetworkFactory,
    make_facilitator,
    make_member,
    make_penvoerder,
    make_staff,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    network = NetworkFactory(name="Samen Sturen", slug="samen-sturen", max_participants=2)
    people = {
        "facilitator": make_facilitator(network, first_name="Fenna", last_name="Faciliteert"),
        "penvoerder": make_penvoerder(network),
        "participant": make_member(network, first_name="Petra", last_name="Pieters"),
        "other": make_member(network),
        "staff": make_staff(),
        "outsider": make_member(NetworkFactory()),
    }
    register_interest(network, name="Anna Wacht", email="anna@school.example.nl")
    return network, people


def leave_url(network):
    return reverse("networks:leave-network", args=[network.slug])


def end_url(network, person, role=Role.PARTICIPANT):
    membership = Membership.objects.get(network=network, person=person, role=role)
    return reverse("participants:end-membership", args=[network.slug, membership.pk])


def members_url(network):
    return reverse("participants:network-members", args=[network.slug])


def is_current(network, person):
    return Membership.objects.current().filter(network=network, person=person).exists()


# --- leaving oneself ---------------------------------------------------------------------


def test_the_network_page_offers_leaving_and_the_start_page_only_lists_networks(client, world):
    # Leaving is a deliberate step taken on the network's own page; the start page lists the
    # networks as plain links, without a destructive button beside each.
    network, people = world
    client.force_login(people["participant"])
    content = client.get(network.get_absolute_url()).content.decode()
    assert "Netwerk verlaten" in content
    assert leave_url(network) in content
    start = client.get(reverse("networks:my-networks")).content.decode()
    assert network.get_absolute_url() in start
    assert leave_url(network) not in start


def test_staff_outside_the_network_are_not_offered_leaving(client, world):
    network, people = world
    client.force_login(people["staff"])
    assert "Netwerk verlaten" not in client.get(network.get_absolute_url()).content.decode()
    assert client.get(leave_url(network)).status_code == 404


def test_the_confirmation_says_what_happens_and_changes_nothing(client, world):
    network, people = world
    client.force_login(people["participant"])
    response = client.get(leave_url(network))
    content = response.content.decode()
    assert "Wilt u Samen Sturen echt verlaten?" in content
    assert "wordt uw plaats meteen aangeboden aan de eerste die wacht" in content
    assert "Ja, netwerk verlaten" in content
    assert is_current(network, people["participant"])


def test_a_participant_leaves_and_the_first_waiting_is_offered_her_place(client, world):
    network, people = world
    client.force_login(people["participant"])
    response = client.post(leave_url(network), follow=True)
    assert response.redirect_chain[-1][0] == reverse("networks:my-networks")
    content = response.content.decode()
    assert "U heeft Samen Sturen verlaten. U ontvangt er geen uitnodigingen meer voor." in content
    assert not is_current(network, people["participant"])
    membership = Membership.objects.get(network=network, person=people["participant"])
    assert membership.left_on == timezone.localdate()
    offer = Mail.objects.get(kind="place_offer")
    assert offer.to == "anna@school.example.nl"
    # She no longer sees the network's page.
    assert client.get(network.get_absolute_url()).status_code == 404


def test_an_outsider_cannot_leave_a_network_she_is_not_in(client, world):
    network, people = world
    client.force_login(people["outsider"])
    assert client.get(leave_url(network)).status_code == 404
    assert client.post(leave_url(network)).status_code == 404


def test_a_visitor_is_asked_to_sign_in(client, world):
    network, _ = world
    response = client.post(leave_url(network))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))


def test_the_only_facilitator_is_told_why_she_cannot_leave(client, world):
    network, people = world
    client.force_login(people["facilitator"])
    content = client.get(leave_url(network)).content.decode()
    refusal = (
        "Fenna Faciliteert is de enige facilitator van Samen Sturen en kan het netwerk niet "
        "op deze manier verlaten. Voeg eerst een andere facilitator toe."
    )
    assert refusal in content
    assert "Ja, netwerk verlaten" not in content
    response = client.post(leave_url(network), follow=True)
    assert response.redirect_chain[-1][0] == leave_url(network)
    assert refusal in response.content.decode()
    assert is_current(network, people["facilitator"])


# --- taking someone out -----------------------------------------------------------------


@pytest.mark.parametrize("role", ["facilitator", "penvoerder"])
def test_organisers_see_the_button_on_the_members_page(client, world, role):
    network, people = world
    client.force_login(people[role])
    content = client.get(members_url(network)).content.decode()
    assert "Uit het netwerk halen" in content
    assert end_url(network, people["participant"]) in content
    own = Membership.objects.get(network=network, person=people[role]).pk
    own_url = reverse("participants:end-membership", args=[network.slug, own])
    assert own_url not in content


def test_staff_see_the_members_but_no_button_and_may_not_end(client, world):
    network, people = world
    client.force_login(people["staff"])
    content = client.get(members_url(network)).content.decode()
    assert "Uit het netwerk halen" not in content
    url = end_url(network, people["participant"])
    assert client.get(url).status_code == 404
    assert client.post(url).status_code == 404
    assert is_current(network, people["participant"])


@pytest.mark.parametrize("role", ["participant", "outsider"])
def test_members_and_outsiders_may_not_end_a_membership(client, world, role):
    network, people = world
    client.force_login(people[role])
    url = end_url(network, people["other"])
    assert client.get(url).status_code == 404
    assert client.post(url).status_code == 404
    assert is_current(network, people["other"])


def test_the_confirmation_names_the_person_and_what_follows(client, world):
    network, people = world
    client.force_login(people["facilitator"])
    content = client.get(end_url(network, people["participant"])).content.decode()
    assert "Wilt u Petra Pieters (deelnemer) echt uit Samen Sturen halen?" in content
    assert "Haar lidmaatschap tot vandaag blijft bewaard." in content
    assert "Ja, uit het netwerk halen" in content
    assert is_current(network, people["participant"])


@pytest.mark.parametrize("role", ["facilitator", "penvoerder"])
def test_an_organiser_ends_a_membership_and_the_place_is_offered(client, world, role):
    network, people = world
    client.force_login(people[role])
    url = end_url(network, people["participant"])
    response = client.post(url, follow=True)
    assert response.redirect_chain[-1][0] == members_url(network)
    content = response.content.decode()
    assert "Petra Pieters is uit Samen Sturen gehaald." in content
    assert not is_current(network, people["participant"])
    assert Mail.objects.filter(kind="place_offer", to="anna@school.example.nl").count() == 1
    # The ended membership is no longer on the page; a second request finds nothing.
    assert url not in content
    assert client.post(url).status_code == 404
    assert Mail.objects.filter(kind="place_offer").count() == 1


def test_the_penvoerder_cannot_remove_the_only_facilitator(client, world):
    network, people = world
    client.force_login(people["penvoerder"])
    url = end_url(network, people["facilitator"], Role.FACILITATOR)
    content = client.get(url).content.decode()
    refusal = "Fenna Faciliteert is de enige facilitator van Samen Sturen"
    assert refusal in content
    assert "Ja, uit het netwerk halen" not in content
    response = client.post(url, follow=True)
    assert refusal in response.content.decode()
    assert is_current(network, people["facilitator"])


def test_an_organiser_cannot_end_her_own_membership_here(client, world):
    network, people = world
    client.force_login(people["penvoerder"])
    url = end_url(network, people["penvoerder"], Role.PENVOERDER)
    assert client.get(url).status_code == 404
    assert client.post(url).status_code == 404
    assert is_current(network, people["penvoerder"])


def test_a_membership_of_another_network_is_not_found(client, world):
    network, people = world
    other_network = NetworkFactory()
    stranger = make_member(other_network)
    membership = Membership.objects.get(network=other_network, person=stranger)
    client.force_login(people["facilitator"])
    url = reverse("participants:end-membership", args=[network.slug, membership.pk])
    assert client.post(url).status_code == 404
    assert is_current(other_network, stranger)
