"""Forms handed to django-allauth (ACCOUNT_FORMS): Dutch labels, the normalised address."""

from __future__ import annotations

from allauth.account import forms as allauth_forms
from allauth.account.adapter import get_adapter
from allauth.account.utils import filter_users_by_email
from django.core.validators import MaxLengthValidator
from django.utils.translation import gettext_lazy as _

from leernetwerk.forms import SafeInputMixin

from .services import mark_address_verified
from .throttle import normalised_address


class LoginForm(allauth_forms.LoginForm):
    """Sign in with the e-mail address; the address is normalised before it is counted
    (axes) and before authenticating."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["login"]
        field.label = _("E-mail address")
        # No longer than an address can be stored (User.email, axes' username column).
        field.max_length = 254
        field.validators.append(MaxLengthValidator(254))
        field.widget.attrs["maxlength"] = "254"
        field.widget.attrs.update(autocomplete="email", autofocus=True)
        field.widget.attrs.pop("placeholder", None)
        self.fields["password"].widget.attrs.pop("placeholder", None)

    def clean_login(self) -> str:
        return normalised_address(super().clean_login())


class ResetPasswordForm(allauth_forms.ResetPasswordForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["email"].label = _("E-mail address")
        self.fields["email"].widget.attrs.pop("placeholder", None)
        self.fields["email"].widget.attrs.update(autocomplete="email")

    def clean_email(self) -> str:
        """Never say whether the address has an account: the page and the answer are the
        same either way; only an existing account gets a mail."""
        email = get_adapter().clean_email(normalised_address(self.cleaned_data["email"]))
        self.users = filter_users_by_email(email, is_active=True, prefer_verified=True)
        return email


class ResetPasswordKeyForm(allauth_forms.ResetPasswordKeyForm):
    """Choosing a password from a mailed link also proves the address is hers."""

    def save(self) -> None:
        super().save()
        mark_address_verified(self.user)


class AddEmailForm(SafeInputMixin, allauth_forms.AddEmailForm):
    """Adding or changing an address: the app-wide input rules (no control characters)."""


class ChangePasswordForm(SafeInputMixin, allauth_forms.ChangePasswordForm):
    """Changing the password: the app-wide input rules."""


class SetPasswordForm(SafeInputMixin, allauth_forms.SetPasswordForm):
    """Setting a first password: the app-wide input rules."""


class ChangeEmailForm(SafeInputMixin, allauth_forms.ChangeEmailForm):
    """Changing the address: the app-wide input rules."""
