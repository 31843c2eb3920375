"""Date polls: opening one and answering it."""

from __future__ import annotations

import datetime

from django import forms
from django.utils import formats, timezone
from django.utils.translation import gettext_lazy as _

from leernetwerk.forms import Form

from ..enums import PollAnswerChoice
from ..validation import meeting_time_errors, poll_deadline_error
from .fields import (
    DateInput,
    DateTimeInput,
    TimeInput,
    form_helper,
)

DEFAULT_ROWS = 3  # rows shown on a new poll; "Add a date" adds one more each time
MAX_OPTIONS = 60


def rows_in(data) -> int:
    """How many date rows a submitted poll form had: its `rows` value, or more when the
    data names a higher row (a row added in the browser); between 1 and MAX_OPTIONS."""
    try:
        count = int(data.get("rows") or 0)
    except (TypeError, ValueError):
        count = 0
    for key in data:
        if key.startswith("option_") and key.endswith("_date"):
            number = key.removeprefix("option_").removesuffix("_date")
            if number.isdigit():
                count = max(count, int(number))
    return max(1, min(count or DEFAULT_ROWS, MAX_OPTIONS))


ROW_FIELDS = ("date", "start", "end")


def without_row(data, number: int) -> dict[str, str]:
    """The submitted entries with date row `number` taken out: the rows after it move up
    one, so the form shows one row fewer and keeps every other entry."""
    count = rows_in(data)
    kept = {
        key: value
        for key, value in data.items()
        if not key.startswith("option_") and key not in ("rows", "remove_row")
    }
    new_number = 0
    for old in range(1, count + 1):
        if old == number:
            continue
        new_number += 1
        for part in ROW_FIELDS:
            value = data.get(f"option_{old}_{part}")
            if value is not None:
                kept[f"option_{new_number}_{part}"] = value
    kept["rows"] = str(max(new_number, 1))
    return kept


class DatePollForm(Form):
    """A title, any number of candidate dates (one row each) and an optional deadline."""

    title = forms.CharField(label=_("Title"), max_length=200)
    deadline = forms.DateTimeField(
        label=_("Answer before"),
        required=False,
        widget=DateTimeInput(),
        help_text=_("Optional. The day before, the members who have not answered get a reminder."),
    )
    rows = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, rows: int | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.row_count = rows or (rows_in(self.data) if self.is_bound else DEFAULT_ROWS)
        self.initial["rows"] = self.row_count
        for i in range(1, self.row_count + 1):
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
        self.helper = form_helper()

    def clean(self):
        cleaned = super().clean()
        options = []
        first_field = None
        for i in range(1, self.row_count + 1):
            date = cleaned.get(f"option_{i}_date")
            if not date:
                continue
            first_field = first_field or f"option_{i}_date"
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
        message = poll_deadline_error(
            cleaned.get("deadline"), min((s for s, _e in options), default=None)
        )
        if message:
            self.add_error("deadline", message)
        cleaned["options"] = options
        return cleaned

    def option_rows(self):
        return [
            (i, self[f"option_{i}_date"], self[f"option_{i}_start"], self[f"option_{i}_end"])
            for i in range(1, self.row_count + 1)
        ]


class PollAnswerForm(Form):
    def __init__(self, *args, options, current: dict[int, str], **kwargs):
        super().__init__(*args, **kwargs)

        self.options = options
        for option in options:
            label = formats.date_format(timezone.localtime(option.starts_at), "l j F Y H:i")
            self.fields[f"option_{option.pk}"] = forms.ChoiceField(
                label=label,
                choices=PollAnswerChoice.choices,
                widget=forms.RadioSelect,
                initial=current.get(option.pk),
            )
        self.helper = form_helper()

    def answers(self) -> dict[int, str]:
        return {int(k.removeprefix("option_")): v for k, v in self.cleaned_data.items()}
