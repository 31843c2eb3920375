import re

import pytest
from django.core import mail
from django.test import Client
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from participants.models import User
from tests.factories import DEFAULT_PASSWORD, UserFactory, make_staff

pytestmark = pytest.mark.django_db

LOGIN = "/account/inloggen/"
TWO_FACTOR = "/account/tweestapsverificatie/"


def _token(device: TOTPDevice) -> str:
    return f"{totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits):06d}"


def test_login_with_email_lands_on_start_page_with_welcome(client):
    person = UserFactory(first_name="Ella")
    response = client.post(
        LOGIN, {"username": person.email.upper(), "password": DEFAULT_PASSWORD}, follow=True
    )
    assert response.redirect_chain[-1][0] == "/mijn/"
    assert "Welkom, Ella." in response.content.decode()


def test_login_wrong_password_shows_dutch_error_at_form(client):
    person = UserFactory()
    response = client.post(LOGIN, {"username": person.email, "password": "fout"})
    assert response.status_code == 200
    assert "Dit e-mailadres en wachtwoord horen niet bij elkaar." in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_login_invalid_email_shows_dutch_field_error(client):
    response = client.post(LOGIN, {"username": "geen-adres", "password": "x"})
    assert "Voer een geldig e-mailadres in." in response.content.decode()


def test_logout_signs_out_with_message(client):
    person = UserFactory()
    client.force_login(person)
    response = client.post("/account/uitloggen/", follow=True)
    assert "_auth_user_id" not in client.session
    assert "U bent uitgelogd." in response.content.decode()


def test_password_reset_sends_dutch_mail_and_link_sets_new_password(client):
    person = UserFactory(email="ella@school.example.nl")
    response = client.post("/account/wachtwoord-vergeten/", {"email": person.email}, follow=True)
    assert "Controleer uw e-mail" in response.content.decode()
    assert len(mail.outbox) == 1
    assert mail.outbox[0].subject == "Stel een nieuw wachtwoord in voor Leernetwerk"
    link = re.search(r"http://testserver(/account/wachtwoord-herstellen/\S+/)", mail.outbox[0].body)
    response = client.get(link.group(1), follow=True)
    assert "Nieuw wachtwoord instellen" in response.content.decode()
    response = client.post(
        response.redirect_chain[-1][0],
        {
            "new_password1": "een-lang-nieuw-wachtwoord",
            "new_password2": "een-lang-nieuw-wachtwoord",
        },
        follow=True,
    )
    assert "Wachtwoord gewijzigd" in response.content.decode()
    person.refresh_from_db()
    assert person.check_password("een-lang-nieuw-wachtwoord")


def test_password_reset_unknown_address_shows_same_page_and_sends_nothing(client):
    response = client.post(
        "/account/wachtwoord-vergeten/", {"email": "niemand@example.nl"}, follow=True
    )
    assert "Controleer uw e-mail" in response.content.decode()
    assert mail.outbox == []


def test_password_reset_used_link_says_it_is_no_longer_valid(client):
    response = client.get("/account/wachtwoord-herstellen/MQ/ongeldig-token/", follow=True)
    assert "Deze link is niet meer geldig" in response.content.decode()


def test_staff_without_device_is_sent_to_enrol_when_2fa_required(client, settings):
    settings.LEERNETWERK_STAFF_REQUIRE_2FA = True
    staff = make_staff()
    client.force_login(staff)
    response = client.get("/mijn/")
    assert response.status_code == 302
    assert response["Location"] == f"{TWO_FACTOR}?next=%2Fmijn%2F"
    page = client.get(response["Location"]).content.decode()
    assert "Scan deze QR-code met de app." in page
    assert 'src="/account/tweestapsverificatie/qr.svg"' in page
    qr = client.get("/account/tweestapsverificatie/qr.svg")
    assert qr["Content-Type"] == "image/svg+xml"
    assert qr.content.startswith(b"<?xml") or b"<svg" in qr.content[:200]


