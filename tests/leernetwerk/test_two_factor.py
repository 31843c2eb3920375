"""Two-step verification (allauth.mfa): staff cannot work without a second factor, and their
first authenticator is never set up with the password alone."""

import re
import time

import pytest
from allauth.mfa.models import Authenticator
from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes
from allauth.mfa.totp.internal.auth import (
    SECRET_SESSION_KEY,
    format_hotp_value,
    generate_totp_secret,
    hotp_value,
)
from django.core import mail
from django.test import Client

from leernetwerk.accounts import twofactor
from tests.factories import DEFAULT_PASSWORD, UserFactory, make_staff

pytestmark = pytest.mark.django_db

LOGIN = "/account/inloggen/"
ENROL = "/account/tweestapsverificatie/inschrijven/"
ACTIVATE = "/account/tweestapsverificatie/totp/activate/"
AUTHENTICATE = "/account/tweestapsverificatie/authenticate/"


def _code(secret: str, offset: int = 0) -> str:
    return format_hotp_value(hotp_value(secret, int(time.time()) // 30 + offset))


def _sign_in(email: str) -> Client:
    client = Client()
    client.post(LOGIN, {"login": email, "password": DEFAULT_PASSWORD})
    return client


def _open_activation(client):
    """allauth asks for the password again before it shows a new secret."""
    response = client.get(ACTIVATE)
    assert response["Location"] == f"/account/opnieuw-inloggen/?next={ACTIVATE.replace('/', '%2F')}"
    response = client.post(response["Location"], {"password": DEFAULT_PASSWORD}, follow=True)
    assert response.redirect_chain[-1][0] == ACTIVATE
    return response


def _with_totp(user) -> str:
    secret = generate_totp_secret()
    Authenticator.objects.create(user=user, type=Authenticator.Type.TOTP, data={"secret": secret})
    return secret


def _enrolment_link(client) -> str:
    client.post(ENROL)
    return re.search(
        r"http://testserver(/account/tweestapsverificatie/inschrijven/\S+/)", mail.outbox[-1].body
    ).group(1)


@pytest.fixture
def required(settings):
    settings.LEERNETWERK_STAFF_REQUIRE_2FA = True


def test_staff_with_password_alone_never_sees_a_secret_nor_staff_pages(required):
    staff = make_staff(is_staff=True)
    client = _sign_in(staff.email)
    for path in ("/mijn/", "/beheer/", "/beoordelen/", "/account/e-mailadres/", ACTIVATE):
        response = client.get(path)
        assert response.status_code == 302, path
        assert response["Location"].startswith(ENROL), path
    page = client.get(ENROL).content.decode()
    assert "eenmalige link naar uw e-mailadres" in page
    assert SECRET_SESSION_KEY not in client.session
    assert Authenticator.objects.filter(user=staff).count() == 0


def test_staff_cannot_reach_the_secret_even_when_two_factor_is_not_required(settings):
    settings.LEERNETWERK_STAFF_REQUIRE_2FA = False
    staff = make_staff()
    client = _sign_in(staff.email)
    response = client.get(ACTIVATE)
    assert response["Location"].startswith(ENROL)
    assert SECRET_SESSION_KEY not in client.session


def test_staff_enrols_through_the_mailed_link_and_gets_recovery_codes(required):
    staff = make_staff(is_staff=True, email="medewerker@vo-academie.nl")
    client = _sign_in(staff.email)
    response = client.post(ENROL, follow=True)
    assert "We hebben u een link gemaild" in response.content.decode()
    assert [m.to for m in mail.outbox] == [["medewerker@vo-academie.nl"]]
    assert mail.outbox[0].subject == "Leernetwerk: Tweestapsverificatie instellen"
    link = re.search(r"http://testserver(\S+)", mail.outbox[0].body).group(1)
    assert "Uw link is geldig." in client.get(link).content.decode()
    response = client.post(link)
    assert response["Location"] == ACTIVATE
    page = _open_activation(client).content.decode()
    secret = client.session[SECRET_SESSION_KEY]
    assert secret in page
    response = client.post(ACTIVATE, {"code": _code(secret)}, follow=True)
    assert response.redirect_chain[-1][0] == "/account/tweestapsverificatie/recovery-codes/"
    codes = RecoveryCodes(
        Authenticator.objects.get(user=staff, type=Authenticator.Type.RECOVERY_CODES)
    ).get_unused_codes()
    assert len(codes) == 10
    assert codes[0] in response.content.decode()
    assert client.get("/mijn/").status_code == 200
    assert client.get("/beheer/").status_code == 200


def test_enrolment_link_works_once(required):
    staff = make_staff()
    client = _sign_in(staff.email)
    link = _enrolment_link(client)
    client.post(link)
    other_session = _sign_in(staff.email)
    response = other_session.post(link)
    assert "Deze link is niet meer geldig" in response.content.decode()
    assert other_session.get(ACTIVATE)["Location"].startswith(ENROL)


def test_enrolment_link_of_another_staff_member_is_refused(required):
    first, second = make_staff(), make_staff()
    link = _enrolment_link(_sign_in(first.email))
    client = _sign_in(second.email)
    response = client.post(link)
    assert "Deze link is niet meer geldig" in response.content.decode()
    assert client.get(ACTIVATE)["Location"].startswith(ENROL)


def test_expired_enrolment_link_is_refused(required, monkeypatch):
    staff = make_staff()
    client = _sign_in(staff.email)
    link = _enrolment_link(client)
    monkeypatch.setattr(twofactor, "ENROLMENT_MAX_AGE", -1)
    response = client.post(link)
    assert "Deze link is niet meer geldig" in response.content.decode()
    assert client.get(ACTIVATE)["Location"].startswith(ENROL)


def test_enrolment_mails_are_throttled(required):
    staff = make_staff()
    client = _sign_in(staff.email)
    for _ in range(5):
        response = client.post(ENROL, follow=True)
    assert len(mail.outbox) == 3
    assert "Er zijn in korte tijd te veel berichten" in response.content.decode()


def test_wrong_code_at_enrolment_is_refused_in_dutch(required):
    staff = make_staff()
    client = _sign_in(staff.email)
    client.post(_enrolment_link(client))
    _open_activation(client)
    secret = client.session[SECRET_SESSION_KEY]
    wrong = "000000" if _code(secret) != "000000" else "111111"
    response = client.post(ACTIVATE, {"code": wrong})
    assert "Ongeldige code." in response.content.decode()
    assert Authenticator.objects.filter(user=staff).count() == 0
    assert client.get("/mijn/")["Location"].startswith(ENROL)


def test_enrolled_staff_signs_in_with_password_and_code(required):
    staff = make_staff()
    secret = _with_totp(staff)
    client = Client()
    response = client.post(LOGIN, {"login": staff.email, "password": DEFAULT_PASSWORD})
    assert response["Location"] == AUTHENTICATE
    assert "_auth_user_id" not in client.session
    response = client.post(AUTHENTICATE, {"code": "12345"})
    assert "Ongeldige code." in response.content.decode()
    assert "_auth_user_id" not in client.session
    response = client.post(AUTHENTICATE, {"code": _code(secret)}, follow=True)
    assert response.redirect_chain[-1][0] == "/mijn/"
    assert client.get("/beoordelen/").status_code == 200


def test_recovery_code_signs_in_once(required):
    staff = make_staff()
    _with_totp(staff)
    codes = RecoveryCodes.activate(staff).get_unused_codes()
    client = Client()
    client.post(LOGIN, {"login": staff.email, "password": DEFAULT_PASSWORD})
    response = client.post(AUTHENTICATE, {"code": codes[0]}, follow=True)
    assert response.redirect_chain[-1][0] == "/mijn/"
    again = Client()
    again.post(LOGIN, {"login": staff.email, "password": DEFAULT_PASSWORD})
    response = again.post(AUTHENTICATE, {"code": codes[0]})
    assert "Ongeldige code." in response.content.decode()


def test_enrolled_staff_session_without_code_is_sent_to_confirm_one(required):
    staff = make_staff()
    _with_totp(staff)
    client = Client()
    client.force_login(staff)
    response = client.get("/mijn/")
    assert response["Location"] == "/account/tweestapsverificatie/reauthenticate/?next=%2Fmijn%2F"


def test_participant_is_not_forced_and_may_enrol_with_the_password(required):
    person = UserFactory()
    client = _sign_in(person.email)
    assert client.get("/mijn/").status_code == 200
    _open_activation(client)
    secret = client.session[SECRET_SESSION_KEY]
    client.post(ACTIVATE, {"code": _code(secret)})
    assert Authenticator.objects.filter(user=person, type=Authenticator.Type.TOTP).count() == 1


def test_participant_who_enrolled_must_give_a_code_at_login(settings):
    settings.LEERNETWERK_STAFF_REQUIRE_2FA = False
    person = UserFactory()
    _with_totp(person)
    response = Client().post(LOGIN, {"login": person.email, "password": DEFAULT_PASSWORD})
    assert response["Location"] == AUTHENTICATE
