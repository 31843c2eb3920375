"""Each demo login signs in through the Dutch form and lands on its own start page."""

import re
import time

import pytest
from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value
from django.core import mail
from playwright.sync_api import expect

from demo.load import DEMO_LOGINS, DEMO_PASSWORD, seed_demo
from tests.conftest import assert_accessible, login

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# What each demo person must see in "Mijn netwerken", and a network they must not see there.
EXPECTED = {
    "facilitator": (
        [("Vrouwelijk Leiderschap 1", "Facilitator"), ("Vrouwelijk Leiderschap 2", "Facilitator")],
        "Verbindend Vernieuwen",
    ),
    "penvoerder": (
        [("Verbindend Vernieuwen", "Deelnemer, Penvoerder")],
        "Ondernemend Leren",
    ),
    "participant": (
        [("Verbindend Vernieuwen", "Deelnemer"), ("Vrouwelijk Leiderschap 1", "Deelnemer")],
        "Vrouwelijk Leiderschap 2",
    ),
}


def _my_networks(page) -> list[tuple[str, str]]:
    items = page.get_by_role("list", name="Mijn netwerken").get_by_role("listitem")
    return sorted(
        (item.get_by_role("link").inner_text(), ", ".join(item.locator(".badge").all_inner_texts()))
        for item in items.all()
    )


def test_each_demo_login_signs_in_and_sees_its_own_start_page(page, live_server):
    seed_demo(extras=False)
    for role, email in DEMO_LOGINS.items():
        page.context.clear_cookies()
        login(page, live_server, email, DEMO_PASSWORD)
        expect(page.get_by_role("heading", name="Mijn netwerken", level=1)).to_be_visible()
        expect(page.get_by_role("status")).to_contain_text("Welkom,")
        if role == "staff":
            expect(page.get_by_role("heading", name="Alle netwerken")).to_be_visible()
            rows = page.get_by_role("table").get_by_role("row")
            expect(rows).to_have_count(1 + 9)
            expect(page.get_by_role("link", name="Beheer")).to_be_visible()
        else:
            visible, hidden = EXPECTED[role]
            assert _my_networks(page) == sorted(visible), role
            expect(page.get_by_text(hidden)).to_have_count(0)
            expect(page.get_by_role("heading", name="Alle netwerken")).to_have_count(0)
        assert_accessible(page)
        page.get_by_role("button", name="Uitloggen").click()
        expect(page.get_by_role("status")).to_contain_text("U bent uitgelogd.")


def test_wrong_password_shows_dutch_error(page, live_server):
    seed_demo(extras=False)
    login(page, live_server, DEMO_LOGINS["participant"], "niet-het-wachtwoord")
    expect(page.get_by_role("heading", name="Inloggen", level=1)).to_be_visible()
    expect(page.get_by_text("Dit e-mailadres en wachtwoord horen niet bij elkaar.")).to_be_visible()
    assert_accessible(page)


def test_login_page_is_accessible_and_dutch(page, live_server):
    page.goto(f"{live_server.url}/account/inloggen/")
    expect(page.get_by_label("E-mailadres")).to_be_visible()
    expect(page.get_by_role("link", name="Wachtwoord vergeten?")).to_be_visible()
    assert_accessible(page)


def test_staff_enrols_two_factor_through_the_mailed_link(page, live_server, settings):
    settings.LEERNETWERK_STAFF_REQUIRE_2FA = True
    seed_demo(extras=False)
    login(page, live_server, DEMO_LOGINS["staff"], DEMO_PASSWORD)
    expect(page.get_by_role("heading", name="Tweestapsverificatie", level=1)).to_be_visible()
    expect(page.get_by_role("img")).to_have_count(0)  # no QR code with the password alone
    assert_accessible(page)
    page.get_by_role("button", name="Mail mij de link").click()
    expect(page.get_by_role("status")).to_contain_text("We hebben u een link gemaild")
    path = re.search(r"https?://[^/\s]+(/\S+/)", mail.outbox[-1].body).group(1)
    page.goto(f"{live_server.url}{path}")
    page.get_by_role("button", name="Authenticator-app instellen").click()
    # allauth asks for the password once more before it shows a secret.
    page.get_by_label("Wachtwoord").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Bevestigen").click()
    qr = page.get_by_role(
        "img", name="QR-code om Leernetwerk aan uw authenticator-app toe te voegen"
    )
    expect(qr).to_be_visible()
    page.wait_for_function("img => img.complete && img.naturalWidth > 0", arg=qr.element_handle())
    assert_accessible(page)
    secret = page.locator("#authenticator_secret").input_value()
    code = format_hotp_value(hotp_value(secret, int(time.time()) // 30))
    page.get_by_label("Authenticator code").fill(code)
    page.get_by_role("button", name="Activeer").click()
    expect(page.get_by_role("heading", name="Herstelcodes", level=1)).to_be_visible()
    assert_accessible(page)
    page.goto(f"{live_server.url}/mijn/")
    expect(page.get_by_role("heading", name="Mijn netwerken", level=1)).to_be_visible()


def test_language_switch_to_english(page, live_server):
    page.goto(f"{live_server.url}/account/inloggen/")
    page.get_by_role("button", name="English").click()
    expect(page.get_by_role("heading", name="Log in", level=1)).to_be_visible()
    expect(page.get_by_label("E-mail address")).to_be_visible()
    assert_accessible(page)


def test_forgot_password_journey_is_dutch_and_accessible(page, live_server):
    seed_demo(extras=False)
    page.goto(f"{live_server.url}/account/inloggen/")
    page.get_by_role("link", name="Wachtwoord vergeten?").click()
    expect(page.get_by_role("heading", name="Wachtwoord vergeten?", level=1)).to_be_visible()
    assert_accessible(page)
    page.get_by_label("E-mailadres").fill(DEMO_LOGINS["participant"])
    page.get_by_role("button", name="Link versturen").click()
    expect(page.get_by_role("heading", name="Controleer uw e-mail", level=1)).to_be_visible()
    assert_accessible(page)


def test_fifth_failed_login_shows_accessible_dutch_lockout_page(page, live_server):
    seed_demo(extras=False)
    for _ in range(5):
        login(page, live_server, DEMO_LOGINS["penvoerder"], "fout-wachtwoord")
    expect(
        page.get_by_role("heading", name="Account tijdelijk geblokkeerd", level=1)
    ).to_be_visible()
    expect(page.get_by_role("link", name="Nieuw wachtwoord instellen")).to_be_visible()
    assert_accessible(page)
