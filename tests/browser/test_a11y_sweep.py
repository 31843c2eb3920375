"""Accessibility across the whole app (issue 7, item 6): every page of the permission matrix
that renders (200) for some role is loaded in Chromium as the first such role, and axe-core
(WCAG 2.1 A and AA) must find no violation on it.

One browser context per role, signed in by handing it the session cookie of a test client
that logged in with force_login; all pages of that role reuse the context. Responses that are
not HTML pages (iCalendar, PDF, CSV, JSON, SVG) are left out, each by its content type."""

from __future__ import annotations

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.conf import settings
from django.test import Client
from django.urls import reverse

from tests.security.matrix import MATRIX
from tests.security.world import ROLES, build_world, url_kwargs

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# Who sees the most controls first: a page is checked as the first role it renders for.
PREFERENCE = (
    "facilitator",
    "staff",
    "penvoerder",
    "owner",
    "anonymous",
    "participant",
    "other_participant",
    "other_facilitator",
)
FRAME = (
    '<!DOCTYPE html><html lang="nl"><head><title>Fragment</title></head>'
    "<body><main><h1>Fragment</h1>{}</main></body></html>"
)
AXE_OPTIONS = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}}


def pages_by_role() -> dict[str, list[str]]:
    """URL name -> the first role (in PREFERENCE) for which its GET renders 200."""
    chosen: dict[str, list[str]] = {}
    for name, row in sorted(MATRIX.items()):
        for role in PREFERENCE:
            if row["GET"][ROLES.index(role)] == 200:
                chosen.setdefault(role, []).append(name)
                break
    return chosen


def test_every_page_that_renders_has_no_axe_violation(browser, live_server):
    world = build_world()
    axe = Axe()
    checked, skipped, failures = [], [], []
    for role, names in pages_by_role().items():
        client = Client()
        user = world.user(role)
        if user is not None:
            client.force_login(user)
        context = browser.new_context(locale="nl-NL", timezone_id="Europe/Amsterdam")
        if user is not None:
            context.add_cookies(
                [
                    {
                        "name": settings.SESSION_COOKIE_NAME,
                        "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
                        "url": live_server.url,
                    }
                ]
            )
        page = context.new_page()
        for name in names:
            path = reverse(name, kwargs=url_kwargs(name, world))
            answer = client.get(path)
            kind = answer.get("Content-Type", "")
            if not kind.startswith("text/html"):
                skipped.append(f"{name} ({kind})")
                continue
            if b"<html" not in answer.content:
                # An htmx fragment: checked on its own markup inside a minimal Dutch document.
                page.set_content(FRAME.format(answer.content.decode()))
            else:
                response = page.goto(live_server.url + path)
                assert response is not None and response.status == 200, (name, role)
            results = axe.run(page, options=AXE_OPTIONS)
            checked.append(name)
            if results.violations_count:
                failures.append(f"== {name} as {role} ({path})\n{results.generate_report()}")
        context.close()
    assert len(checked) >= 85, (checked, skipped)
    assert failures == [], "\n".join(failures)
