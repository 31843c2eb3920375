"""Account services other apps call: verified addresses and password-setting links."""

from __future__ import annotations

from allauth.account.forms import default_token_generator
from allauth.account.models import EmailAddress
from allauth.account.utils import user_pk_to_url_str
from django.conf import settings
from django.urls import reverse


def mark_address_verified(user) -> EmailAddress:
    """Record the person's address as verified and primary (she proved it by opening a link
    mailed to it, e.g. an invitation). Safe to run twice."""
    address, _created = EmailAddress.objects.update_or_create(
        user=user, email=user.email.lower(), defaults={"verified": True, "primary": True}
    )
    return address


def password_setting_url(user) -> str:
    """An absolute one-time link to choose a password (allauth's reset-from-key page).

    Writes nothing; the link dies once used, on login, or after PASSWORD_RESET_TIMEOUT."""
    path = reverse(
        "account_reset_password_from_key",
        kwargs={
            "uidb36": user_pk_to_url_str(user),
            "key": default_token_generator.make_token(user),
        },
    )
    return settings.SITE_URL.rstrip("/") + path
