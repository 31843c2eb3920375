"""Two-step verification rules (allauth.mfa holds the TOTP secrets and recovery codes).

Academy staff and anyone with admin access must prove a second factor in every session when
LEERNETWERK_STAFF_REQUIRE_2FA is on, and their FIRST enrolment needs more than the password:
a one-time link mailed to their verified address (`send_enrolment_link`), opened while signed
in (`open_enrolment_link`), lets that one session set up an authenticator app."""

from __future__ import annotations

from allauth.account.adapter import get_adapter
from allauth.account.authentication import get_authentication_records
from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from django.conf import settings
from django.core import signing
from django.urls import reverse
from django.utils import timezone
from django.utils.crypto import constant_time_compare, salted_hmac

ENROLMENT_SALT = "leernetwerk.accounts.enrolment"
ENROLMENT_MAX_AGE = 60 * 60  # seconds a mailed enrolment link stays valid
# Holds the pk of the person whose enrolment link was opened in this session.
ENROLMENT_SESSION_KEY = "leernetwerk_mfa_enrolment"


class EnrolmentLinkError(Exception):
    """The enrolment link is invalid, expired, used, or for someone else."""


def must_enrol_by_link(user) -> bool:
    """Whether this person's first authenticator needs a mailed link: staff or admin access."""
    return bool(user.is_authenticated and (user.is_staff or user.is_academy_staff))


def has_totp(user) -> bool:
    return Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists()


def may_enrol(request) -> bool:
    """Whether this session may show a new TOTP secret to the signed-in person."""
    user = request.user
    return not must_enrol_by_link(user) or request.session.get(ENROLMENT_SESSION_KEY) == user.pk


def proved_second_factor(request) -> bool:
    """Whether a TOTP or recovery code was confirmed in this session (at login, on
    reauthentication, or when enrolling after opening the mailed link)."""
    records = get_authentication_records(request, request.user)
    if any(record.get("method") == "mfa" for record in records):
        return True
    return request.session.get(ENROLMENT_SESSION_KEY) == request.user.pk and has_totp(request.user)


def _state(user) -> str:
    """Changes when the link is used (last_login moves), the password changes or an
    authenticator is added: each ends every earlier link."""
    value = f"{user.pk}:{user.password}:{user.last_login}:{has_totp(user)}:{user.email}"
    return salted_hmac(ENROLMENT_SALT, value).hexdigest()


def _verified_address(user) -> str | None:
    address = EmailAddress.objects.filter(user=user, verified=True, primary=True).first()
    return address.email if address else None


def send_enrolment_link(request, user) -> bool:
    """Mail a one-time enrolment link to the person's verified primary address.

    Writes nothing; returns False (and sends nothing) without a verified address or when an
    authenticator already exists. Safe to call twice: each mail carries a valid link until one
    of them is used."""
    address = _verified_address(user)
    if address is None or has_totp(user):
        return False
    token = signing.dumps({"u": user.pk, "s": _state(user)}, salt=ENROLMENT_SALT)
    url = request.build_absolute_uri(reverse("two-factor-enrol-link", args=[token]))
    get_adapter(request).send_mail(
        "account/email/two_factor_enrolment",
        address,
        {"user": user, "enrolment_url": url, "minutes": ENROLMENT_MAX_AGE // 60},
    )
    return True


def check_enrolment_link(token: str, user) -> None:
    """Raise EnrolmentLinkError unless the token is a valid, unused link for this person."""
    try:
        data = signing.loads(token, salt=ENROLMENT_SALT, max_age=ENROLMENT_MAX_AGE)
    except signing.BadSignature as exc:  # also SignatureExpired
        raise EnrolmentLinkError from exc
    if not isinstance(data, dict) or data.get("u") != user.pk:
        raise EnrolmentLinkError
    if not constant_time_compare(str(data.get("s", "")), _state(user)):
        raise EnrolmentLinkError


def open_enrolment_link(request, token: str) -> None:
    """Use the link: this session may enrol; the link (and every earlier one) is spent.

    Raises EnrolmentLinkError and changes nothing when the link is not valid."""
    user = request.user
    check_enrolment_link(token, user)
    user.last_login = timezone.now()
    user.save(update_fields=["last_login"])
    request.session[ENROLMENT_SESSION_KEY] = user.pk


def second_factor_redirect(request) -> str | None:
    """Where a signed-in person must go before this request, or None to let it through."""
    user = request.user
    path = request.path
    required = getattr(settings, "LEERNETWERK_STAFF_REQUIRE_2FA", False)
    enrolling = path == reverse("mfa_activate_totp")
    # Ask about the staff role (a query) only where it matters.
    if not user.is_authenticated or not (required or enrolling) or not must_enrol_by_link(user):
        return None
    if enrolling and not may_enrol(request):
        return reverse("two-factor-enrol")
    if not required:
        return None
    if proved_second_factor(request) or path.startswith(("/static/", "/i18n/")):
        return None
    open_paths = {
        reverse("account_logout"),
        reverse("account_reauthenticate"),  # allauth asks the password again before enrolling
        reverse("two-factor-enrol"),
        reverse("mfa_reauthenticate"),
    }
    if path in open_paths or path.startswith(reverse("two-factor-enrol")):
        return None
    if may_enrol(request) and path.startswith(reverse("mfa_index")):
        return None
    # Everything else waits, also changing the address (which would let a stolen password
    # redirect the enrolment mail).
    return reverse("mfa_reauthenticate") if has_totp(user) else reverse("two-factor-enrol")
