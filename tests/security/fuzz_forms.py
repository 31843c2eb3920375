"""What the form fuzzing (test_form_fuzz.py) reads: the named controls of a page's POST
forms and the Django form fields behind them; after a POST, the row count of every app table,
whether the form came back with errors, and the text a model form should have stored."""

from __future__ import annotations

from html.parser import HTMLParser

from django import forms
from django.apps import apps
from django.core.exceptions import FieldDoesNotExist
from django.db import connection, models
from django.forms.formsets import BaseFormSet
from django.test.utils import ContextList

from tests.security.fuzz_strategies import OMIT
from tests.security.world import APP_LABELS


class _FormFields(HTMLParser):
    """The named controls inside the page's POST forms (the CSRF token left out), and the
    submit button a person presses in each form that has exactly one named button (a view
    such as allauth's address page acts only on the button's name)."""

    def __init__(self):
        super().__init__()
        self.in_post_form = False
        self.controls: dict[str, dict] = {}
        self.pressed: dict[str, str] = {}
        self._buttons: list[tuple[str, str]] = []
        self._textarea = None
        self._select = None

    def handle_starttag(self, tag, attrs):
        a = {k: (v if v is not None else "") for k, v in attrs}
        if tag == "form":
            self.in_post_form = a.get("method", "get").lower() == "post"
            self._buttons = []
            return
        if not self.in_post_form:
            return
        name = a.get("name")
        kind = a.get("type", "text" if tag == "input" else "submit").lower()
        if tag in ("input", "button") and kind == "submit" and name:
            self._buttons.append((name, a.get("value", "")))
            return
        if tag == "input" and name and name != "csrfmiddlewaretoken":
            if kind in ("submit", "button", "reset", "image"):
                return
            control = self.controls.setdefault(
                name, {"tag": "input", "type": kind, "value": None, "options": []}
            )
            if kind in ("checkbox", "radio"):
                control["options"].append(a.get("value", "on"))
                if "checked" in a:
                    control["value"] = a.get("value", "on")
            else:
                control["value"] = a.get("value", "")
        elif tag == "textarea" and name:
            self._textarea = self.controls.setdefault(
                name, {"tag": "textarea", "type": "textarea", "value": "", "options": []}
            )
        elif tag == "select" and name:
            self._select = self.controls.setdefault(
                name,
                {
                    "tag": "select",
                    "type": "select-multiple" if "multiple" in a else "select",
                    "value": None,
                    "options": [],
                },
            )
        elif tag == "option" and self._select is not None:
            value = a.get("value", "")
            self._select["options"].append(value)
            if "selected" in a:
                self._select["value"] = value

    def handle_data(self, data):
        if self._textarea is not None:
            self._textarea["value"] += data

    def handle_endtag(self, tag):
        if tag == "form":
            if self.in_post_form and len(self._buttons) == 1:
                self.pressed.update(self._buttons)
            self.in_post_form = False
        elif tag == "textarea":
            self._textarea = None
        elif tag == "select":
            self._select = None


def _context_values(response):
    context = response.context
    if context is None:
        return []
    contexts = list(context) if isinstance(context, ContextList) else [context]
    return [value for c in contexts for d in c.dicts for value in d.values()]


def _forms_in(values) -> list[forms.BaseForm]:
    found = []
    for value in values:
        if isinstance(value, forms.BaseForm):
            found.append(value)
        elif isinstance(value, BaseFormSet):
            found.extend([value.management_form, *value.forms])
    return found


def _django_fields(page_forms) -> dict[str, tuple[forms.Field, forms.BaseForm, str]]:
    """HTML name -> (form field, its form, field name)."""
    fields = {}
    for form in page_forms:
        for name, field in form.fields.items():
            fields[form.add_prefix(name)] = (field, form, name)
    return fields


def _field_for(html_name, django_fields):
    if html_name in django_fields:
        return django_fields[html_name]
    base, _, suffix = html_name.rpartition("_")
    if suffix.isdigit() and base in django_fields:  # a MultiWidget part
        return django_fields[base]
    return None


# --- the database ----------------------------------------------------------------------


def _app_models():
    return [
        model
        for model in apps.get_models(include_auto_created=True)
        if model._meta.app_label in APP_LABELS and model._meta.managed
    ]


def _row_counts() -> dict[str, int]:
    tables = sorted({m._meta.db_table for m in _app_models()})
    quote = connection.ops.quote_name
    # Table names come from the models, never from input.
    sql = "SELECT " + ", ".join(f"(SELECT COUNT(*) FROM {quote(t)})" for t in tables)  # noqa: S608
    with connection.cursor() as cursor:
        cursor.execute(sql)
        return dict(zip(tables, cursor.fetchone(), strict=True))


def _has_errors(response) -> bool:
    for value in _context_values(response):
        if isinstance(value, forms.BaseForm) and value.is_bound and value.errors:
            return True
        if isinstance(value, BaseFormSet) and value.is_bound and not value.is_valid():
            return True
    return False


def _model_text_fields(form: forms.BaseForm, data: dict):
    """(model, field name, expected stored text) for the plain text fields of a model form."""
    if not isinstance(form, forms.ModelForm):
        return
    model = form._meta.model
    for name, field in form.fields.items():
        if type(field) is not forms.CharField or isinstance(field.widget, forms.PasswordInput):
            continue
        sent = data.get(form.add_prefix(name), OMIT)
        if not isinstance(sent, str):
            continue
        expected = sent.strip() if field.strip else sent
        if not expected:
            continue
        try:
            model_field = model._meta.get_field(name)
        except FieldDoesNotExist:  # a form-only field is not stored as such
            continue
        if isinstance(model_field, models.CharField | models.TextField) and not model_field.choices:
            yield model, name, expected
