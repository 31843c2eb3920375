"""Signing in, signing up, verifying the address and resetting the password (django-allauth)."""

import re

import pytest
from allauth.account.models import EmailAddress
from django.core import mail
from django.test import Client
from django.urls import reverse

from participants.models import User
from tests.factories import DEFAULT_PASSWORD, SchoolFactory, UserFactory

pytestmark = pytest.mark.django_db

LOGIN = "/account/inloggen/"
SIGNUP = "/account/aanmelden/"
RESET = "/account/wachtwoord-vergeten/"
APPLY = "/aanvragen/nieuw/"


def _link(message, path: str) -> str:
    return re.search(rf"http://testserver({re.escape(path)}\S+/)", message.body).group(1)


def _signup_data(**overrides) -> dict:
    return {
        "email": "nieuw@school.example.nl",
        "password1": "een-lang-nieuw-wachtwoord",
        "password2": "een-lang-nieuw-wachtwoord",
        "first_name": "Noor",
        "last_name": "Bakker",
        **overrides,
    }


def test_login_with_email_lands_on_start_page_with_welcome(client):
    person = UserFactory(first_name="Ella")
    response = client.post(
        LOGIN, {"login": f"  {person.email.upper()} ", "password": DEFAULT_PASSWORD}, follow=True
    )
    assert response.redirect_chain[-1][0] == "/mijn/"
    assert "Welkom, Ella." in response.content.decode()


def test_login_page_has_dutch_labels_and_links(client):
    page = client.get(LOGIN).content.decode()
    assert "E-mailadres" in page
    assert "Wachtwoord" in page
    assert ">Inloggen</button>" in page
    assert 'href="/account/aanmelden/"' in page
    assert 'href="/account/wachtwoord-vergeten/"' in page


def test_login_wrong_password_shows_dutch_error_at_form(client):
    person = UserFactory()
    response = client.post(LOGIN, {"login": person.email, "password": "fout"})
    assert response.status_code == 200
    assert "Dit e-mailadres en wachtwoord horen niet bij elkaar." in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_login_invalid_email_shows_dutch_field_error(client):
    response = client.post(LOGIN, {"login": "geen-adres", "password": "x"})
    assert "Voer een geldig e-mailadres in." in response.content.decode()


def test_login_with_unverified_address_sends_a_link_and_does_not_sign_in(client):
    person = UserFactory(verified=False)
    response = client.post(
        LOGIN, {"login": person.email, "password": DEFAULT_PASSWORD}, follow=True
    )
    assert "Bevestig uw e-mailadres" in response.content.decode()
    assert "_auth_user_id" not in client.session
    assert [m.to for m in mail.outbox] == [[person.email]]
    assert EmailAddress.objects.get(user=person).verified is False


def test_logout_signs_out_with_message(client):
    person = UserFactory()
    client.force_login(person)
    response = client.post("/account/uitloggen/", follow=True)
    assert "_auth_user_id" not in client.session
    assert "U bent uitgelogd." in response.content.decode()


def test_signup_verify_by_mail_lands_on_the_application_form(client):
    school = SchoolFactory(name="Het Baken")
    response = client.post(
        f"{SIGNUP}?next={APPLY}", {**_signup_data(school=school.pk), "next": APPLY}, follow=True
    )
    assert "Bevestig uw e-mailadres" in response.content.decode()
    person = User.objects.get(email="nieuw@school.example.nl")
    assert (person.first_name, person.last_name, person.school) == ("Noor", "Bakker", school)
    assert "_auth_user_id" not in client.session
    assert len(mail.outbox) == 1
    assert mail.outbox[0].subject == "Leernetwerk: Bevestig uw e-mailadres"
    link = _link(mail.outbox[0], "/account/e-mailadres/bevestigen/")
    page = client.get(link).content.decode()
    assert "Bevestig dat nieuw@school.example.nl uw e-mailadres is." in page
    response = client.post(link, follow=True)
    assert response.redirect_chain[-1][0] == APPLY
    assert client.session["_auth_user_id"] == str(person.pk)
    assert EmailAddress.objects.get(user=person).verified is True


def test_signup_with_a_taken_address_says_so_and_creates_nothing(client):
    UserFactory(email="bezet@school.example.nl")
    response = client.post(SIGNUP, _signup_data(email="BEZET@school.example.nl"))
    assert response.status_code == 200
    assert "Er bestaat al een account met dit e-mailadres." in response.content.decode()
    assert User.objects.filter(email__iexact="bezet@school.example.nl").count() == 1
    assert mail.outbox == []


