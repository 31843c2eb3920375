"""Two people editing the same object: the second save must not silently undo the first.

`ConcurrentEditMixin` (for ModelForms editing one object) carries a version of the object as
it was when the form was loaded: a digest of the edited model fields. On submit, inside the
request's transaction (ATOMIC_REQUESTS), the row is locked and its current digest compared;
if someone saved in between, the form gets a Dutch message at the top and nothing is saved.
The re-shown form carries the new version, so saving again (knowingly) overwrites."""

from __future__ import annotations

import hashlib

from django import forms
from django.utils.translation import gettext_lazy as _

VERSION_FIELD = "edit_version"
STALE_MESSAGE = _(
    "Someone else saved a change to this in the meantime. Your changes have not been saved. "
    "Reload the page to see the current version, or save again to overwrite it."
)


def _digest(values) -> str:
    return hashlib.sha256(repr(tuple(values)).encode()).hexdigest()[:32]


class ConcurrentEditMixin:
    """Put before forms.ModelForm (or forms.Form, overriding `version_object` and
    `version_columns`). Refuses a save based on a stale copy (error code "stale")."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields[VERSION_FIELD] = forms.CharField(widget=forms.HiddenInput, required=False)
        target = self.version_object()
        if target is not None and target.pk:
            self.initial[VERSION_FIELD] = self._loaded_version()

    def version_object(self):
        """The model instance being edited (None for a new one)."""
        return getattr(self, "instance", None)

    def version_columns(self) -> list[str]:
        """The columns whose change makes a loaded copy stale: for a ModelForm, its fields."""
        edited = set(self._meta.fields or ()) & set(self.fields)
        return [
            field.attname
            for field in self._meta.model._meta.concrete_fields
            if field.name in edited
        ]

    def _loaded_version(self) -> str:
        """The version of the object as this request loaded it (no query)."""
        target = self.version_object()
        return _digest(getattr(target, column) for column in self.version_columns())

    def _current_version(self) -> str:
        """The version now in the database; locks the row until the request's transaction
        ends, so a concurrent save waits and then sees this one."""
        target = self.version_object()
        row = (
            target._meta.model._default_manager.select_for_update()
            .filter(pk=target.pk)
            .values_list(*self.version_columns())
            .first()
        )
        return _digest(row or ())

    def clean(self):
        cleaned = super().clean()
        submitted = cleaned.pop(VERSION_FIELD, "") if cleaned else ""
        # A submit without a version (not from our page) is not checked.
        target = self.version_object()
        if target is not None and target.pk and submitted:
            current = self._current_version()
            if submitted != current:
                # Show the form again with the current version, so a deliberate second
                # save is possible.
                self.data = self.data.copy()
                self.data[self.add_prefix(VERSION_FIELD)] = current
                raise forms.ValidationError(STALE_MESSAGE, code="stale")
        return cleaned
