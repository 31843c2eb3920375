"""A participant joins through an invitation, completes the profile, writes a private and a
shared learning question and takes the BC-Scan; the facilitator sees only the shared one."""

import pytest
from playwright.sync_api import expect

from participants import bcscan, services
from tests.conftest import assert_accessible, login
from tests.factories import DEFAULT_PASSWORD, NetworkFactory, SchoolFactory, make_facilitator

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "Netwerk-leren-2026!"


def test_invited_participant_journey_and_facilitator_view(page, live_server, browser):
    network = NetworkFactory(name="Verbindend Vernieuwen", slug="verbindend-vernieuwen")
    SchoolFactory(name="Het Baken", brin_code="12XY", town="Almere")
    SchoolFactory(name="Stedelijk Lyceum", brin_code="34ZZ", town="Enschede")
    facilitator = make_facilitator(network)
    invitation = services.invite_member(network, email="anna@school.example.nl", by=facilitator)
    token = services.invitation_token(invitation)

    # Accept the invitation: create the account.
    page.goto(f"{live_server.url}/deelnemers/uitnodiging/{token}/")
    expect(page.get_by_role("heading", name="Deelnemen aan Verbindend Vernieuwen")).to_be_visible()
    assert_accessible(page)
    page.get_by_label("Voornaam").fill("Anna")
    page.get_by_label("Achternaam").fill("de Vries")
    page.locator("#id_password1").fill(PASSWORD)
    page.locator("#id_password2").fill(PASSWORD)
    page.get_by_role("button", name="Account aanmaken en deelnemen").click()

    # Complete the profile; the school list is searched with htmx.
    expect(page.get_by_role("heading", name="Mijn profiel", level=1)).to_be_visible()
    expect(page.get_by_text("Uw account is aangemaakt")).to_be_visible()
    page.get_by_label("Zoek een school (naam, BRIN-code of plaats)").fill("12XY")
    school_select = page.get_by_label("School", exact=True)
    expect(school_select.locator("option", has_text="Stedelijk Lyceum")).to_have_count(0)
    school_select.select_option(label="Het Baken (12XY) – Almere")
    page.get_by_label("Functie").select_option(label="Rector / directeur")
    page.get_by_label("Telefoonnummer").fill("06-12345678")
    assert_accessible(page)
    page.get_by_role("button", name="Profiel opslaan").click()
    expect(page.get_by_text("Uw profiel is opgeslagen.")).to_be_visible()

    # A private learning question.
    page.get_by_role("link", name="Mijn leervragen").first.click()
    page.get_by_role("link", name="Nieuwe leervraag").click()
    page.get_by_label("Leervraag").fill("Hoe houd ik mijn eigen twijfels voor mezelf?")
    page.get_by_label("Doel").fill("Leerlingen ervaren een rustige school.")
    assert_accessible(page)
    page.get_by_role("button", name="Leervraag opslaan").click()
    expect(page.get_by_text("Uw leervraag is opgeslagen.")).to_be_visible()

    # A question shared with the facilitator; the goal states a means, so a hint appears.
    page.get_by_role("link", name="Mijn leervragen").first.click()
    page.get_by_role("link", name="Nieuwe leervraag").click()
    page.get_by_label("Leervraag").fill("Hoe geef ik leraren ruimte binnen kaders?")
    page.get_by_label("Doel").fill("De klassencomputers effectief gebruiken.")
    # While typing, a hint (not an error) points out that the goal may state a means.
    expect(page.get_by_text("Tip: dit doel begint niet met “Leerlingen”")).to_be_visible()
    page.get_by_label("Verbindend Vernieuwen").check()
    page.get_by_label("Samenwerking, leren en onderzoek bevorderen").check()
    page.get_by_label("Ik en mijn facilitator").check()
    page.get_by_role("button", name="Leervraag opslaan").click()
    expect(page.get_by_text("Uw doel begint niet met “Leerlingen”")).to_be_visible()
    assert_accessible(page)

    # The BC-Scan, then the chart with the table beside it.
    page.get_by_role("link", name="BC-Scan").first.click()
    page.get_by_role("link", name="BC-Scan invullen").first.click()
    assert_accessible(page)
    for index, statement in enumerate(bcscan.STATEMENTS):
        page.locator(f"#id_{statement.key}_{(index % 5)}").check()
    page.get_by_role("button", name="BC-Scan opslaan").click()
    expect(page.get_by_role("heading", name="Uitslag BC-Scan", level=1)).to_be_visible()
    expect(page.get_by_role("img", name="Uitslag BC-Scan per competentie")).to_be_visible()
    expect(page.get_by_role("table")).to_contain_text("Strategisch omgaan met de omgeving")
    assert_accessible(page)

    # The facilitator sees the shared question and not the private one.
    context = browser.new_context(locale="nl-NL", timezone_id="Europe/Amsterdam")
    other = context.new_page()
    login(other, live_server, facilitator.email, DEFAULT_PASSWORD)
    other.goto(f"{live_server.url}/netwerken/verbindend-vernieuwen/")
    other.get_by_role("link", name="1 leervraag met u gedeeld").click()
    expect(
        other.get_by_role("link", name="Hoe geef ik leraren ruimte binnen kaders?")
    ).to_be_visible()
    expect(other.get_by_text("Hoe houd ik mijn eigen twijfels voor mezelf?")).to_have_count(0)
    expect(other.get_by_text("Anna de Vries")).to_be_visible()
    assert_accessible(other)
    other.get_by_role("link", name="Terug naar het netwerk").click()
    other.get_by_role("link", name="Ledenlijst met contactgegevens").click()
    expect(other.get_by_text("06-12345678")).to_be_visible()
    assert_accessible(other)
    context.close()