def test_signup_requires_name_in_dutch(client):
    response = client.post(SIGNUP, _signup_data(first_name="", last_name=""))
    assert response.content.decode().count("Dit veld is vereist.") == 2
    assert User.objects.filter(email="nieuw@school.example.nl").exists() is False


def test_expired_or_unknown_confirmation_link_changes_nothing(client):
    person = UserFactory(verified=False)
    response = client.get("/account/e-mailadres/bevestigen/ongeldige-sleutel/")
    assert "Deze link is niet meer geldig" in response.content.decode()
    response = client.post("/account/e-mailadres/bevestigen/ongeldige-sleutel/")
    assert response.status_code == 404
    assert EmailAddress.objects.filter(user=person, verified=True).exists() is False
    assert "_auth_user_id" not in client.session


def test_expired_confirmation_link_changes_nothing(client, settings):
    client.post(SIGNUP, _signup_data())
    link = _link(mail.outbox[0], "/account/e-mailadres/bevestigen/")
    # The link is older than the period it is valid for.
    settings.ACCOUNT_EMAIL_CONFIRMATION_EXPIRE_DAYS = 0
    response = client.get(link)
    assert "Deze link is niet meer geldig" in response.content.decode()
    assert EmailAddress.objects.get(email="nieuw@school.example.nl").verified is False
    assert "_auth_user_id" not in client.session


def test_password_reset_sends_dutch_mail_and_link_sets_new_password(client):
    person = UserFactory(email="ella@school.example.nl")
    response = client.post(RESET, {"email": " Ella@School.example.nl"}, follow=True)
    assert "Controleer uw e-mail" in response.content.decode()
    assert len(mail.outbox) == 1
    assert mail.outbox[0].subject == "Leernetwerk: Nieuw wachtwoord instellen"
    link = _link(mail.outbox[0], "/account/wachtwoord-herstellen/")
    response = client.get(link, follow=True)
    assert "Nieuw wachtwoord instellen" in response.content.decode()
    response = client.post(
        response.redirect_chain[-1][0],
        {"password1": "een-lang-nieuw-wachtwoord", "password2": "een-lang-nieuw-wachtwoord"},
        follow=True,
    )
    assert "Wachtwoord gewijzigd" in response.content.decode()
    person.refresh_from_db()
    assert person.check_password("een-lang-nieuw-wachtwoord")


def test_password_reset_unknown_address_shows_same_page_and_sends_nothing(client):
    response = client.post(RESET, {"email": "niemand@example.nl"}, follow=True)
    assert "Controleer uw e-mail" in response.content.decode()
    assert mail.outbox == []


def test_password_reset_used_link_says_it_is_no_longer_valid(client):
    person = UserFactory()
    response = client.get(f"/account/wachtwoord-herstellen/{person.pk:x}-ongeldig/", follow=True)
    assert "Deze link is niet meer geldig" in response.content.decode()
    assert person.check_password(DEFAULT_PASSWORD)


def test_fifteen_password_resets_send_three_mails():
    person = UserFactory()
    client = Client()
    for _ in range(15):
        response = client.post(RESET, {"email": person.email})
    assert len(mail.outbox) == 3
    assert response.status_code == 200
    assert "Er zijn in korte tijd te veel berichten" in response.content.decode()


def test_password_resets_from_one_client_are_throttled_across_addresses():
    people = [UserFactory() for _ in range(12)]
    client = Client(REMOTE_ADDR="10.9.9.9")
    for person in people:
        client.post(RESET, {"email": person.email})
    assert len(mail.outbox) == 10
    # Another client can still ask for its own address.
    Client(REMOTE_ADDR="10.9.9.10").post(RESET, {"email": people[-1].email})
    assert len(mail.outbox) == 11


def test_signups_from_one_client_are_throttled(client):
    for i in range(12):
        response = client.post(SIGNUP, _signup_data(email=f"nieuw{i}@school.example.nl"))
    assert User.objects.filter(email__startswith="nieuw").count() == 10
    assert "Er zijn in korte tijd te veel berichten" in response.content.decode()


