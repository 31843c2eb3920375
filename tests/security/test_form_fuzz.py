"""Bad input at scale (issue 7, item 4): hypothesis drives every form with generated input.

For every URL of the permission matrix that renders a form and accepts its POST for some role,
the fields are discovered from the rendered GET page (the HTML names, including sub-widgets and
formsets) together with the Django form fields behind them (for their type). Hypothesis then
mixes the page's own values with valid-looking and hostile input: NUL bytes, very long
strings, right-to-left marks, emoji, combining characters, numbers out of range, malformed
dates, unknown choices and file uploads. Every example runs in a savepoint that is rolled back,
against one world per URL. Asserted for every example:

- never a server error (the test client re-raises it);
- a form returned with errors leaves every app table with the same number of rows;
- a form that saved stored the text fields of a model form exactly as sent (after the
  whitespace strip Django's CharField does): no truncation, no mangling;
- a form that saved had no line break or control character in a one-line field.

Examples are derandomized (the same on every run); `FUZZ_RANDOM=1` explores new ones and
`FUZZ_EXAMPLES=n` changes how many per form. Runs on whatever DATABASE_URL names; CI runs it on PostgreSQL, where a NUL byte that reaches
the database is an error (SQLite would store it)."""

from __future__ import annotations

import os
from html.parser import HTMLParser

import pytest
from django import forms
from django.apps import apps
from django.core.exceptions import FieldDoesNotExist
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection, models, transaction
from django.forms.formsets import BaseFormSet
from django.test import Client
from django.test.utils import ContextList
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from leernetwerk.forms import is_one_line
from leernetwerk.text import contains_control_characters
from tests.security.matrix import MATRIX
from tests.security.world import APP_LABELS, ROLES, build_world, url_kwargs

MAX_EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", "15"))
# Which role drives a form, in order of preference (the first allowed to GET and POST it).
PREFERENCE = (
    "owner",
    "facilitator",
    "penvoerder",
    "staff",
    "participant",
    "anonymous",
    "other_participant",
    "other_facilitator",
)
# POST-only endpoints (htmx helpers) take the fields of the page that calls them.
FIELDS_FROM = {
    "networks:application-check": "networks:application-create",
    "participants:goal-hint": "participants:question-create",
}
REFUSED = {404, 403, 405, 410, "login"}
OMIT = object()


def _role_for(name: str) -> str | None:
    row = MATRIX[name]
    source = MATRIX[FIELDS_FROM.get(name, name)]
    for role in PREFERENCE:
        index = ROLES.index(role)
        if source["GET"][index] == 200 and row["POST"][index] not in REFUSED:
            return role
    return None


FORM_URLS = sorted(name for name in MATRIX if _role_for(name))


# --- discovering the fields ----------------------------------------------------------------


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


# --- what to send --------------------------------------------------------------------------

NASTY = [
    "\x00",
    "a\x00b",
    "\u200f",  # right-to-left mark
    "\u202e",  # right-to-left override
    "\u200b",  # zero-width space
    "\ufeff",
    "👩🏽‍🏫",
    "🇳🇱",
    "e\u0301",  # combining acute accent
    "\u0301\u0301\u0301",
    "İstanbul ß ﬁ",
    "\u2028",
    "<script>alert(1)</script>",
    "' OR 1=1 --",
    "{{ request }}",
    "%(name)s %s",
    "\r\n",
    "\t",
    "   ",
    "..",
]
_chars = st.characters(blacklist_categories=("Cs",))  # no surrogates: not valid UTF-8
_nasty_text = st.lists(st.one_of(st.sampled_from(NASTY), st.text(_chars, max_size=8)), max_size=12)


def _text(max_length: int | None):
    limit = max_length or 2000
    return st.one_of(
        st.text(_chars, max_size=min(limit, 200)),
        _nasty_text.map("".join),
        # right at and just over the limit, in multi-byte characters
        st.builds(
            lambda c, n: c * n,
            st.sampled_from(["a", "é", "👍", "\u202e", "e\u0301"]),
            st.integers(max(limit - 2, 0), limit + 3),
        ),
        st.just("lang " * 4000),  # 20,000 characters
    )