def test_admin_is_also_behind_2fa_for_staff(client, settings):
    settings.LEERNETWERK_STAFF_REQUIRE_2FA = True
    staff = make_staff(is_staff=True)
    client.force_login(staff)
    response = client.get("/beheer/")
    assert response.status_code == 302
    assert response["Location"].startswith(TWO_FACTOR)


def test_staff_enrols_with_correct_code_and_reaches_page(client, settings):
    settings.LEERNETWERK_STAFF_REQUIRE_2FA = True
    staff = make_staff()
    client.force_login(staff)
    client.get(TWO_FACTOR)
    device = TOTPDevice.objects.get(user=staff)
    assert device.confirmed is False
    response = client.post(TWO_FACTOR, {"token": _token(device), "next": "/mijn/"}, follow=True)
    assert response.redirect_chain[-1][0] == "/mijn/"
    assert "Tweestapsverificatie staat aan." in response.content.decode()
    device.refresh_from_db()
    assert device.confirmed is True
    assert client.get("/mijn/").status_code == 200


def test_staff_wrong_code_shows_dutch_error_and_stays_unverified(client, settings):
    settings.LEERNETWERK_STAFF_REQUIRE_2FA = True
    staff = make_staff()
    client.force_login(staff)
    client.get(TWO_FACTOR)
    response = client.post(TWO_FACTOR, {"token": "000000"})
    assert "Deze code klopt niet." in response.content.decode()
    assert TOTPDevice.objects.get(user=staff).confirmed is False
    assert client.get("/mijn/").status_code == 302


def test_next_to_other_site_is_ignored_after_code(client, settings):
    staff = make_staff()
    client.force_login(staff)
    client.get(TWO_FACTOR)
    device = TOTPDevice.objects.get(user=staff)
    response = client.post(TWO_FACTOR, {"token": _token(device), "next": "https://evil.example/"})
    assert response["Location"] == "/mijn/"


def test_enrolled_staff_must_confirm_code_after_next_login(settings):
    settings.LEERNETWERK_STAFF_REQUIRE_2FA = True
    staff = make_staff()
    device = TOTPDevice.objects.create(user=staff, name="Leernetwerk", confirmed=True)
    client = Client()
    client.post(LOGIN, {"username": staff.email, "password": DEFAULT_PASSWORD})
    response = client.get("/mijn/")
    assert response["Location"].startswith(TWO_FACTOR)
    page = client.get(TWO_FACTOR).content.decode()
    assert "Voer de zescijferige code in" in page
    assert "QR-code" not in page
    client.post(TWO_FACTOR, {"token": _token(device)})
    assert client.get("/mijn/").status_code == 200


def test_participant_is_not_forced_to_use_2fa(client, settings):
    settings.LEERNETWERK_STAFF_REQUIRE_2FA = True
    client.force_login(UserFactory())
    assert client.get("/mijn/").status_code == 200


def test_participant_who_enrolled_must_use_code_even_when_not_required(settings):
    settings.LEERNETWERK_STAFF_REQUIRE_2FA = False
    person = UserFactory()
    TOTPDevice.objects.create(user=person, name="Leernetwerk", confirmed=True)
    client = Client()
    client.post(LOGIN, {"username": person.email, "password": DEFAULT_PASSWORD})
    assert client.get("/mijn/")["Location"].startswith(TWO_FACTOR)


def test_participant_can_enrol_optionally(client):
    person = UserFactory()
    client.force_login(person)
    page = client.get(TWO_FACTOR).content.decode()
    assert "Dit is niet verplicht." in page
    device = TOTPDevice.objects.get(user=person)
    client.post(TWO_FACTOR, {"token": _token(device)})
    device.refresh_from_db()
    assert device.confirmed is True


def test_two_factor_page_requires_login(client):
    response = client.get(TWO_FACTOR)
    assert response.status_code == 302
    assert response["Location"].startswith(LOGIN)
    assert client.get("/account/tweestapsverificatie/qr.svg").status_code == 302


def test_qr_code_is_404_once_enrolled(client):
    person = UserFactory()
    TOTPDevice.objects.create(user=person, name="Leernetwerk", confirmed=True)
    client.force_login(person)
    assert client.get("/account/tweestapsverificatie/qr.svg").status_code == 404


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
