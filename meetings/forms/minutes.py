"""The minutes: their text and decisions, an action item, a suggested correction."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from leernetwerk.forms import Form

from ..selectors import members_of
from .fields import DateInput, form_helper


class MinutesForm(Form):
    summary = forms.CharField(
        label=_("What was discussed"),
        max_length=20000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 8}),
    )
    decisions = forms.CharField(
        label=_("Decisions"),
        help_text=_("One decision per line."),
        max_length=10000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = form_helper()


class ActionItemForm(Form):
    description = forms.CharField(label=_("What is to be done"), max_length=300)
    owner = forms.TypedChoiceField(
        label=_("Who does it"),
        coerce=int,
        error_messages={"invalid_choice": _("Choose a member of this network.")},
    )
    due_date = forms.DateField(label=_("Due date"), widget=DateInput())

    def __init__(self, *args, network, **kwargs):
        super().__init__(*args, **kwargs)
        self._members = {person.pk: person for person in members_of(network)}
        self.fields["owner"].choices = [("", "—")] + [
            (pk, person.full_name or person.email) for pk, person in self._members.items()
        ]
        self.helper = form_helper()

    def clean_owner(self):
        return self._members[self.cleaned_data["owner"]]


class CorrectionForm(Form):
    text = forms.CharField(
        label=_("Your suggested correction"),
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 4}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = form_helper()