def test_address_change_needs_verification_of_the_new_address(client):
    person = UserFactory(email="oud@school.example.nl")
    client.post(LOGIN, {"login": person.email, "password": DEFAULT_PASSWORD})
    response = client.post(
        "/account/e-mailadres/", {"action_add": "", "email": "nieuw@school.example.nl"}, follow=True
    )
    assert response.status_code == 200
    person.refresh_from_db()
    assert person.email == "oud@school.example.nl"
    # The mail is about changing the address of her account, not about a new account.
    assert mail.outbox[-1].to == ["nieuw@school.example.nl"]
    assert mail.outbox[-1].subject == "Leernetwerk: Bevestig uw e-mailadres"
    body = mail.outbox[-1].body
    assert "e-mailadres van een bestaand account op Leernetwerk" in body
    assert "Heeft u deze wijziging niet gevraagd?" in body
    assert "Heeft u geen account aangevraagd?" not in body
    link = _link(mail.outbox[-1], "/account/e-mailadres/bevestigen/")
    client.post(link)
    person.refresh_from_db()
    assert person.email == "nieuw@school.example.nl"


def test_admin_is_dutch_for_staff(client):
    staff = User.objects.create_superuser("beheer@vo-academie.nl", DEFAULT_PASSWORD)
    client.force_login(staff)
    page = client.get("/beheer/").content.decode()
    assert "Leernetwerk beheer" in page
    assert "Leernetwerken" in page


def test_admin_refuses_people_without_admin_access(client):
    client.force_login(UserFactory())
    response = client.get("/beheer/")
    assert response.status_code == 302
    assert response["Location"].startswith("/beheer/login/")


def test_language_switch_to_english_and_back(client):
    assert "Inloggen" in client.get(LOGIN).content.decode()
    response = client.post("/i18n/setlang/", {"language": "en", "next": LOGIN}, follow=True)
    page = response.content.decode()
    assert '<html lang="en">' in page
    assert "Log in" in page
    assert "Nederlands" in page
    response = client.post("/i18n/setlang/", {"language": "nl", "next": LOGIN}, follow=True)
    assert '<html lang="nl">' in response.content.decode()


def test_signup_with_a_taken_address_links_to_login_and_password_reset(client):
    UserFactory(email="bezet@school.example.nl")
    response = client.post(SIGNUP, _signup_data(email="bezet@school.example.nl"))
    login = reverse("account_login")
    reset = reverse("account_reset_password")
    assert (
        f'Er bestaat al een account met dit e-mailadres. <a href="{login}">Log in</a>, of '
        f'<a href="{reset}">stel een nieuw wachtwoord in</a> als u het vergeten bent.'
    ) in response.content.decode()


def test_signup_school_list_starts_on_kies_uw_school(client):
    SchoolFactory(name="Het Lyceum")
    content = client.get(SIGNUP).content.decode()
    assert '<option value="" selected>Kies uw school</option>' in content
    assert "---------" not in content


def test_address_change_to_a_taken_address_is_refused_in_dutch_and_changes_nothing(client):
    UserFactory(email="bezet@school.example.nl")
    person = UserFactory(email="oud@school.example.nl")
    client.post(LOGIN, {"login": person.email, "password": DEFAULT_PASSWORD})
    mail.outbox.clear()
    response = client.post(
        "/account/e-mailadres/", {"action_add": "", "email": "Bezet@school.example.nl"}
    )
    assert response.status_code == 200
    assert "Er bestaat al een account met dit e-mailadres." in response.content.decode()
    person.refresh_from_db()
    assert person.email == "oud@school.example.nl"
    assert list(EmailAddress.objects.filter(user=person).values_list("email", flat=True)) == [
        "oud@school.example.nl"
    ]
    assert mail.outbox == []


def test_expired_password_reset_link_says_so_and_keeps_the_password(client, settings):
    person = UserFactory()
    client.post(RESET, {"email": person.email})
    link = _link(mail.outbox[0], "/account/wachtwoord-herstellen/")
    # The link is older than the period it is valid for.
    settings.PASSWORD_RESET_TIMEOUT = -1
    response = client.get(link, follow=True)
    assert "Deze link is niet meer geldig" in response.content.decode()
    response = client.post(
        link,
        {"password1": "een-lang-nieuw-wachtwoord", "password2": "een-lang-nieuw-wachtwoord"},
        follow=True,
    )
    assert "Wachtwoord gewijzigd" not in response.content.decode()
    person.refresh_from_db()
    assert person.check_password(DEFAULT_PASSWORD)
