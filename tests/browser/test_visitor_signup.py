"""A visitor finds her way in: home -> directory -> start a network -> create an account ->
confirm the address from the mail -> the application form. In real Chromium."""

import re

import pytest
from django.core import mail
from playwright.sync_api import expect

from participants.forms import school_label
from participants.models import User
from tests.conftest import assert_accessible
from tests.factories import NetworkFactory, SchoolFactory, UserFactory

# The first password field ("Wachtwoord", marked required), not "Wachtwoord (opnieuw)".
PASSWORD = re.compile(r"^\s*Wachtwoord\s*\*?\s*$")

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _confirmation_link(live_server) -> str:
    body = mail.outbox[-1].body
    path = re.search(r"https?://[^/\s]+(/account/e-mailadres/bevestigen/\S+/)", body).group(1)
    return f"{live_server.url}{path}"


def test_visitor_signs_up_confirms_and_lands_on_the_application_form(page, live_server):
    NetworkFactory(name="Samen Sterker", listed_in_directory=True)
    school = SchoolFactory(name="Het Baken", town="Almere")
    page.goto(f"{live_server.url}/")
    expect(page.get_by_role("link", name="Account aanmaken").first).to_be_visible()
    page.get_by_role("main").get_by_role("link", name="Bekijk de leernetwerken").click()
    expect(page.get_by_role("heading", name="Leernetwerken", level=1)).to_be_visible()
    expect(page.get_by_role("link", name="Samen Sterker")).to_be_visible()
    page.get_by_role("main").get_by_role("link", name="Start een leernetwerk").click()
    expect(page.get_by_role("heading", name="Start een leernetwerk", level=1)).to_be_visible()
    page.get_by_role("link", name="Maak een account aan om aan te vragen").click()
    expect(page.get_by_role("heading", name="Account aanmaken", level=1)).to_be_visible()
    assert_accessible(page)
    page.get_by_label("E-mailadres").fill("noor.bakker@school.example.nl")
    page.get_by_label("Voornaam").fill("Noor")
    page.get_by_label("Achternaam").fill("Bakker")
    page.get_by_label("School").select_option(label=school_label(school))
    page.get_by_label(PASSWORD).fill("een-lang-nieuw-wachtwoord")
    page.get_by_label("Wachtwoord (bevestigen)").fill("een-lang-nieuw-wachtwoord")
    page.get_by_role("button", name="Account aanmaken").click()
    expect(page.get_by_role("heading", name="Bevestig uw e-mailadres", level=1)).to_be_visible()
    assert_accessible(page)
    assert [m.to for m in mail.outbox] == [["noor.bakker@school.example.nl"]]
    page.goto(_confirmation_link(live_server))
    expect(
        page.get_by_text("Bevestig dat noor.bakker@school.example.nl uw e-mailadres is.")
    ).to_be_visible()
    page.get_by_role("button", name="Adres bevestigen").click()
    expect(page.get_by_role("heading", name="Een leernetwerk aanvragen", level=1)).to_be_visible()
    assert page.url == f"{live_server.url}/aanvragen/nieuw/"
    person = User.objects.get(email="noor.bakker@school.example.nl")
    assert (person.first_name, person.school.name) == ("Noor", "Het Baken")


def test_signup_with_a_taken_address_shows_a_dutch_message(page, live_server):
    UserFactory(email="bezet@school.example.nl")
    page.goto(f"{live_server.url}/account/aanmelden/")
    page.get_by_label("E-mailadres").fill("Bezet@school.example.nl")
    page.get_by_label("Voornaam").fill("Noor")
    page.get_by_label("Achternaam").fill("Bakker")
    page.get_by_label(PASSWORD).fill("een-lang-nieuw-wachtwoord")
    page.get_by_label("Wachtwoord (bevestigen)").fill("een-lang-nieuw-wachtwoord")
    page.get_by_role("button", name="Account aanmaken").click()
    expect(page.get_by_text("Er bestaat al een account met dit e-mailadres.")).to_be_visible()
    assert_accessible(page)
    assert User.objects.filter(email__iexact="bezet@school.example.nl").count() == 1
    assert mail.outbox == []
