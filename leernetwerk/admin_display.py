"""Dutch pieces for the management site (/beheer/) that Django's admin leaves English.

Django draws a boolean column as an icon whose alt text is the Python value ("True",
"False"), which no catalogue translates. Change lists show booleans with `yes_no` instead:
the words "Ja"/"Nee", readable by everyone and by screen readers."""

from __future__ import annotations

from collections.abc import Callable

from django.contrib import admin
from django.db import models
from django.utils.translation import gettext as _


def yes_no(model: type[models.Model], field_name: str) -> Callable[[models.Model], str]:
    """A change-list column for boolean `field_name` of `model`: "Ja", "Nee" or "—"."""
    field = model._meta.get_field(field_name)

    @admin.display(description=field.verbose_name, ordering=field_name)
    def column(obj: models.Model) -> str:
        value = getattr(obj, field_name)
        if value is None:
            return "—"
        return _("Yes") if value else _("No")

    column.__name__ = f"{field_name}_yes_no"
    return column
