from django import forms
from django.utils.translation import gettext_lazy as _

from .enums import Frequency


class PreferenceForm(forms.Form):
    frequency = forms.ChoiceField(
        label=_("Notifications about changes, polls, minutes, actions and reminders"),
        choices=Frequency.choices,
        widget=forms.RadioSelect,
        help_text=_("Invitations to a meeting always come at once, one mail each."),
    )
