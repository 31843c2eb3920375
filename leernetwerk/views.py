"""The one view base for a form that calls one service (docs/architecture.md, "Views").

A view validates the form, calls one service in `perform()` and shows what happened: the
service returns a result (the view turns it into a message and a redirect) or raises a
`ValidationError`, which lands at the fields it names, or above the form, with nothing saved.
A POST-only button (no form) calls its service through `call_service`, which turns the
`ValidationError` into error messages. Access is `PermissionOr404Mixin` (a permission without
an object, or one the view chooses) or `ObjectPermissionOr404Mixin` (the object the view loads)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.forms import BaseForm
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.views.generic import FormView

from .concurrency import StaleEdit
from .permissions import PermissionOr404Mixin


def apply_validation_error(
    form: BaseForm, error: ValidationError, *, field: str | None = None
) -> None:
    """Put a service's ValidationError on the form: at its fields where it names them (and the
    form has them), otherwise at `field` (None: above the form). A stale edit (someone saved
    in between) also gives the form the current version, so saving again overwrites."""
    if isinstance(error, StaleEdit) and hasattr(form, "show_version"):
        form.show_version(error.current_version)
    if hasattr(error, "error_dict"):
        for name, errors in error.error_dict.items():
            form.add_error(name if name in form.fields else field, errors)
    else:
        form.add_error(field, error)


class ServiceFormView(FormView):
    """Validate, call one service, show its result or its error at the field.

    Subclasses implement `perform(form)`, which calls the service and returns its result.
    `get_success_message(result)` (default: `success_message`) becomes a success message;
    `get_success_url()` (default: `success_url`) is where the browser goes next. An error
    that names no field of the form lands at `error_field` (None: above the form)."""

    success_message: str = ""
    error_field: str | None = None

    def perform(self, form: BaseForm) -> Any:
        raise NotImplementedError

    def get_success_message(self, result: Any) -> str:
        return self.success_message

    def form_valid(self, form: BaseForm) -> HttpResponse:
        try:
            self.result = self.perform(form)
        except ValidationError as error:
            apply_validation_error(form, error, field=self.error_field)
            return self.form_invalid(form)
        message = self.get_success_message(self.result)
        if message:
            messages.success(self.request, message)
        return redirect(self.get_success_url())


@dataclass(frozen=True)
class ServiceCall:
    """What `call_service` saw: `ok` is False when the service refused (its messages are
    shown already); `result` is what it returned."""

    ok: bool
    result: Any = None


def call_service(
    request: HttpRequest, service: Callable[..., Any], /, *args: Any, **kwargs: Any
) -> ServiceCall:
    """For a POST-only button: call one service; a ValidationError it raises becomes one error
    message per message it holds, and nothing else happens (the service saved nothing)."""
    try:
        return ServiceCall(ok=True, result=service(*args, **kwargs))
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
        return ServiceCall(ok=False)


class ObjectPermissionOr404Mixin(PermissionOr404Mixin):
    """`load_object()` gives the object the permission is checked on, kept as `self.object`;
    it answers 404 itself for an object that does not exist."""

    def load_object(self) -> Any:
        raise NotImplementedError

    def get_permission_object(self) -> Any:
        self.object = self.load_object()
        return self.object