NUMBERS = st.one_of(
    st.integers(-(10**30), 10**30).map(str),
    st.integers(-5, 200).map(str),
    st.sampled_from(
        ["", "1e400", "-1e400", "NaN", "inf", "-0", "0x10", "١٢", "1,5", "3.14159", " 7 "]
    ),
    st.decimals(allow_nan=True, allow_infinity=True).map(str),
)
DATES = st.one_of(
    st.dates().map(lambda d: d.isoformat()),
    st.datetimes().map(lambda d: d.isoformat(sep="T", timespec="minutes")),
    st.sampled_from(
        [
            "2026-02-30",
            "2026-13-01",
            "0000-00-00",
            "31-12-2026",
            "99999-01-01",
            "2026-06-01T25:61",
            "24:00",
            "9999-12-31T23:59",
            "0001-01-01",
            "",
            "morgen",
        ]
    ),
)


def _strategy(control: dict, field: forms.Field | None):
    kind = control["type"]
    default = control["value"]
    if kind == "file" or isinstance(field, forms.FileField):
        return st.one_of(
            st.just(OMIT),
            st.builds(
                lambda name, body: SimpleUploadedFile(name, body),
                st.sampled_from(["leden.csv", "leden.xlsx", "x.exe", "\u202egpj.csv", "a" * 300]),
                st.one_of(
                    st.binary(max_size=500),
                    _text(500).map(lambda s: s.encode("utf-8")),
                    st.just(b"email,voornaam\n\x00@x,\xff\n"),
                ),
            ),
        )
    if kind in ("checkbox", "radio", "select", "select-multiple"):
        options = [o for o in control["options"]] or ["on"]
        one = st.one_of(st.sampled_from(options), st.sampled_from(NASTY), NUMBERS)
        if kind in ("checkbox", "select-multiple"):
            return st.one_of(
                st.just(OMIT),
                st.lists(st.sampled_from(options), unique=True),
                st.lists(one, max_size=4),
            )
        return st.one_of(st.just(OMIT), st.sampled_from(options), one)
    keep = [st.just(default)] if default not in (None, "") else []
    if kind == "hidden":
        return st.one_of(*keep, *keep, st.just(OMIT), _text(100), NUMBERS)
    if isinstance(field, forms.IntegerField | forms.DecimalField | forms.FloatField) or kind in (
        "number",
        "range",
    ):
        return st.one_of(*keep, NUMBERS, _text(20))
    if isinstance(field, forms.DateField | forms.DateTimeField | forms.TimeField) or kind in (
        "date",
        "datetime-local",
        "time",
    ):
        return st.one_of(*keep, DATES, _text(30))
    if isinstance(field, forms.EmailField) or kind == "email":
        return st.one_of(
            *keep,
            st.emails().map(str),
            st.sampled_from(["@", "a@b", "ü@ü.nl", "a\x00@x.nl", "x" * 300 + "@school.nl"]),
            _text(254),
        )
    max_length = getattr(field, "max_length", None)
    return st.one_of(*keep, _text(max_length), st.just(OMIT))


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


# --- the test -------------------------------------------------------------------------------


def _discover(client: Client, name: str, world):
    source = FIELDS_FROM.get(name, name)
    response = client.get(reverse(source, kwargs=url_kwargs(source, world)))
    assert response.status_code == 200, source
    parser = _FormFields()
    parser.feed(response.content.decode())
    page_forms = _forms_in(_context_values(response))
    django_fields = _django_fields(page_forms)
    controls = {}
    for html_name, control in parser.controls.items():
        found = _field_for(html_name, django_fields)
        controls[html_name] = (control, found[0] if found else None)
    return controls, page_forms, parser.pressed


