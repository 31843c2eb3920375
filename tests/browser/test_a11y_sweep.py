"""Accessibility across the whole app (issue 7, item 6; issue 15): every page of the
permission matrix that renders (200) for some role is loaded in Chromium as the first such
role, and so is every page of the management site (/beheer/) a staff member with the
academy's admin permissions may open. axe-core (WCAG 2.1 A and AA) must find no violation on
any of them, at desktop width (1280 px) and at phone width (390 px); at 390 px no page may be
wider than the screen (the page itself never scrolls sideways).

One browser, one context per role, signed in by handing it the session cookie of a test
client that logged in with force_login; each page is loaded once and checked at 1280 px,
then resized to 390 px and checked again. Responses that are not HTML pages (iCalendar, PDF,
CSV, JSON, SVG) are left out, each by its content type."""

from __future__ import annotations

import pytest
from axe_playwright_python.base import AxeResults
from axe_playwright_python.sync_playwright import Axe
from django.conf import settings
from django.test import Client
from django.urls import reverse

from tests.mobile.admin_pages import admin_paths, admin_staff
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
    '<!DOCTYPE html><html lang="nl"><head><title>Fragment</title>'
    '<meta name="viewport" content="width=device-width, initial-scale=1"></head>'
    "<body><main><h1>Fragment</h1>{}</main></body></html>"
)
# A fragment of <option>s is only ever swapped into a select of the form (Bootstrap's
# .form-select, full width): it is checked there, not as loose text in the body.
OPTIONS_FRAME = (
    '<label for="fragment-select">Keuze</label>'
    '<select id="fragment-select" style="width: 100%">{}</select>'
)
AXE_OPTIONS = {
    "runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]},
    "resultTypes": ["violations"],
}
AXE_SCRIPT = Axe().axe_script
# The elements that reach past the screen's right edge, to say in a failure what is too wide.
WIDER_THAN_SCREEN = """screen => [...document.querySelectorAll("body *")]
    .filter(element => element.getBoundingClientRect().right > screen)
    .slice(0, 5)
    .map(element => element.tagName.toLowerCase() + " " + element.outerHTML.slice(0, 120))"""
DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 390, "height": 844}


def pages_by_role() -> dict[str, list[str]]:
    """URL name -> the first role (in PREFERENCE) for which its GET renders 200."""
    chosen: dict[str, list[str]] = {}
    for name, row in sorted(MATRIX.items()):
        for role in PREFERENCE:
            if row["GET"][ROLES.index(role)] == 200:
                chosen.setdefault(role, []).append(name)
                break
    return chosen


def signed_in_page(browser, live_server, user):
    context = browser.new_context(locale="nl-NL", timezone_id="Europe/Amsterdam", viewport=DESKTOP)
    client = Client()
    if user is not None:
        client.force_login(user)
        context.add_cookies(
            [
                {
                    "name": settings.SESSION_COOKIE_NAME,
                    "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
                    "url": live_server.url,
                }
            ]
        )
    return client, context, context.new_page()


def check_both_widths(page, label: str, failures: list[str]) -> None:
    """axe at 1280 px and at 390 px; at 390 px the page is no wider than the screen.

    axe is injected once per loaded page and run at each width (the page is resized, not
    reloaded), which keeps the sweep within a few minutes."""
    page.evaluate(AXE_SCRIPT)
    for viewport in (DESKTOP, PHONE):
        page.set_viewport_size(viewport)
        results = AxeResults(page.evaluate("options => axe.run(document, options)", AXE_OPTIONS))
        if results.violations_count:
            failures.append(f"== {label} at {viewport['width']} px\n{results.generate_report()}")
    # Measured after the next frame, so the layout is the one at the new width.
    width = page.evaluate(
        "() => new Promise(done => requestAnimationFrame("
        "() => done(document.documentElement.scrollWidth)))"
    )
    if width > PHONE["width"]:
        wider = page.evaluate(WIDER_THAN_SCREEN, PHONE["width"])
        failures.append(f"== {label} is {width} px wide at {PHONE['width']} px: {wider}")
    page.set_viewport_size(DESKTOP)


def test_every_page_has_no_axe_violation_at_desktop_and_phone_width(browser, live_server):
    world = build_world()
    checked, skipped, failures = [], [], []
    for role, names in pages_by_role().items():
        client, context, page = signed_in_page(browser, live_server, world.user(role))
        for name in names:
            path = reverse(name, kwargs=url_kwargs(name, world))
            answer = client.get(path)
            kind = answer.get("Content-Type", "")
            if not kind.startswith("text/html"):
                skipped.append(f"{name} ({kind})")
                continue
            if b"<html" not in answer.content:
                # An htmx fragment: checked on its own markup inside a minimal Dutch document.
                markup = answer.content.decode()
                if markup.lstrip().startswith("<option"):
                    markup = OPTIONS_FRAME.format(markup)
                # In a page of its own: nothing left of the previous page can still act on it.
                fragment = context.new_page()
                fragment.set_content(FRAME.format(markup))
                check_both_widths(fragment, f"{name} as {role} ({path})", failures)
                fragment.close()
            else:
                response = page.goto(live_server.url + path)
                assert response is not None and response.status == 200, (name, role)
                check_both_widths(page, f"{name} as {role} ({path})", failures)
            checked.append(name)
        context.close()

    staff = admin_staff()
    client, context, page = signed_in_page(browser, live_server, staff)
    admin_checked = []
    for path in admin_paths(staff):
        response = page.goto(live_server.url + path)
        assert response is not None and response.status == 200, path
        page.wait_for_load_state("load")
        check_both_widths(page, f"management site {path}", failures)
        admin_checked.append(path)
    context.close()

    assert len(checked) >= 85, (checked, skipped)
    assert len(admin_checked) >= 60, admin_checked
    assert failures == [], "\n".join(failures)
