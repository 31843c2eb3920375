"""django-allauth adapters: the project's Dutch messages and the school sign-in rules."""

from __future__ import annotations

from allauth.account.adapter import DefaultAccountAdapter
from allauth.account.models import EmailAddress
from allauth.socialaccount.adapter import DefaultSocialAccountAdapter
from django.conf import settings
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext, pgettext
from django.utils.translation import gettext_lazy as _

from .client_ip import client_ip


class AccountAdapter(DefaultAccountAdapter):
    error_messages = {
        **DefaultAccountAdapter.error_messages,
        "email_password_mismatch": _(
            "This e-mail address and password do not match. Check both and try again."
        ),
        "email_taken": _(
            "An account with this e-mail address already exists. Log in, or set a new "
            "password if you forgot it."
        ),
    }

    def validation_error(self, code, *args) -> ValidationError:
        if code == "email_taken":
            # The address has an account: both ways on are links, not just words.
            login = format_html(
                '<a href="{}">{}</a>',
                reverse("account_login"),
                pgettext("taken address at sign-up", "Log in"),
            )
            reset = format_html(
                '<a href="{}">{}</a>',
                reverse("account_reset_password"),
                gettext("set a new password"),
            )
            message = format_html(
                gettext(
                    "An account with this e-mail address already exists. {login}, or {reset} if "
                    "you forgot it."
                ),
                login=login,
                reset=reset,
            )
            return ValidationError(message, code=code)
        return super().validation_error(code, *args)

    def get_client_ip(self, request) -> str:
        """The same client address as the login lockout (DJANGO_PROXY_COUNT)."""
        return client_ip(request) or super().get_client_ip(request)

    def is_open_for_signup(self, request) -> bool:
        return getattr(settings, "LEERNETWERK_SIGNUP_OPEN", True)


class SocialAccountAdapter(DefaultSocialAccountAdapter):
    """School sign-in (OpenID Connect). An address counts as verified only when the provider
    says so for that person (the `email_verified` claim).

    The first sign-in links to the existing account whose address is the same and verified
    on both sides; otherwise a new account is made from the provider's name and address."""

    def authenticate_by_email(self, sociallogin):
        for address in sociallogin.email_addresses:
            if not address.verified:
                continue
            local = (
                EmailAddress.objects.filter(email__iexact=address.email, verified=True)
                .select_related("user")
                .first()
            )
            if local is not None and local.user.is_active:
                return local.user, address.email
        return None

    def populate_user(self, request, sociallogin, data):
        user = super().populate_user(request, sociallogin, data)
        user.email = (user.email or "").strip().lower()
        return user
