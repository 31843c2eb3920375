"""Codes with their labels in exports a person reads (issue 15, item 6: the data download).

A stored choice is a code ("present", "department_head"); a person needs its label
("Aanwezig", "Afdelingsleider"). Exports keep the code, so they stay machine-readable, and
put the label beside it under `<key>_label`, in the active language (Dutch unless the
person chose English)."""

from __future__ import annotations

from django.db import models


def labelled(obj: models.Model, field: str, key: str | None = None) -> dict[str, str | None]:
    """`{key: code, key_label: label}` for the choice field `field` of `obj` (key: field).

    An empty code gives an empty label; a code no longer among the choices keeps itself
    as label. Pure read, safe to call anywhere."""
    key = key or field
    code = getattr(obj, field)
    choices = dict(obj._meta.get_field(field).flatchoices)
    label = str(choices.get(code, code)) if code not in (None, "") else code
    return {key: code, f"{key}_label": label}
