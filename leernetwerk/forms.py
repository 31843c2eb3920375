"""Form plumbing shared by the apps: the base forms every form of the app derives from, and
shared fields.

`Form` and `ModelForm` apply the input rules that hold for every field of the app, in one
place, when a form is cleaned:

- a one-line text field (a CharField shown as an <input>) refuses line breaks and control
  characters (NUL is refused by Django's CharField itself);
- a date or date-and-time field refuses dates outside `DATE_RANGE` (a year 0001 or 9999 is a
  typing error, and dates near the edge of Python's calendar overflow in date arithmetic).

Every message is shown at the field it concerns."""

from __future__ import annotations

import datetime
import re
from decimal import Decimal, InvalidOperation

from django import forms
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils import formats, timezone
from django.utils.deconstruct import deconstructible
from django.utils.translation import gettext_lazy as _

from .text import contains_control_characters
from .uploads import MAX_UPLOAD_BYTES

# The dates any field of the app accepts (inclusive).
DATE_RANGE = (datetime.date(2000, 1, 1), datetime.date(2099, 12, 31))


@deconstructible
class OneLineValidator:
    """Refuses line breaks and control characters in a text meant to be one line."""

    message = _("Use a single line, without line breaks, tabs or control characters.")
    code = "one_line"

    def __call__(self, value):
        if isinstance(value, str) and contains_control_characters(value):
            raise ValidationError(self.message, code=self.code)

    def __eq__(self, other):
        return isinstance(other, OneLineValidator)


@deconstructible
class DateRangeValidator:
    """Refuses a date (or the local date of a date and time) outside DATE_RANGE."""

    code = "date_range"

    def __call__(self, value):
        if isinstance(value, datetime.datetime):
            day = timezone.localtime(value).date() if timezone.is_aware(value) else value.date()
        elif isinstance(value, datetime.date):
            day = value
        else:
            return
        first, last = DATE_RANGE
        if not first <= day <= last:
            raise ValidationError(
                _("Choose a date between %(first)s and %(last)s."),
                code=self.code,
                params={
                    "first": formats.date_format(first, "SHORT_DATE_FORMAT"),
                    "last": formats.date_format(last, "SHORT_DATE_FORMAT"),
                },
            )

    def __eq__(self, other):
        return isinstance(other, DateRangeValidator)


def is_one_line(field: forms.Field) -> bool:
    """A text field whose widget is a single-line input (passwords are never stored as text)."""
    return (
        isinstance(field, forms.CharField)
        and isinstance(field.widget, forms.widgets.Input)
        and not isinstance(field.widget, forms.PasswordInput)
    )


def guard_field(field: forms.Field) -> None:
    """Add the app-wide input rules to one form field (idempotent)."""
    if is_one_line(field) and OneLineValidator() not in field.validators:
        field.validators.append(OneLineValidator())
    if isinstance(field, forms.DateField | forms.DateTimeField) and (
        DateRangeValidator() not in field.validators
    ):
        field.validators.append(DateRangeValidator())


class SafeInputMixin:
    """Applies the app-wide input rules to every field, including fields a form adds in its
    own __init__ (so the rules are attached when the form is cleaned, not when it is made)."""

    def full_clean(self):
        for field in self.fields.values():
            guard_field(field)
        super().full_clean()


class Form(SafeInputMixin, forms.Form):
    """The base of every plain form of the app."""


class ModelForm(SafeInputMixin, forms.ModelForm):
    """The base of every model form of the app."""


class ModelMultipleChoiceField(forms.ModelMultipleChoiceField):
    """Django's field, refusing an id too large for the database as an unknown choice.

    SQLite raises OverflowError for an integer beyond 64 bits, which Django lets through as a
    server error; PostgreSQL's answer is already an empty match."""

    def _check_values(self, value):
        try:
            return super()._check_values(value)
        except OverflowError:
            raise ValidationError(
                self.error_messages["invalid_choice"],
                code="invalid_choice",
                params={"value": "…"},
            ) from None


# An amount as people type it: digits, at most one decimal mark (comma or dot) with one or
# two digits after it; a Dutch thousands dot only in whole groups of three ("1.250,50").
# A minus sign is read, so that the field's minimum names the rule ("at least 0").
_PLAIN_AMOUNT = re.compile(r"^-?\d+([.,]\d{1,2})?$")
_GROUPED_AMOUNT = re.compile(r"^-?\d{1,3}(\.\d{3})+(,\d{1,2})?$")


def parse_amount(text: str) -> Decimal | None:
    """The amount a person typed, with a decimal comma (Dutch) or dot: "750,50", "750.50",
    "€ 1.250,50". None for text that is not such an amount."""
    text = text.strip().removeprefix("€").strip().replace(" ", "")
    if _GROUPED_AMOUNT.match(text):
        text = text.replace(".", "")
    elif not _PLAIN_AMOUNT.match(text):
        return None
    try:
        return Decimal(text.replace(",", "."))
    except InvalidOperation:
        return None


class AmountInput(forms.TextInput):
    """A text input for an amount: the phone shows its number keyboard (inputmode), the browser
    does not reinterpret the text by its own locale (as <input type=number> does), and a stored
    amount is shown the way the site writes numbers ("750,50" in Dutch)."""

    def __init__(self, attrs=None):
        super().__init__({"inputmode": "decimal", "autocomplete": "off", **(attrs or {})})

    def format_value(self, value):
        if isinstance(value, Decimal | int | float):
            return formats.number_format(Decimal(value), decimal_pos=2, use_l10n=True)
        return super().format_value(value)


class AmountField(forms.DecimalField):
    """A money amount in euros with two decimals, typed with a decimal comma or dot. Every
    amount input of the app is one."""

    widget = AmountInput
    default_error_messages = {
        "invalid": _("Enter an amount in euros, for example 750 or 750,50."),
    }

    def __init__(self, **kwargs):
        kwargs.setdefault("max_digits", 8)
        kwargs.setdefault("decimal_places", 2)
        super().__init__(**kwargs)

    def to_python(self, value):
        if value in self.empty_values:
            return None
        if isinstance(value, Decimal):
            return value
        amount = parse_amount(str(value))
        if amount is None:
            raise ValidationError(self.error_messages["invalid"], code="invalid")
        return amount


class UploadField(forms.FileField):
    """A file upload with an allowed set of extensions and a size limit (every upload of the
    app uses one). The cleaned file gets an `extension` attribute (lower case, no dot)."""

    def __init__(
        self,
        *,
        extensions: tuple[str, ...],
        type_message: str,
        max_bytes: int = MAX_UPLOAD_BYTES,
        **kwargs,
    ):
        self.extensions = extensions
        self.type_message = type_message
        self.max_bytes = max_bytes
        super().__init__(**kwargs)
        self.widget.attrs.setdefault("accept", ",".join(f".{e}" for e in extensions))

    def clean(self, data, initial=None):
        upload = super().clean(data, initial)
        if not upload:
            return upload
        extension = upload.name.rsplit(".", 1)[-1].lower() if "." in upload.name else ""
        if extension not in self.extensions:
            raise ValidationError(self.type_message, code="extension")
        if upload.size > self.max_bytes:
            raise ValidationError(
                _("The file is larger than %(limit)s."),
                code="size",
                params={"limit": filesizeformat(self.max_bytes)},
            )
        upload.extension = extension
        return upload
