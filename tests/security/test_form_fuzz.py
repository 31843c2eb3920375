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
the database is an error (SQLite would store it).

The fields are read by fuzz_forms.py, the input made by fuzz_strategies.py; the bugs found
are pinned in test_form_fuzz_findings.py."""

from __future__ import annotations

import os

import pytest
from django.db import transaction
from django.test import Client
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from leernetwerk.forms import is_one_line
from leernetwerk.text import contains_control_characters
from tests.security.fuzz_forms import (
    _context_values,
    _django_fields,
    _field_for,
    _FormFields,
    _forms_in,
    _has_errors,
    _model_text_fields,
    _row_counts,
)
from tests.security.fuzz_strategies import OMIT, _strategy
from tests.security.matrix import MATRIX
from tests.security.world import ROLES, build_world, url_kwargs

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


def _role_for(name: str) -> str | None:
    row = MATRIX[name]
    source = MATRIX[FIELDS_FROM.get(name, name)]
    for role in PREFERENCE:
        index = ROLES.index(role)
        if source["GET"][index] == 200 and row["POST"][index] not in REFUSED:
            return role
    return None


FORM_URLS = sorted(name for name in MATRIX if _role_for(name))


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
