"""Registering attendance."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from leernetwerk.forms import Form

from ..enums import AttendanceStatus


class AttendanceForm(Form):
    """One radio group per member: present / late / apologised in advance / absent."""

    def __init__(self, *args, rows, **kwargs):
        super().__init__(*args, **kwargs)
        self.rows = rows
        for row in rows:
            self.fields[f"person_{row.person.pk}"] = forms.ChoiceField(
                label=row.person.full_name or row.person.email,
                choices=AttendanceStatus.choices,
                initial=row.status,
                widget=forms.RadioSelect,
            )
            # What this page showed, so a save only changes what this organiser changed
            # (two organisers registering at once lose nothing of each other's work).
            self.fields[f"shown_{row.person.pk}"] = forms.CharField(
                widget=forms.HiddenInput, required=False, initial=row.status
            )

    def clean(self):
        cleaned = super().clean()
        known = {f"person_{row.person.pk}" for row in self.rows}
        if any(key.startswith("person_") and key not in known for key in self.data):
            # A registration for someone who is not on this sheet: refuse all of it.
            raise forms.ValidationError(_("Only members of the network can be registered."))
        return cleaned

    def statuses(self) -> dict[int, str]:
        return {
            int(name.removeprefix("person_")): value
            for name, value in self.cleaned_data.items()
            if name.startswith("person_")
        }

    def shown(self) -> dict[int, str]:
        """person id -> the status the page showed when it was loaded."""
        return {
            int(name.removeprefix("shown_")): value
            for name, value in self.cleaned_data.items()
            if name.startswith("shown_") and value
        }

    def bound_rows(self):
        return [(row, self[f"person_{row.person.pk}"]) for row in self.rows]
