"""In Chromium: the facilitator plans a year with the planner; confirming the same proposal a
second time (from a second tab) adds nothing; the planner then shows the planned dates beside
a proposal of new dates only."""

import datetime

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from meetings.models import Meeting
from tests.conftest import assert_accessible, login
from tests.factories import DEFAULT_PASSWORD, NetworkFactory, make_facilitator, make_member

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _propose(page, url):
    page.goto(url)
    page.get_by_role("button", name="Data voorstellen").click()
    expect(page.get_by_role("heading", name="Voorgestelde bijeenkomsten")).to_be_visible()


def test_facilitator_plans_a_year_twice_without_duplicates(page, live_server):
    # A term long enough for two series of three: the planner proposes nothing after it.
    network = NetworkFactory(
        name="Vrouwelijk Leiderschap 1",
        meetings_per_year=3,
        planned_end_date=timezone.localdate() + datetime.timedelta(days=3 * 365),
    )
    facilitator = make_facilitator(network)
    make_member(network)
    url = f"{live_server.url}/bijeenkomsten/netwerk/{network.slug}/jaarplanner/"
    login(page, live_server, facilitator.email, DEFAULT_PASSWORD)

    page.goto(url)
    expect(page.get_by_text("Nog geen bijeenkomsten gepland.")).to_be_visible()
    _propose(page, url)
    assert "csrfmiddlewaretoken" not in page.url
    assert_accessible(page)
    second_tab = page.context.new_page()
    _propose(second_tab, url)

    page.get_by_role("button", name="Bevestigen en plannen").click()
    expect(page.get_by_text("3 bijeenkomsten zijn gepland.")).to_be_visible()
    second_tab.get_by_role("button", name="Bevestigen en plannen").click()
    expect(second_tab.get_by_text("0 bijeenkomsten zijn gepland.")).to_be_visible()
    expect(
        second_tab.get_by_text("3 datums waren al gepland en zijn niet opnieuw toegevoegd.")
    ).to_be_visible()
    assert Meeting.objects.filter(network=network).count() == 3

    # Back in the planner: the three dates stand beside a proposal of new dates only.
    _propose(page, url)
    planned = page.get_by_role("region", name="Al gepland")
    expect(planned.get_by_role("listitem")).to_have_count(3)
    proposed = {page.locator(f"#id_starts_at_{i}").input_value()[:10] for i in range(3)}
    planned_days = {
        timezone.localtime(m.starts_at).strftime("%Y-%m-%d") for m in Meeting.objects.all()
    }
    assert proposed & planned_days == set()
    assert len(proposed) == 3
    assert_accessible(page)
