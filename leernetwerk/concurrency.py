"""Two people editing the same object: the second save must not silently undo the first.

The guard lives in the service (docs/architecture.md, "Concurrent edits"). An edited model has
a `version` column. The edit form carries the version it was loaded with (hidden
`edit_version`, `EditVersionMixin`); the service passes it to `claim_version` first thing in
its transaction, which raises the version by one in ONE conditional UPDATE
(`... SET version = version + 1 WHERE pk = ... AND version = loaded`). If someone saved in
between, no row matches and `StaleEdit` is raised: a ValidationError with a Dutch message the
view shows at the top of the form, nothing saved. Two saves at the same moment cannot both
pass: the second UPDATE waits for the first transaction's row lock and then finds the version
changed. The re-shown form carries the current version, so saving again (knowingly)
overwrites."""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F
from django.utils.translation import gettext_lazy as _

VERSION_FIELD = "edit_version"
STALE_MESSAGE = _(
    "Someone else saved a change to this in the meantime. Your changes have not been saved. "
    "Reload the page to see the current version, or save again to overwrite it."
)


class StaleEdit(ValidationError):
    """The copy an edit was based on is out of date (code "stale"); `current_version` is the
    version stored now, for the form shown again."""

    def __init__(self, current_version: int | None, message: str = STALE_MESSAGE):
        super().__init__(message, code="stale")
        self.current_version = current_version


def claim_version(
    instance: models.Model, loaded_version: int | None, *, message: str = STALE_MESSAGE
) -> None:
    """Call inside the editing service's transaction, before it writes `instance` (a saved row
    with a `version` column): raise its version by one if it still is `loaded_version`, else
    raise StaleEdit and change nothing. `loaded_version=None` (a caller without a loaded copy:
    a command, another service) is not checked, but still raises the version, so an editor's
    older copy is refused. Sets `instance.version` so the service's own save keeps it.
    `message`: what the refused editor reads, where the general one does not fit (the one
    respondent on two devices of an evaluation)."""
    rows = instance._meta.model._default_manager.filter(pk=instance.pk)  # also a lazy user
    if loaded_version is None:
        rows.update(version=F("version") + 1)
        instance.version = rows.values_list("version", flat=True).get()
        return
    if not rows.filter(version=loaded_version).update(version=F("version") + 1):
        raise StaleEdit(rows.values_list("version", flat=True).first(), message)
    instance.version = loaded_version + 1


class EditVersionMixin:
    """Put before forms.ModelForm (or forms.Form, overriding `version_object`): a hidden
    `edit_version` with the version of the object as loaded. After cleaning, the submitted
    one is `loaded_version` (None for a new object or a submit without one, not from our
    page), for the view to pass to the service; it is not in `cleaned_data`."""

    loaded_version: int | None = None

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields[VERSION_FIELD] = forms.CharField(widget=forms.HiddenInput, required=False)
        target = self.version_object()
        if target is not None and target.pk:
            self.initial[VERSION_FIELD] = str(target.version)

    def version_object(self) -> models.Model | None:
        """The model instance being edited (None for a new one)."""
        return getattr(self, "instance", None)

    def clean(self):
        cleaned = super().clean()
        submitted = str(cleaned.pop(VERSION_FIELD, "") or "") if cleaned else ""
        target = self.version_object()
        if target is not None and target.pk and submitted.isdigit():
            self.loaded_version = int(submitted)
        return cleaned

    def show_version(self, current: int | None) -> None:
        """Shown again after StaleEdit: carry the current version, so a deliberate second save
        is possible."""
        self.data = self.data.copy()
        self.data[self.add_prefix(VERSION_FIELD)] = "" if current is None else str(current)
