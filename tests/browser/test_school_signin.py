"""School sign-in (OpenID Connect) in real Chromium against a real provider the test starts
on 127.0.0.1 (tests/oidc_provider: django-oauth-toolkit, RS256 key made for this run)."""

import copy
from pathlib import Path

import pytest
from allauth.account.models import EmailAddress
from allauth.socialaccount.models import SocialAccount
from playwright.sync_api import expect

from leernetwerk.accounts import oidc
from participants.models import User
from tests.factories import UserFactory
from tests.oidc_provider.server import start_provider

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SHOTS = Path("/tmp/journey-shots")


def shot(page, name: str) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"oidc-{name}.png"), full_page=True)


SCHOOL_PEOPLE = [
    ("noor.bakker", "school-wachtwoord-1", "Noor", "Bakker", "noor.bakker@school.example.nl"),
    ("ella.verweij", "school-wachtwoord-2", "Ella", "Verweij", "ella.verweij@school.example.nl"),
]


@pytest.fixture
def school_provider(live_server, settings, tmp_path):
    provider = start_provider(
        tmp_path,
        redirect_uri=f"{live_server.url}/account/oidc/school/login/callback/",
        people=SCHOOL_PEOPLE,
    )
    settings.SOCIALACCOUNT_PROVIDERS = oidc.socialaccount_providers(
        client_id=provider.client_id,
        secret=provider.client_secret,
        server_url=provider.url,
        name="Schoolaccount",
    )
    policy = copy.deepcopy(settings.CONTENT_SECURITY_POLICY)
    policy["DIRECTIVES"]["form-action"].append(oidc.form_action_origin(provider.url))
    settings.CONTENT_SECURITY_POLICY = policy
    yield provider
    provider.stop()


def _sign_in_at_school(page, live_server, username: str, password: str) -> None:
    page.goto(f"{live_server.url}/account/inloggen/")
    shot(page, f"{username}-1-login")
    page.get_by_role("button", name="Inloggen met Schoolaccount").click()
    # The provider's own pages: its login, then its consent.
    expect(page.get_by_role("heading", name="School account")).to_be_visible()
    assert page.url.startswith("http://127.0.0.1:")
    shot(page, f"{username}-2-provider-login")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Sign in at school").click()
    expect(page.get_by_role("heading", name="Authorize Leernetwerk?")).to_be_visible()
    expect(page.get_by_text("Your e-mail address")).to_be_visible()
    shot(page, f"{username}-3-consent")
    page.get_by_role("button", name="Authorize").click()


def test_first_school_sign_in_creates_an_account(page, live_server, school_provider):
    _sign_in_at_school(page, live_server, "noor.bakker", "school-wachtwoord-1")
    expect(page.get_by_role("heading", name="Mijn netwerken", level=1)).to_be_visible()
    expect(page.get_by_role("status")).to_contain_text("Welkom, Noor.")
    assert page.url == f"{live_server.url}/mijn/"
    # A new school leader with no network yet is shown the way to one.
    main = page.get_by_role("main")
    expect(main).to_contain_text("U bent nog geen lid van een netwerk.")
    expect(main.get_by_role("link", name="Bekijk de leernetwerken")).to_be_visible()
    expect(main.get_by_role("link", name="Start een leernetwerk")).to_be_visible()
    shot(page, "noor.bakker-4-signed-in")
    person = User.objects.get(email="noor.bakker@school.example.nl")
    assert (person.first_name, person.last_name) == ("Noor", "Bakker")
    assert EmailAddress.objects.get(user=person).verified is True
    assert SocialAccount.objects.get(user=person).provider == "school"
    assert person.has_usable_password() is False


def test_first_school_sign_in_links_the_account_with_the_same_verified_address(
    page, live_server, school_provider
):
    ella = UserFactory(email="ella.verweij@school.example.nl", first_name="Ella")
    _sign_in_at_school(page, live_server, "ella.verweij", "school-wachtwoord-2")
    expect(page.get_by_role("status")).to_contain_text("Welkom, Ella.")
    shot(page, "ella.verweij-4-signed-in")
    assert User.objects.filter(email__iexact="ella.verweij@school.example.nl").count() == 1
    assert SocialAccount.objects.get(provider="school").user == ella
    # A second sign-in goes straight through the link.
    page.get_by_role("button", name="Uitloggen").click()
    _sign_in_at_school_again(page, live_server)
    expect(page.get_by_role("status")).to_contain_text("Welkom, Ella.")


def _sign_in_at_school_again(page, live_server) -> None:
    page.goto(f"{live_server.url}/account/inloggen/")
    page.get_by_role("button", name="Inloggen met Schoolaccount").click()
    # Still signed in at the provider: it asks consent again (skip_authorization is off).
    expect(page.get_by_role("heading", name="Authorize Leernetwerk?")).to_be_visible()
    page.get_by_role("button", name="Authorize").click()


def test_school_sign_in_never_links_an_account_whose_address_is_not_verified(
    page, live_server, school_provider
):
    """Anyone can create a local account with Ella's school address without proving it; a
    school sign-in with that address must not hand that account to the school's Ella, nor
    her school identity to whoever made the account."""
    squatter = UserFactory(
        email="ella.verweij@school.example.nl", first_name="Onbevestigd", verified=False
    )
    # As a sign-up leaves it before the confirmation link is followed.
    EmailAddress.objects.create(user=squatter, email=squatter.email, primary=True, verified=False)
    _sign_in_at_school(page, live_server, "ella.verweij", "school-wachtwoord-2")
    shot(page, "ella.verweij-unverified-after")
    # Not signed in to the existing account: the school's sign-up form, as a visitor.
    expect(page.get_by_role("heading", name="Registreren", level=1)).to_be_visible()
    expect(page.get_by_role("navigation").get_by_role("link", name="Inloggen")).to_be_visible()
    assert SocialAccount.objects.filter(user=squatter).exists() is False
    squatter.refresh_from_db()
    assert squatter.has_usable_password() is True
    assert EmailAddress.objects.get(user=squatter).verified is False
    page.goto(f"{live_server.url}/deelnemers/profiel/")
    assert page.url.startswith(f"{live_server.url}/account/inloggen/")


def test_without_the_oidc_settings_school_sign_in_is_off(page, live_server):
    """No LEERNETWERK_OIDC_CLIENT_ID (the test settings have none): the login page offers
    no school sign-in, and its addresses are pages that do not exist."""
    page.goto(f"{live_server.url}/account/inloggen/")
    expect(page.get_by_role("heading", name="Inloggen", level=1)).to_be_visible()
    expect(page.get_by_role("button", name="Inloggen met Schoolaccount")).to_have_count(0)
    expect(page.get_by_text("Inloggen met uw schoolaccount")).to_have_count(0)
    for path in (
        "/account/oidc/school/login/",
        "/account/oidc/school/login/callback/?code=x&state=y",
        "/account/school/inloggen/fout/",
        "/account/school/inloggen/geannuleerd/",
        "/account/school/aanmelden/",
        "/account/school/koppelingen/",
    ):
        response = page.goto(f"{live_server.url}{path}")
        assert (path, response.status) == (path, 404)
        expect(page.get_by_role("heading", name="Pagina niet gevonden")).to_be_visible()