@pytest.mark.django_db
@pytest.mark.parametrize("name", FORM_URLS)
def test_form_survives_generated_input(name):
    world = build_world()
    role = _role_for(name)
    path = reverse(name, kwargs=url_kwargs(name, world))
    source = FIELDS_FROM.get(name, name)
    source_path = reverse(source, kwargs=url_kwargs(source, world))
    user = world.user(role)

    def client() -> Client:
        c = Client()
        if user is not None:
            c.force_login(user)
        return c

    with transaction.atomic():
        controls, page_forms, pressed = _discover(client(), name, world)
        transaction.set_rollback(True)
    strategy = st.fixed_dictionaries(
        {html_name: _strategy(control, field) for html_name, (control, field) in controls.items()}
    )

    @settings(
        max_examples=MAX_EXAMPLES if controls else 1,
        deadline=None,
        database=None,
        # The same examples on every run, so CI is reproducible; FUZZ_RANDOM=1 explores.
        derandomize=not os.environ.get("FUZZ_RANDOM"),
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    )
    @given(strategy)
    def run(generated):
        data = {**pressed, **{k: v for k, v in generated.items() if v is not OMIT}}
        with transaction.atomic():
            c = client()
            c.get(source_path)  # as a person would: the page first, then its form
            before = _row_counts()
            response = c.post(path, data)  # a server error is re-raised here
            assert response.status_code < 500, response.status_code
            after = _row_counts()
            changed = {t: (before[t], after[t]) for t in before if before[t] != after[t]}
            if _has_errors(response):
                assert changed == {}, f"rejected form changed rows: {changed}"
            elif response.status_code in (301, 302, 303) or changed:
                # A one-line field never lets a line break or control character through
                # (leernetwerk.forms): a form that saved had none in them.
                for html_name, (_control, field) in controls.items():
                    sent = data.get(html_name)
                    if field is not None and is_one_line(field) and isinstance(sent, str):
                        assert not contains_control_characters(sent.strip()), (
                            f"{html_name} accepted {sent[:80]!r}"
                        )
                for form in page_forms:
                    for model, field_name, expected in _model_text_fields(form, data):
                        stored = model._default_manager.filter(**{field_name: expected})
                        assert stored.exists(), (
                            f"{model.__name__}.{field_name} did not store the {len(expected)} "
                            f"characters sent: {expected[:80]!r}"
                        )
            transaction.set_rollback(True)

    run()


def test_fuzz_covers_the_forms_of_the_matrix():
    assert len(FORM_URLS) > 40
    for must in (
        "participants:question-create",
        "meetings:meeting-create",
        "networks:application-create",
        "evaluations:respond",
        "participants:import",
    ):
        assert must in FORM_URLS


# --- the bugs the fuzzing found, pinned -----------------------------------------------------

TOO_LONG_EMAIL = "x" * 300 + "@school.example.nl"


@pytest.mark.django_db
def test_login_with_an_address_longer_than_any_account_is_a_form_error(client):
    response = client.post("/account/inloggen/", {"login": TOO_LONG_EMAIL, "password": "x"})
    assert response.status_code == 200
    assert "niet meer dan 254 tekens" in response.content.decode()


@pytest.mark.django_db
def test_inviting_an_address_longer_than_can_be_stored_is_a_form_error(client):
    from participants.models import Invitation

    world = build_world()
    client.force_login(world.user("facilitator"))
    before = Invitation.objects.count()
    response = client.post("/deelnemers/netwerk/netwerk-a/uitnodigen/", {"email": TOO_LONG_EMAIL})
    assert response.status_code == 200
    assert "niet meer dan 254 tekens" in response.content.decode()
    assert Invitation.objects.count() == before


@pytest.mark.django_db
def test_a_learning_form_line_longer_than_a_name_is_a_form_error(client):
    from evaluations.models import RankingSurvey

    world = build_world()
    client.force_login(world.user("staff"))
    before = RankingSurvey.objects.count()
    response = client.post(
        "/evaluaties/leertop3/nieuw/",
        {"name": "Leer-top 3 lang", "forms_list": "Intervisie\n" + "a" * 201},
    )
    assert response.status_code == 200
    assert "niet meer dan 200 tekens" in response.content.decode()
    assert RankingSurvey.objects.count() == before
