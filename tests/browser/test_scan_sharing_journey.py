"""A participant of two networks shares a BC-Scan with one of them: its facilitator sees it,
the other network's facilitator does not."""

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from participants import bcscan
from tests.conftest import assert_accessible, login
from tests.factories import DEFAULT_PASSWORD, NetworkFactory, make_facilitator, make_member

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_scan_shared_with_one_of_two_networks(page, live_server, browser):
    a = NetworkFactory(name="Verbindend Vernieuwen", slug="verbindend-vernieuwen")
    b = NetworkFactory(name="Moreel Beraad", slug="moreel-beraad")
    owner = make_member(a, first_name="Anna", last_name="de Vries")
    make_member(b, person=owner)
    facilitator_a, facilitator_b = make_facilitator(a), make_facilitator(b)

    login(page, live_server, owner.email, DEFAULT_PASSWORD)
    page.goto(f"{live_server.url}/")
    page.get_by_role("link", name="BC-Scan").first.click()
    page.get_by_role("link", name="BC-Scan invullen").first.click()
    for index, statement in enumerate(bcscan.STATEMENTS):
        page.locator(f"#id_{statement.key}_{(index % 5)}").check()

    # Sharing without a network is refused, with the error at the networks.
    page.get_by_label("Ik en mijn facilitator").check()
    page.get_by_role("button", name="BC-Scan opslaan").click()
    networks = page.get_by_role("group", name="Mijn netwerken")
    expect(networks).to_contain_text("Kies minstens één netwerk om uw BC-Scan mee te delen")
    expect(page.get_by_text("Uw BC-Scan is niet opgeslagen")).to_be_visible()
    assert_accessible(page)

    networks.get_by_label("Verbindend Vernieuwen").check()
    page.get_by_role("button", name="BC-Scan opslaan").click()
    expect(page.get_by_role("heading", name="Uitslag BC-Scan", level=1)).to_be_visible()
    expect(page.get_by_text("Gedeeld in netwerken")).to_be_visible()
    expect(page.locator("dd").filter(has_text="Verbindend Vernieuwen")).to_have_count(1)
    expect(page.locator("dd").filter(has_text="Moreel Beraad")).to_have_count(0)
    assert_accessible(page)

    for facilitator, slug, count in (
        (facilitator_a, a.slug, 1),
        (facilitator_b, b.slug, 0),
    ):
        context = browser.new_context(locale="nl-NL", timezone_id="Europe/Amsterdam")
        other = context.new_page()
        login(other, live_server, facilitator.email, DEFAULT_PASSWORD)
        other.goto(live_server.url + reverse("participants:shared-questions", args=[slug]))
        expect(other.get_by_role("link", name="Anna de Vries")).to_have_count(count)
        context.close()
