"""A full network's waiting list in real Chromium: a visitor registers for a full network and
is told she is on the waiting list at position 1 (on the page and by mail); the facilitator
sees her on the list and raises the maximum; she receives the offer, opens its link,
accepts and is a member; the facilitator sees the list change."""

import re

import pytest
from django.core import mail
from playwright.sync_api import expect

from tests.conftest import assert_accessible, login
from tests.factories import DEFAULT_PASSWORD, NetworkFactory, make_facilitator, make_member

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SANNE = "sanne.wacht@school.example.nl"
PASSWORD = "Wachten-loont-2026!"


def mails_to(address: str) -> list:
    return [m for m in mail.outbox if m.to == [address]]


def test_a_visitor_waits_is_offered_a_place_and_joins(page, live_server, browser):
    network = NetworkFactory(name="Moreel Beraad", slug="moreel-beraad", max_participants=2)
    facilitator = make_facilitator(network, first_name="Fenna", last_name="Faciliteert")
    make_member(network)
    make_member(network)

    # The visitor: the directory says the network is full; she registers for the list.
    page.goto(f"{live_server.url}/leernetwerken/moreel-beraad/")
    expect(
        page.get_by_role("heading", name="Vol — aanmelden voor de wachtlijst", level=2)
    ).to_be_visible()
    assert_accessible(page)
    page.get_by_label("Naam").fill("Sanne Wacht")
    page.get_by_label("E-mailadres").fill(SANNE)
    page.get_by_role("button", name="Vol — aanmelden voor de wachtlijst").click()
    expect(page.get_by_text("u staat op de wachtlijst, op positie 1.")).to_be_visible()
    assert_accessible(page)
    (waiting_mail,) = mails_to(SANNE)
    assert waiting_mail.subject == "U staat op de wachtlijst van Moreel Beraad"
    assert "Uw positie op de wachtlijst: 1." in waiting_mail.body

    # The facilitator sees her on the members page and raises the maximum.
    organiser = browser.new_context(locale="nl-NL", timezone_id="Europe/Amsterdam")
    fpage = organiser.new_page()
    login(fpage, live_server, facilitator.email, DEFAULT_PASSWORD)
    fpage.goto(f"{live_server.url}/deelnemers/netwerk/moreel-beraad/leden/")
    waiting_list = fpage.get_by_role("table", name="Wachtlijst")
    row = waiting_list.get_by_role("row", name=re.compile("Sanne Wacht"))
    expect(row).to_contain_text("1")
    expect(row).to_contain_text(SANNE)
    expect(row).to_contain_text("wachtend")
    assert_accessible(fpage)
    fpage.get_by_role("link", name="Maximum wijzigen").click()
    fpage.get_by_label("Maximum aantal deelnemers").fill("1")
    fpage.get_by_role("button", name="Opslaan").click()
    expect(
        fpage.get_by_text("Het netwerk heeft nu 2 deelnemers; het maximum kan niet lager zijn.")
    ).to_be_visible()
    assert_accessible(fpage)
    fpage.get_by_label("Maximum aantal deelnemers").fill("3")
    fpage.get_by_role("button", name="Opslaan").click()
    expect(fpage.get_by_text("Opgeslagen: maximaal 3 deelnemers.")).to_be_visible()
    expect(row).to_contain_text("plaats aangeboden tot")

    # She receives the offer and accepts it through its link.
    offer = next(m for m in mails_to(SANNE) if m is not waiting_mail)
    assert offer.subject == "Er is een plaats vrijgekomen in Moreel Beraad"
    link = re.search(r"https?://[^/\s]+(/deelnemers/uitnodiging/\S+)", offer.body).group(1)
    page.goto(f"{live_server.url}{link}")
    expect(
        page.get_by_text("Er is via de wachtlijst een plaats voor u vrijgekomen.")
    ).to_be_visible()
    assert_accessible(page)
    page.get_by_label("Voornaam").fill("Sanne")
    page.get_by_label("Achternaam").fill("Wacht")
    page.locator("#id_password1").fill(PASSWORD)
    page.locator("#id_password2").fill(PASSWORD)
    page.get_by_role("button", name="Account aanmaken en deelnemen").click()
    expect(page.get_by_text("u bent nu lid van Moreel Beraad")).to_be_visible()
    page.goto(f"{live_server.url}/netwerken/moreel-beraad/")
    expect(page.get_by_role("heading", name="Moreel Beraad", level=1)).to_be_visible()
    expect(page.get_by_role("table", name="Leden")).to_contain_text("Sanne Wacht")

    # The facilitator sees the list change: nobody waits, Sanne is a member.
    fpage.reload()
    expect(fpage.get_by_text("Er staat niemand op de wachtlijst.")).to_be_visible()
    expect(fpage.get_by_role("table", name="Leden")).to_contain_text(SANNE)
    assert_accessible(fpage)
    organiser.close()
