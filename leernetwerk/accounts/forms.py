from crispy_forms.helper import FormHelper
from django import forms
from django.contrib.auth.forms import AuthenticationForm
from django.utils.translation import gettext_lazy as _


class EmailAuthenticationForm(AuthenticationForm):
    """Sign in with the e-mail address; the field keeps the name 'username' for axes."""

    username = forms.EmailField(
        label=_("E-mail address"),
        # As long as an address can be stored (User.email, axes' username column).
        max_length=254,
        widget=forms.EmailInput(attrs={"autofocus": True, "autocomplete": "email"}),
    )
    error_messages = {
        "invalid_login": _(
            "This e-mail address and password do not match. Check both and try again."
        ),
        "inactive": _("This account is inactive."),
    }


class TokenForm(forms.Form):
    """A six-digit code from the authenticator app, checked against one TOTP device."""

    token = forms.CharField(
        label=_("Six-digit code from your authenticator app"),
        min_length=6,
        max_length=8,
        widget=forms.TextInput(
            attrs={
                "autocomplete": "one-time-code",
                "inputmode": "numeric",
                "pattern": "[0-9 ]*",
                "autofocus": True,
            }
        ),
    )

    def __init__(self, *args, device, **kwargs):
        super().__init__(*args, **kwargs)
        self.device = device
        self.helper = FormHelper()
        self.helper.form_tag = False

    def clean_token(self) -> str:
        token = self.cleaned_data["token"].replace(" ", "")
        if not token.isdigit() or not self.device.verify_token(token):
            raise forms.ValidationError(
                _("This code is not correct. Check the time on your phone and try a new code."),
                code="invalid",
            )
        return token
