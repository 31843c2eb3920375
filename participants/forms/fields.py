"""Shared pieces of the participants forms: the crispy helper, the school choice and the
"my networks" field of a question or scan."""

from __future__ import annotations

from crispy_forms.helper import FormHelper
from django import forms
from django.utils.translation import gettext_lazy as _

from leernetwerk.forms import ModelMultipleChoiceField
from networks.models import Network

from ..models import School


def _helper() -> FormHelper:
    helper = FormHelper()
    helper.form_tag = False
    helper.disable_csrf = True
    return helper


def school_label(school: School) -> str:
    return f"{school.name} ({school.brin_code}) – {school.town}"


class SchoolChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return school_label(obj)


def _my_networks_field() -> ModelMultipleChoiceField:
    """The owner's current networks a question or BC-Scan may be shared with."""
    return ModelMultipleChoiceField(
        queryset=Network.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        label=_("My networks"),
        help_text=_("Sharing reaches only the networks you link here."),
    )
