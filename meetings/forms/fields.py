"""Shared widgets and fields of the meeting forms (HTML5 date/time inputs, member choices)."""

from __future__ import annotations

from crispy_forms.helper import FormHelper
from django import forms
from django.utils.translation import gettext_lazy as _

from leernetwerk.forms import ModelMultipleChoiceField

from ..selectors import members_of, participants_of

DATETIME_FORMAT = "%Y-%m-%dT%H:%M"


class DateTimeInput(forms.DateTimeInput):
    input_type = "datetime-local"

    def __init__(self, **kwargs):
        super().__init__(format=DATETIME_FORMAT, **kwargs)


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


class TimeInput(forms.TimeInput):
    input_type = "time"

    def __init__(self, **kwargs):
        super().__init__(format="%H:%M", **kwargs)


def form_helper() -> FormHelper:
    helper = FormHelper()
    helper.form_tag = False
    return helper


class MemberChoiceField(ModelMultipleChoiceField):
    def label_from_instance(self, obj):
        return obj.full_name or obj.email


def members_field(network, label, required=False, *, participants_only=False):
    """Current members to tick; `participants_only` leaves the facilitators out."""
    outside = (
        _("Choose participants of this network only.")
        if participants_only
        else _("Choose members of this network only.")
    )
    return MemberChoiceField(
        queryset=participants_of(network) if participants_only else members_of(network),
        label=label,
        required=required,
        widget=forms.CheckboxSelectMultiple,
        error_messages={
            "invalid_choice": outside,
            "invalid_pk_value": outside,
        },
    )
