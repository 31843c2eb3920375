"""Between meetings: buddy groups and contact moments."""

from __future__ import annotations

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from leernetwerk.forms import Form

from ..buddies import size_is_valid
from ..enums import CalendarAlarm
from .fields import (
    DateInput,
    form_helper,
    members_field,
)


class BuddyGroupForm(Form):
    name = forms.CharField(label=_("Name of the group"), max_length=200)

    def __init__(self, *args, network, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["members"] = members_field(
            network, _("Members (two to five)"), True, participants_only=True
        )
        self.helper = form_helper()

    def clean_members(self):
        members = self.cleaned_data["members"]
        if not size_is_valid([m.pk for m in members]):
            raise forms.ValidationError(_("A buddy group has two to five members."))
        return members


class ContactMomentForm(Form):
    date = forms.DateField(label=_("Date"), widget=DateInput())
    note = forms.CharField(label=_("Short note"), max_length=500, required=False)

    def __init__(self, *args, network, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["participants"] = members_field(network, _("Who"), True)
        self.order_fields(["date", "participants", "note"])
        self.helper = form_helper()

    def clean_date(self):
        value = self.cleaned_data["date"]
        if value > timezone.localdate():
            raise forms.ValidationError(_("A contact moment cannot be in the future."))
        return value


class CalendarAlarmForm(Form):
    alarm = forms.ChoiceField(
        label=_("A reminder in my calendar before each meeting"),
        choices=CalendarAlarm.choices,
        widget=forms.RadioSelect,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = form_helper()
