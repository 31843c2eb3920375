"""The organisers' form for the network's short name (calendar titles, mail subjects)."""

from __future__ import annotations

from crispy_forms.helper import FormHelper
from django import forms
from django.utils.text import capfirst

from leernetwerk.forms import Form

from ..models import SHORT_NAME_LENGTH, Network


class ShortNameForm(Form):
    short_name = forms.CharField(
        label=capfirst(Network._meta.get_field("short_name").verbose_name),
        max_length=SHORT_NAME_LENGTH,
        required=False,
        help_text=Network._meta.get_field("short_name").help_text,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.form_tag = False
