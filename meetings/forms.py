"""Forms validate input and lay it out (crispy); views pass cleaned_data to a service."""

from __future__ import annotations

import datetime

from crispy_forms.helper import FormHelper
from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from leernetwerk.concurrency import ConcurrentEditMixin
from leernetwerk.forms import Form, ModelForm, ModelMultipleChoiceField

from . import planner
from .enums import AttendanceStatus, PollAnswerChoice, ResponseAnswer
from .models import Meeting
from .validation import meeting_time_errors

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


def _helper() -> FormHelper:
    helper = FormHelper()
    helper.form_tag = False
    return helper


class MemberChoiceField(ModelMultipleChoiceField):
    def label_from_instance(self, obj):
        return obj.full_name or obj.email


def _members_field(network, label, required=False):
    from .selectors import members_of

    return MemberChoiceField(
        queryset=members_of(network),
        label=label,
        required=required,
        widget=forms.CheckboxSelectMultiple,
        error_messages={
            "invalid_choice": _("Choose members of this network only."),
            "invalid_pk_value": _("Choose members of this network only."),
        },
    )


class MeetingForm(ConcurrentEditMixin, ModelForm):
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
        self.fields["preparation_group"] = _members_field(
            network, _("Preparation group (about three members)")
        )
        if self.instance.pk and "preparation_group" not in self.initial:
            self.initial["preparation_group"] = list(
                self.instance.preparation_group.values_list("pk", flat=True)
            )
        self.helper = _helper()

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
    organisation = forms.CharField(label=_("Organisation"), max_length=200, required=False)
    topic = forms.CharField(label=_("Topic"), max_length=300, required=False)
    briefing = forms.CharField(
        label=_("Briefing"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 10}),
        help_text=_("Earlier meetings' themes and the learning questions members shared."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = _helper()


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
        self.helper = _helper()


class CaseForm(Form):
    title = forms.CharField(label=_("Title of the case"), max_length=200)
    description = forms.CharField(
        label=_("Description"), required=False, widget=forms.Textarea(attrs={"rows": 4})
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = _helper()


class NextThemeForm(Form):
    next_theme = forms.CharField(
        label=_("Theme chosen for the next meeting"), max_length=300, required=False
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = _helper()


class AttendanceForm(Form):
    """One radio group per member: present / absent / excused."""

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


PRESET_CHOICES = [
    ("evening", _("16:00-19:00")),
    ("half_day", _("A half day (4 hours)")),
    ("day", _("A day (8 hours)")),
    ("two_days", _("24 hours over two days")),
    ("day_and_two_days", _("8 hours and 24 hours alternating")),
]
WEEKDAY_CHOICES = [
    ("", _("Any working day")),
    ("0", _("Monday")),
    ("1", _("Tuesday")),
    ("2", _("Wednesday")),
    ("3", _("Thursday")),
    ("4", _("Friday")),
]


class PlannerForm(Form):
    first_date = forms.DateField(label=_("First meeting on or after"), widget=DateInput())
    per_year = forms.IntegerField(label=_("Meetings per year"), min_value=1, max_value=12)
    count = forms.IntegerField(label=_("Number of meetings to plan"), min_value=1, max_value=12)
    preset = forms.ChoiceField(label=_("Length"), choices=PRESET_CHOICES)
    weekday = forms.ChoiceField(label=_("Weekday"), choices=WEEKDAY_CHOICES, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = _helper()

    def clean_first_date(self):
        value = self.cleaned_data["first_date"]
        if value < timezone.localdate():
            raise forms.ValidationError(_("A new meeting cannot start in the past."))
        return value

    def proposals(self) -> list[planner.ProposedMeeting]:
        data = self.cleaned_data
        start_time, durations = planner.PRESETS[data["preset"]]
        return planner.propose_dates(
            first_date=data["first_date"],
            per_year=data["per_year"],
            count=data["count"],
            start_time=start_time,
            durations=durations,
            weekday=int(data["weekday"]) if data.get("weekday") else None,
        )


class PlannerConfirmForm(Form):
    """The proposal as editable rows: the facilitator adjusts, then confirms."""

    def __init__(self, *args, count: int, **kwargs):
        super().__init__(*args, **kwargs)
        self.count = count
        for i in range(count):
            number = i + 1
            self.fields[f"include_{i}"] = forms.BooleanField(
                label=_("Plan meeting %(n)s") % {"n": number}, required=False, initial=True
            )
            self.fields[f"title_{i}"] = forms.CharField(
                label=_("Title of meeting %(n)s") % {"n": number}, max_length=200
            )
            for name, label in (
                ("starts_at", _("Start of meeting %(n)s")),
                ("ends_at", _("End of meeting %(n)s")),
            ):
                self.fields[f"{name}_{i}"] = forms.DateTimeField(
                    label=label % {"n": number},
                    widget=DateTimeInput(),
                    input_formats=[DATETIME_FORMAT],
                )

    def clean(self):
        cleaned = super().clean()
        if not any(cleaned.get(f"include_{i}") for i in range(self.count)):
            raise forms.ValidationError(_("Choose at least one meeting to plan."))
        for i in range(self.count):
            if not cleaned.get(f"include_{i}"):
                continue
            errors = meeting_time_errors(
                cleaned.get(f"starts_at_{i}"), cleaned.get(f"ends_at_{i}"), is_new=True
            )
            for field, message in errors.items():
                self.add_error(f"{field}_{i}", message)
        return cleaned

    def rows(self):
        return [
            (self[f"include_{i}"], self[f"title_{i}"], self[f"starts_at_{i}"], self[f"ends_at_{i}"])
            for i in range(self.count)
        ]

    def meetings_data(self) -> list[dict]:
        return [
            {
                "title": self.cleaned_data[f"title_{i}"],
                "starts_at": self.cleaned_data[f"starts_at_{i}"],
                "ends_at": self.cleaned_data[f"ends_at_{i}"],
            }
            for i in range(self.count)
            if self.cleaned_data.get(f"include_{i}")
        ]


POLL_OPTIONS = 5


class DatePollForm(Form):
    title = forms.CharField(label=_("Title"), max_length=200)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for i in range(1, POLL_OPTIONS + 1):
            self.fields[f"option_{i}_date"] = forms.DateField(
                label=_("Date %(n)s") % {"n": i}, required=False, widget=DateInput()
            )
            self.fields[f"option_{i}_start"] = forms.TimeField(
                label=_("Start time %(n)s") % {"n": i},
                required=False,
                widget=TimeInput(),
                initial=datetime.time(16, 0),
            )
            self.fields[f"option_{i}_end"] = forms.TimeField(
                label=_("End time %(n)s") % {"n": i},
                required=False,
                widget=TimeInput(),
                initial=datetime.time(19, 0),
            )
        self.helper = _helper()

    def clean(self):
        cleaned = super().clean()
        options = []
        for i in range(1, POLL_OPTIONS + 1):
            date = cleaned.get(f"option_{i}_date")
            if not date:
                continue
            start = cleaned.get(f"option_{i}_start") or datetime.time(16, 0)
            end = cleaned.get(f"option_{i}_end") or datetime.time(19, 0)
            starts_at = timezone.make_aware(datetime.datetime.combine(date, start))
            ends_at = timezone.make_aware(datetime.datetime.combine(date, end))
            if ends_at <= starts_at:  # an evening into the night, or 24 hours
                ends_at += datetime.timedelta(days=1)
            for _field, message in meeting_time_errors(starts_at, ends_at, is_new=True).items():
                self.add_error(f"option_{i}_date", message)
            options.append((starts_at, ends_at))
        if not options and not self.has_error("option_1_date"):
            self.add_error("option_1_date", _("Propose at least one date."))
        cleaned["options"] = options
        return cleaned

    def option_rows(self):
        return [
            (self[f"option_{i}_date"], self[f"option_{i}_start"], self[f"option_{i}_end"])
            for i in range(1, POLL_OPTIONS + 1)
        ]


class PollAnswerForm(Form):
    def __init__(self, *args, options, current: dict[int, str], **kwargs):
        super().__init__(*args, **kwargs)
        from django.utils import formats

        self.options = options
        for option in options:
            label = formats.date_format(timezone.localtime(option.starts_at), "l j F Y H:i")
            self.fields[f"option_{option.pk}"] = forms.ChoiceField(
                label=label,
                choices=PollAnswerChoice.choices,
                widget=forms.RadioSelect,
                initial=current.get(option.pk),
            )
        self.helper = _helper()

    def answers(self) -> dict[int, str]:
        return {int(k.removeprefix("option_")): v for k, v in self.cleaned_data.items()}


class BuddyGroupForm(Form):
    name = forms.CharField(label=_("Name of the group"), max_length=200)

    def __init__(self, *args, network, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["members"] = _members_field(network, _("Members (two to five)"), True)
        self.helper = _helper()

    def clean_members(self):
        from .buddies import size_is_valid

        members = self.cleaned_data["members"]
        if not size_is_valid([m.pk for m in members]):
            raise forms.ValidationError(_("A buddy group has two to five members."))
        return members


class ContactMomentForm(Form):
    date = forms.DateField(label=_("Date"), widget=DateInput())
    note = forms.CharField(label=_("Short note"), max_length=500, required=False)

    def __init__(self, *args, network, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["participants"] = _members_field(network, _("Who"), True)
        self.order_fields(["date", "participants", "note"])
        self.helper = _helper()

    def clean_date(self):
        value = self.cleaned_data["date"]
        if value > timezone.localdate():
            raise forms.ValidationError(_("A contact moment cannot be in the future."))
        return value
