"""The network's maximum number of participants (the waiting list's setting)."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from leernetwerk.forms import Form

from .fields import _helper

# Far above any learning network (they have 8 to 25 fixed participants), and well inside the
# database column, so an absurd number gets a message at the field instead of an error.
MOST_PARTICIPANTS = 1000


class MaxParticipantsForm(Form):
    max_participants = forms.IntegerField(
        label=_("Maximum number of participants"),
        required=False,
        min_value=1,
        max_value=MOST_PARTICIPANTS,
        help_text=_(
            "Leave empty for no maximum. When the network is full, new registrations join "
            "the waiting list and are offered a place when one frees up."
        ),
        error_messages={
            "invalid": _("Enter a whole number of at least 1, or leave it empty."),
            "min_value": _("Enter a whole number of at least 1, or leave it empty."),
            "max_value": _("A network has at most %(limit_value)s participants."),
        },
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = _helper()
