"""The person's own profile, proposing a school, and the staff's people filter."""

from __future__ import annotations

import re

from django import forms
from django.utils.translation import gettext_lazy as _

from leernetwerk.concurrency import EditVersionMixin
from leernetwerk.forms import Form, ModelForm
from networks.models import Network

from ..enums import Function, Region
from ..models import School, User
from ..selectors import schools_matching
from .fields import SchoolChoiceField, _helper, school_label


class ProfileForm(EditVersionMixin, ModelForm):
    """The person's own profile. The school list is filtered by a search (htmx or plain
    GET), while every approved school (and the person's current one) stays valid."""

    school = SchoolChoiceField(
        queryset=School.objects.none(),
        required=False,
        label=_("School"),
        help_text=_("Search by name, BRIN code or town. Not in the list? Propose your school."),
    )

    class Meta:
        model = User
        fields = ["first_name", "last_name", "function", "school", "region", "phone"]

    def __init__(self, *args, school_query: str = "", **kwargs):
        super().__init__(*args, **kwargs)
        current = self.instance.school
        valid = School.objects.filter(is_approved=True)
        if current is not None:
            valid = valid | School.objects.filter(pk=current.pk)
        self.fields["school"].queryset = valid
        self.fields["school"].widget.choices = [("", _("Choose your school"))] + [
            (s.pk, school_label(s)) for s in schools_matching(school_query, include=current)
        ]
        self.fields["first_name"].required = True
        self.fields["last_name"].required = True
        self.helper = _helper()


class SchoolProposalForm(ModelForm):
    class Meta:
        model = School
        fields = ["name", "brin_code", "town"]
        help_texts = {"brin_code": _("Four characters: two digits and two letters, e.g. 01AB.")}

    def clean_brin_code(self):
        code = self.cleaned_data["brin_code"].strip().upper()
        if not re.fullmatch(r"\d{2}[A-Z]{2}", code):
            raise forms.ValidationError(_("A BRIN code is two digits and two letters, e.g. 01AB."))
        if School.objects.filter(brin_code=code).exists():
            raise forms.ValidationError(
                _("A school with this BRIN code already exists: search for it in the list.")
            )
        return code

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = _helper()


class PeopleFilterForm(Form):
    q = forms.CharField(label=_("Name, e-mail or school"), required=False)
    function = forms.ChoiceField(
        label=_("Function"), required=False, choices=[("", _("All"))] + list(Function.choices)
    )
    region = forms.ChoiceField(
        label=_("Region"), required=False, choices=[("", _("All"))] + list(Region.choices)
    )
    network = forms.ModelChoiceField(
        label=_("Network"),
        required=False,
        queryset=Network.objects.order_by("name"),
        empty_label=_("All"),
    )
