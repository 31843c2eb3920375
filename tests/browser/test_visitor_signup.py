"""Sign-up bad input in real Chromium. The visitor's whole way in (home -> directory -> start a
network -> account -> confirmation mail -> application form) is the first part of
test_visitor_to_granted_network.py."""

import re

import pytest
from django.core import mail
from playwright.sync_api import expect

from participants.models import User
from tests.conftest import assert_accessible
from tests.factories import UserFactory

# The first password field ("Wachtwoord", marked required), not "Wachtwoord (opnieuw)".
PASSWORD = re.compile(r"^\s*Wachtwoord\s*\*?\s*$")

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


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
