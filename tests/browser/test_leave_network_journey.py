"""Leaving a full network in real Chromium: a participant opens her network, chooses
"Netwerk verlaten", reads what follows and confirms; she is told she left, the network is
gone from her networks, and the first person on the waiting list receives the offer mail."""

import pytest
from django.core import mail
from playwright.sync_api import expect

from networks.services import register_interest
from tests.conftest import assert_accessible, login
from tests.factories import DEFAULT_PASSWORD, NetworkFactory, make_facilitator, make_member

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SANNE = "sanne.wacht@school.example.nl"


def test_a_participant_leaves_and_the_first_waiting_is_offered_her_place(page, live_server):
    network = NetworkFactory(name="Moreel Beraad", slug="moreel-beraad", max_participants=2)
    make_facilitator(network)
    petra = make_member(network, first_name="Petra", last_name="Pieters")
    make_member(network)
    register_interest(network, name="Sanne Wacht", email=SANNE)
    mail.outbox.clear()

    login(page, live_server, petra.email, DEFAULT_PASSWORD)
    page.goto(f"{live_server.url}/netwerken/moreel-beraad/")
    page.get_by_role("link", name="Netwerk verlaten").click()
    expect(page.get_by_role("heading", name="Netwerk verlaten", level=1)).to_be_visible()
    expect(page.get_by_text("Wilt u Moreel Beraad echt verlaten?")).to_be_visible()
    assert_accessible(page)
    assert mail.outbox == []  # nothing happens before she confirms

    page.get_by_role("button", name="Ja, netwerk verlaten").click()
    expect(
        page.get_by_text(
            "U heeft Moreel Beraad verlaten. U ontvangt er geen uitnodigingen meer voor."
        )
    ).to_be_visible()
    expect(page.get_by_role("heading", name="Mijn netwerken", level=1)).to_be_visible()
    expect(page.get_by_role("link", name="Moreel Beraad")).to_have_count(0)
    assert_accessible(page)

    (offer,) = [m for m in mail.outbox if m.to == [SANNE]]
    assert offer.subject == "Er is een plaats vrijgekomen in Moreel Beraad"
    assert "/deelnemers/uitnodiging/" in offer.body
