"""The year planner."""

from __future__ import annotations

import datetime

from django import forms
from django.utils import formats, timezone
from django.utils.translation import gettext_lazy as _

from leernetwerk.forms import Form

from .. import planner
from ..validation import meeting_time_errors
from .fields import (
    DATETIME_FORMAT,
    DateInput,
    DateTimeInput,
    form_helper,
)

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

    def __init__(self, *args, term_start=None, term_end=None, **kwargs):
        super().__init__(*args, **kwargs)
        # The network's term: no meeting is proposed before its start or after its end.
        self.term_start: datetime.date | None = term_start
        self.term_end: datetime.date | None = term_end
        self.helper = form_helper()

    def clean_first_date(self):
        value = self.cleaned_data["first_date"]
        if value < timezone.localdate():
            raise forms.ValidationError(_("A new meeting cannot start in the past."))
        if value > timezone.localdate() + datetime.timedelta(days=2 * 366):
            raise forms.ValidationError(_("Choose a first date within two years."))
        if self.term_end is not None and value > self.term_end:
            raise forms.ValidationError(
                _("The network runs until %(end)s; choose a first date before then.")
                % {"end": formats.date_format(self.term_end, "j F Y")}
            )
        return value

    def proposals(self, *, planned=()) -> list[planner.ProposedMeeting]:
        """The proposed series; days in `planned` already have a meeting and are skipped."""
        data = self.cleaned_data
        start_time, durations = planner.PRESETS[data["preset"]]
        return planner.propose_dates(
            first_date=max(data["first_date"], self.term_start or data["first_date"]),
            per_year=data["per_year"],
            count=data["count"],
            start_time=start_time,
            durations=durations,
            weekday=int(data["weekday"]) if data.get("weekday") else None,
            planned=planned,
            last_date=self.term_end,
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
            self.fields[f"theme_{i}"] = forms.CharField(
                label=_("Theme of meeting %(n)s") % {"n": number}, max_length=200, required=False
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
            (
                self[f"include_{i}"],
                self[f"title_{i}"],
                self[f"theme_{i}"],
                self[f"starts_at_{i}"],
                self[f"ends_at_{i}"],
            )
            for i in range(self.count)
        ]

    def meetings_data(self) -> list[dict]:
        return [
            {
                "title": self.cleaned_data[f"title_{i}"],
                "theme": self.cleaned_data.get(f"theme_{i}", ""),
                "starts_at": self.cleaned_data[f"starts_at_{i}"],
                "ends_at": self.cleaned_data[f"ends_at_{i}"],
            }
            for i in range(self.count)
            if self.cleaned_data.get(f"include_{i}")
        ]
