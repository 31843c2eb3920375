"""The account pages (django-allauth) in the site's Dutch: formal "u", the site's own terms
("Tweestapsverificatie" as in the menu), and "Mijn gegevens" leading to them."""

import re

import pytest
from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import generate_totp_secret
from django.test import Client

from leernetwerk.accounts import oidc
from tests.factories import DEFAULT_PASSWORD, UserFactory

pytestmark = pytest.mark.django_db

LOGIN = "/account/inloggen/"


def _text(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


def _verified(person):
    EmailAddress.objects.update_or_create(
        user=person, email=person.email, defaults={"verified": True, "primary": True}
    )
    return person


def test_address_page_during_a_change_speaks_the_sites_dutch(client):
    person = _verified(UserFactory(email="oud@school.example.nl"))
    client.post(LOGIN, {"login": person.email, "password": DEFAULT_PASSWORD})
    client.post("/account/e-mailadres/", {"action_add": "", "email": "nieuw@school.example.nl"})
    text = _text(client.get("/account/e-mailadres/").content.decode())
    for dutch in (
        "Huidig e-mailadres",
        "Wordt gewijzigd in",
        "Uw nieuwe e-mailadres is nog niet bevestigd.",
        "Wijziging annuleren",
        "Bevestigingsmail opnieuw sturen",
    ):
        assert dutch in text, dutch
    for informal in ("Huidig email", "Wordt veranderd in", "Je e-mailadres", "Annuleer wijziging"):
        assert informal not in text, informal


def test_change_address_field_is_labelled_wijzigen_in(client):
    person = _verified(UserFactory())
    client.force_login(person)
    text = _text(client.get("/account/e-mailadres/").content.decode())
    assert "Wijzigen in" in text
    assert "Wijzig naar" not in text


def test_password_set_page_says_wachtwoord_instellen(client):
    person = UserFactory()
    person.set_unusable_password()
    person.save()
    client.force_login(person)
    text = _text(client.get("/account/wachtwoord/instellen/").content.decode())
    assert "Wachtwoord instellen" in text
    assert "Zet wachtwoord" not in text


def test_password_change_confirms_in_the_sites_words(client):
    person = _verified(UserFactory())
    client.post(LOGIN, {"login": person.email, "password": DEFAULT_PASSWORD})
    response = client.post(
        "/account/wachtwoord/wijzigen/",
        {
            "oldpassword": DEFAULT_PASSWORD,
            "password1": "een-lang-nieuw-wachtwoord",
            "password2": "een-lang-nieuw-wachtwoord",
        },
        follow=True,
    )
    text = _text(response.content.decode())
    assert "Uw wachtwoord is gewijzigd." in text
    assert "Wachtwoord wijziging geslaagd." not in text


def test_two_step_page_heading_matches_the_menu(client):
    client.force_login(_verified(UserFactory()))
    content = client.get("/account/tweestapsverificatie/").content.decode()
    assert re.search(r"<h1[^>]*>\s*Tweestapsverificatie\s*</h1>", content)
    assert "Twee-factor-authenticatie" not in content


def test_connections_page_speaks_the_sites_dutch(client, settings):
    # The page exists only while school sign-in is configured.
    settings.SOCIALACCOUNT_PROVIDERS = oidc.socialaccount_providers(
        client_id="leernetwerk", secret="s", server_url="http://127.0.0.1:9/o", name="School"
    )
    client.force_login(_verified(UserFactory()))
    text = _text(client.get("/account/school/koppelingen/").content.decode())
    assert "Gekoppelde accounts" in text
    assert "Account Connecties" not in text
    assert "Je kunt" not in text


def test_two_step_sign_in_says_a_recovery_code_may_be_used(settings):
    person = _verified(UserFactory())
    Authenticator.objects.create(
        user=person, type=Authenticator.Type.TOTP, data={"secret": generate_totp_secret()}
    )
    client = Client()
    response = client.post(LOGIN, {"login": person.email, "password": DEFAULT_PASSWORD})
    text = _text(client.get(response["Location"]).content.decode())
    assert "Tweestapsverificatie" in text
    assert "Voer de code uit uw authenticator-app in, of een van uw herstelcodes:" in text


def test_my_data_links_to_password_address_and_two_step_verification(client):
    client.force_login(UserFactory())
    content = client.get("/deelnemers/mijn-gegevens/").content.decode()
    for href, label in (
        ("/account/wachtwoord/wijzigen/", "Mijn wachtwoord wijzigen"),
        ("/account/e-mailadres/", "Mijn e-mailadres wijzigen"),
        ("/account/tweestapsverificatie/", "Tweestapsverificatie"),
    ):
        assert re.search(rf'<a href="{href}">\s*{label}\s*</a>', content), label
