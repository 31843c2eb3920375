"""Inviting a person to a network, accepting an invitation, and the member import upload."""

from __future__ import annotations

from django import forms
from django.contrib.auth import password_validation
from django.utils.translation import gettext_lazy as _

from leernetwerk import uploads
from leernetwerk.forms import Form, UploadField
from networks.memberships import closed_to_new_members, is_current_member
from networks.models import Network

from ..models import User
from .fields import _helper


class InviteForm(Form):
    email = forms.EmailField(label=_("E-mail address"), max_length=254)

    def __init__(self, *args, network: Network, **kwargs):
        super().__init__(*args, **kwargs)
        self.network = network
        self.helper = _helper()

    def clean_email(self):
        email = self.cleaned_data["email"].strip().lower()
        reason = closed_to_new_members(self.network)
        if reason:
            raise forms.ValidationError(reason)
        if is_current_member(self.network, email):
            raise forms.ValidationError(_("This address is already a member of this network."))
        return email


class AcceptInvitationForm(Form):
    first_name = forms.CharField(label=_("First name"), max_length=100)
    last_name = forms.CharField(label=_("Last name"), max_length=150)
    password1 = forms.CharField(
        label=_("Password"),
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text=password_validation.password_validators_help_text_html(),
    )
    password2 = forms.CharField(
        label=_("Password again"),
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )

    def __init__(self, *args, email: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.email = email
        self.helper = _helper()

    def clean(self):
        cleaned = super().clean()
        p1, p2 = cleaned.get("password1"), cleaned.get("password2")
        if p1 and p2 and p1 != p2:
            self.add_error("password2", _("The two passwords differ."))
        elif p1:
            user = User(
                email=self.email,
                first_name=cleaned.get("first_name", ""),
                last_name=cleaned.get("last_name", ""),
            )
            try:
                password_validation.validate_password(p1, user)
            except forms.ValidationError as error:
                self.add_error("password1", error)
        return cleaned


class ImportUploadForm(Form):
    file = UploadField(
        extensions=("csv", "xlsx"),
        type_message=_("Choose a .csv or .xlsx file."),
        label=_("File (CSV or Excel)"),
        help_text=_(
            "Columns: email, first_name, last_name, brin (voornaam, achternaam and e-mailadres "
            "are accepted too). Row 1 is the header."
        ),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = _helper()

    def clean_file(self):
        """Only what is cheap: the size and type (the field) and, for Excel, the unpacked
        size from the archive's directory. The rows are read by the background task."""
        upload = self.cleaned_data["file"]
        upload.content = upload.read()
        if upload.extension == "xlsx":
            uploads.check_unpacked_size(upload.content)
        return upload


class ImportConfirmForm(Form):
    """The button under the preview: no fields, the job is in the URL."""
