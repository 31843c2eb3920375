"""A meeting itself, its guest speakers, the RSVP, cases and the next theme."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from leernetwerk.concurrency import EditVersionMixin
from leernetwerk.forms import Form, ModelForm

from ..enums import ResponseAnswer
from ..models import Meeting
from ..validation import meeting_time_errors
from .fields import (
    DATETIME_FORMAT,
    DateTimeInput,
    form_helper,
    members_field,
)


class MeetingForm(EditVersionMixin, ModelForm):
    class Meta:
        model = Meeting
        fields = [
            "title",
            "theme",
            "starts_at",
            "ends_at",
            "location",
            "address",
            "form",
            "agenda",
            "academy_invited",
        ]
        widgets = {
            "starts_at": DateTimeInput(),
            "ends_at": DateTimeInput(),
            "agenda": forms.Textarea(attrs={"rows": 4}),
        }
        help_texts = {
            "form": _("For example: 16:00-19:00, a half day, an 8-hour day, 24 hours."),
        }

    def __init__(self, *args, network, is_new: bool, **kwargs):
        super().__init__(*args, **kwargs)
        self.network = network
        self.is_new = is_new
        self.fields["starts_at"].input_formats = [DATETIME_FORMAT]
        self.fields["ends_at"].input_formats = [DATETIME_FORMAT]
        self.fields["preparation_group"] = members_field(
            network, _("Preparation group (about three members)")
        )
        if self.instance.pk and "preparation_group" not in self.initial:
            self.initial["preparation_group"] = list(
                self.instance.preparation_group.values_list("pk", flat=True)
            )
        self.helper = form_helper()

    def clean(self):
        cleaned = super().clean()
        for field, message in meeting_time_errors(
            cleaned.get("starts_at"), cleaned.get("ends_at"), is_new=self.is_new
        ).items():
            self.add_error(field, message)
        return cleaned

    def meeting_data(self) -> dict:
        return {k: v for k, v in self.cleaned_data.items() if k != "preparation_group"}


class GuestSpeakerForm(Form):
    name = forms.CharField(label=_("Name"), max_length=200)
    email = forms.EmailField(
        label=_("E-mail address"),
        max_length=254,
        help_text=_("The briefing is sent here as an invitation the speaker can answer."),
    )
    organisation = forms.CharField(label=_("Organisation"), max_length=200, required=False)
    topic = forms.CharField(label=_("Topic"), max_length=300)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = form_helper()


class SpeakerAnswerForm(Form):
    """The guest speaker's answer: the button she pressed ("accepted" or "declined"). Which
    answers count, and until when, is the service's rule (`answer_speaker_invitation`)."""

    answer = forms.CharField(label=_("Your answer"), required=False)


class ResponseForm(Form):
    answer = forms.ChoiceField(
        label=_("Your answer"), choices=ResponseAnswer.choices, widget=forms.RadioSelect
    )
    apology = forms.CharField(
        label=_("Apology (optional)"),
        max_length=500,
        required=False,
        help_text=_("Only when you are not coming."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = form_helper()


class CaseForm(Form):
    title = forms.CharField(label=_("Title of the case"), max_length=200)
    description = forms.CharField(
        label=_("Description"), required=False, widget=forms.Textarea(attrs={"rows": 4})
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = form_helper()


class NextThemeForm(Form):
    next_theme = forms.CharField(
        label=_("Theme chosen for the next meeting"), max_length=300, required=False
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = form_helper()
