"""The permission matrix (issue 7, item 2): every URL pattern x role x {GET, POST}.

Each URL gets its own world; every request runs in a savepoint that is rolled back, so one
role's successful POST (a delete, a cancel) does not change what the next role sees. A POST
carries an empty body; the test client passes CSRF. The expected outcomes are derived in
matrix.py from the declared role-by-action table (access.py): a permission change is made
there, in words, and a page that answers otherwise fails here."""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest
from django.conf import settings
from django.db import transaction
from django.test import Client
from django.urls import Resolver404, resolve, reverse

from tests.security.matrix import EXCLUDED_PREFIXES, MATRIX
from tests.security.urls import all_patterns
from tests.security.world import ROLES, build_world, url_kwargs


def matrix_patterns() -> dict[str, str]:
    """name -> route of every pattern the matrix must cover."""
    patterns = {}
    for name, route in all_patterns():
        if route.startswith(tuple(EXCLUDED_PREFIXES)):
            continue
        assert name, f"URL pattern {route} has no name; the matrix needs one"
        patterns[name] = route
    return patterns


def outcome(response) -> str | int:
    """200/403/404/405...; 'login' for the login redirect; '->name' for another redirect."""
    if response.status_code not in (301, 302, 303):
        return response.status_code
    target = urlsplit(response["Location"]).path
    if target == reverse(settings.LOGIN_URL):
        return "login"
    try:
        match = resolve(target)
    except Resolver404:
        return f"->{target}"
    return f"->{match.view_name}"


def observe(name: str, world, role: str, method: str):
    path = reverse(name, kwargs=url_kwargs(name, world))
    with transaction.atomic():
        client = Client()
        user = world.user(role)
        if user is not None:
            client.force_login(user)
        response = client.get(path) if method == "GET" else client.post(path, {})
        transaction.set_rollback(True)
    return outcome(response)


def test_matrix_covers_every_url_pattern_and_nothing_else():
    patterns = set(matrix_patterns())
    assert len(patterns) > 100
    assert sorted(patterns - set(MATRIX)) == []  # missing from the table
    assert sorted(set(MATRIX) - patterns) == []  # in the table but no longer a URL


def test_matrix_rows_have_one_outcome_per_role_and_method():
    for name, row in MATRIX.items():
        assert set(row) == {"GET", "POST"}, name
        for method, outcomes in row.items():
            assert len(outcomes) == len(ROLES), (name, method)
            assert 500 not in outcomes, (name, method)


@pytest.mark.django_db
@pytest.mark.parametrize("name", sorted(MATRIX))
def test_permission_matrix(name):
    world = build_world()
    got = {
        method: tuple(observe(name, world, role, method) for role in ROLES)
        for method in ("GET", "POST")
    }
    expected = MATRIX[name]
    mismatches = [
        f"{method} as {role}: expected {want!r}, got {have!r}"
        for method in ("GET", "POST")
        for role, want, have in zip(ROLES, expected[method], got[method], strict=True)
        if want != have
    ]
    assert mismatches == [], name
