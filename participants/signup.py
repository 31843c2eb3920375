"""The sign-up details beside allauth's address and password (ACCOUNT_SIGNUP_FORM_CLASS).

allauth builds its sign-up form on this class, so this module must not import
allauth.account.forms."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from leernetwerk.forms import Form

from .forms import SchoolChoiceField, school_label
from .models import School


class SignupForm(Form):
    """Name and school beside allauth's address and password (ACCOUNT_SIGNUP_FORM_CLASS)."""

    first_name = forms.CharField(label=_("First name"), max_length=100)
    last_name = forms.CharField(label=_("Last name"), max_length=150)
    school = SchoolChoiceField(
        queryset=School.objects.none(),
        required=False,
        label=_("School"),
        help_text=_(
            "Not in the list? Leave it empty and propose your school from your profile "
            "after signing up."
        ),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        schools = School.objects.filter(is_approved=True).order_by("name")
        self.fields["school"].queryset = schools
        self.fields["school"].widget.choices = [("", _("Choose your school"))] + [
            (school.pk, school_label(school)) for school in schools
        ]
        self.fields["first_name"].widget.attrs.update(autocomplete="given-name")
        self.fields["last_name"].widget.attrs.update(autocomplete="family-name")

    def signup(self, request, user) -> None:
        """allauth calls this after saving the new account: store name and school."""
        user.first_name = self.cleaned_data["first_name"].strip()
        user.last_name = self.cleaned_data["last_name"].strip()
        user.school = self.cleaned_data["school"]
        user.save(update_fields=["first_name", "last_name", "school"])
