"""The person's own data: the learning record to download and erasing the account."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from leernetwerk.forms import Form, ModelMultipleChoiceField

from ..models import BCScan, LearningQuestion, User
from .fields import _helper


class LearningRecordForm(Form):
    questions = ModelMultipleChoiceField(
        label=_("Learning questions and reflections to include"),
        queryset=LearningQuestion.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    scans = ModelMultipleChoiceField(
        label=_("BC-Scan results to include"),
        queryset=BCScan.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, owner: User, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["questions"].queryset = LearningQuestion.objects.filter(owner=owner)
        # Her own form: her titles (a question's str() is metadata only, for the admin).
        self.fields["questions"].label_from_instance = lambda question: question.title
        self.fields["scans"].queryset = BCScan.objects.filter(owner=owner)
        self.helper = _helper()


class EraseAccountForm(Form):
    confirm = forms.BooleanField(
        label=_("I understand that my account and personal data will be erased for good."),
    )
    password = forms.CharField(
        label=_("Your password"),
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )

    def __init__(self, *args, user: User, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        self.helper = _helper()

    def clean_password(self):
        password = self.cleaned_data["password"]
        if not self.user.check_password(password):
            raise forms.ValidationError(_("This password is not correct."))
        return password
