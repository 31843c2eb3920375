"""In Chromium (issue 13, Tests): the facilitator writes minutes with an action, shares the
draft; an attendee suggests a correction; the facilitator reads it and, once the correction
week is over, publishes; the owner of the action sees it on /mijn/ and ticks it done."""

import datetime

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from meetings.models import Minutes
from tests.conftest import assert_accessible, login
from tests.factories import (
    DEFAULT_PASSWORD,
    AttendanceFactory,
    NetworkFactory,
    make_facilitator,
    make_member,
)
from tests.factories.meetings import past_meeting

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_minutes_from_writing_to_the_owner_ticking_her_action(page, live_server, browser):
    network = NetworkFactory(name="Verbindend Vernieuwen")
    facilitator = make_facilitator(network)
    attendee = make_member(network, first_name="Jacqueline", last_name="Schoones")
    meeting = past_meeting(network, days_ago=1, title="Eigenaarschap")
    AttendanceFactory(meeting=meeting, person=attendee, status="present")
    due = timezone.localdate() + datetime.timedelta(days=14)

    login(page, live_server, facilitator.email, DEFAULT_PASSWORD)
    page.goto(f"{live_server.url}{meeting.get_absolute_url()}")
    page.get_by_role("link", name="Verslag", exact=True).click()
    expect(
        page.get_by_text("Voor deze bijeenkomst is nog geen verslag geschreven.")
    ).to_be_visible()
    page.get_by_role("link", name="Verslag schrijven").click()
    page.get_by_label("Wat is besproken").fill("We bespraken de gesprekkencyclus.")
    page.get_by_label("Besluiten").fill("We starten maatjesgroepen")
    page.get_by_role("button", name="Opslaan").click()
    expect(page.get_by_text("Het verslag is opgeslagen.")).to_be_visible()
    page.get_by_role("link", name="Actiepunt toevoegen").click()
    page.get_by_label("Wat moet er gebeuren").fill("Rooster intervisie rondsturen")
    page.get_by_label("Wie doet het").select_option(label="Jacqueline Schoones")
    page.get_by_label("Uiterste datum").fill(due.isoformat())
    page.get_by_role("button", name="Opslaan").click()
    expect(page.get_by_text("Het actiepunt is aan het verslag toegevoegd.")).to_be_visible()
    expect(
        page.get_by_role("cell", name="Rooster intervisie rondsturen", exact=True)
    ).to_be_visible()
    page.get_by_role("button", name="Concept delen met de aanwezigen").click()
    expect(page.get_by_text("Het concept is gedeeld met de aanwezigen")).to_be_visible()
    assert_accessible(page)

    attendee_context = browser.new_context(locale="nl-NL", timezone_id="Europe/Amsterdam")
    attendee_page = attendee_context.new_page()
    login(attendee_page, live_server, attendee.email, DEFAULT_PASSWORD)
    attendee_page.goto(f"{live_server.url}/bijeenkomsten/{meeting.pk}/verslag/")
    expect(attendee_page.get_by_text("We bespraken de gesprekkencyclus.")).to_be_visible()
    attendee_page.get_by_label("Uw voorgestelde correctie").fill("Het heet de gesprekscyclus.")
    attendee_page.get_by_role("button", name="Voorstel versturen").click()
    expect(attendee_page.get_by_text("Dank u, uw voorstel is doorgegeven")).to_be_visible()
    # Before publishing, the action is not yet on her start page.
    attendee_page.goto(f"{live_server.url}/mijn/")
    expect(attendee_page.get_by_text("Rooster intervisie rondsturen")).to_have_count(0)

    page.reload()
    expect(page.get_by_text("Het heet de gesprekscyclus.")).to_be_visible()
    page.get_by_role("link", name="Verslag bewerken").click()
    page.get_by_label("Wat is besproken").fill("We bespraken de gesprekscyclus.")
    page.get_by_role("button", name="Opslaan").click()
    # During the correction week there is nothing to publish yet; the page says from when.
    expect(page.get_by_text("Het verslag kan worden gepubliceerd vanaf ")).to_be_visible()
    expect(page.get_by_role("button", name="Publiceren in het netwerk")).to_have_count(0)
    # The week passes.
    Minutes.objects.filter(meeting=meeting).update(
        shared_at=timezone.now() - datetime.timedelta(days=7, minutes=1)
    )
    page.reload()
    page.get_by_role("button", name="Publiceren in het netwerk").click()
    expect(page.get_by_text("Het verslag is gepubliceerd")).to_be_visible()

    attendee_page.goto(f"{live_server.url}/mijn/")
    actions = attendee_page.get_by_role("region", name="Mijn openstaande actiepunten")
    item = actions.get_by_role("listitem").filter(has_text="Rooster intervisie rondsturen")
    expect(item).to_contain_text(f"uiterlijk {due.day} ")
    assert_accessible(attendee_page)
    item.get_by_role("button", name="Klaar").click()
    expect(
        attendee_page.get_by_text("“Rooster intervisie rondsturen” is afgevinkt als afgerond.")
    ).to_be_visible()
    expect(attendee_page.get_by_role("region", name="Mijn openstaande actiepunten")).to_have_count(
        0
    )
    attendee_page.goto(f"{live_server.url}/bijeenkomsten/{meeting.pk}/verslag/")
    expect(attendee_page.get_by_text("We bespraken de gesprekscyclus.")).to_be_visible()
    expect(attendee_page.get_by_role("row", name="Rooster intervisie rondsturen")).to_contain_text(
        "Klaar"
    )
    attendee_context.close()
