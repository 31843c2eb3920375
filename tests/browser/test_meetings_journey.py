"""In Chromium: the facilitator plans a meeting with a preparation group and a guest speaker;
a participant answers "komt" and brings in a case; the facilitator registers attendance; the
participant's calendar feed holds the meeting. axe-core finds no violation on the way."""

import datetime

import icalendar
import pytest
from django.utils import timezone
from playwright.sync_api import expect

from meetings.models import Attendance, Case, Meeting, Response
from tests.conftest import assert_accessible, login
from tests.factories import DEFAULT_PASSWORD, NetworkFactory, make_facilitator, make_member

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _logout(page):
    page.context.clear_cookies()


def test_meeting_journey_plan_answer_case_attendance_feed(page, live_server):
    network = NetworkFactory(name="Verbindend Vernieuwen", slug="verbindend-vernieuwen")
    facilitator = make_facilitator(network, first_name="Fenna", last_name="Facilitator")
    participant = make_member(network, first_name="Piet", last_name="Deelnemer")
    second = make_member(network, first_name="Sara", last_name="Tweede")
    start = (timezone.localtime() + datetime.timedelta(days=21)).replace(
        hour=16, minute=0, second=0, microsecond=0
    )

    # The facilitator plans the meeting from the network page.
    login(page, live_server, facilitator.email, DEFAULT_PASSWORD)
    page.goto(f"{live_server.url}{network.get_absolute_url()}")
    page.get_by_role("link", name="Bijeenkomst plannen").first.click()
    expect(page.get_by_role("heading", name="Bijeenkomst plannen", level=1)).to_be_visible()
    assert_accessible(page)
    page.get_by_label("Titel", exact=False).first.fill("Verbinden in de praktijk")
    page.get_by_label("Thema", exact=False).first.fill("Eigenaarschap")
    page.get_by_label("Begin", exact=False).fill(start.strftime("%Y-%m-%dT%H:%M"))
    page.get_by_label("Einde", exact=False).fill(
        (start + datetime.timedelta(hours=3)).strftime("%Y-%m-%dT%H:%M")
    )
    page.get_by_label("Locatie", exact=False).fill("Utrecht")
    page.get_by_label("Piet Deelnemer").check()
    page.get_by_label("Sara Tweede").check()
    page.get_by_role("button", name="Opslaan").click()
    expect(
        page.get_by_text("De bijeenkomst is gepland en de deelnemers zijn uitgenodigd.")
    ).to_be_visible()
    meeting = Meeting.objects.get(title="Verbinden in de praktijk")
    assert set(meeting.preparation_group.all()) == {participant, second}

    page.get_by_role("link", name="Gastspreker toevoegen").click()
    assert_accessible(page)
    page.get_by_label("Naam", exact=False).first.fill("Dr. Anne Jansen")
    page.get_by_label("E-mailadres").fill("anne.jansen@uu.test")
    page.get_by_label("Organisatie").fill("Universiteit Utrecht")
    page.get_by_label("Onderwerp").fill("Gedeeld leiderschap")
    page.get_by_role("button", name="Opslaan").click()
    expect(page.get_by_text("De gastspreker is toegevoegd.")).to_be_visible()
    expect(
        page.get_by_role("heading", name="Dr. Anne Jansen (Universiteit Utrecht)")
    ).to_be_visible()
    assert_accessible(page)

    # The participant answers "komt" and brings in a case.
    _logout(page)
    login(page, live_server, participant.email, DEFAULT_PASSWORD)
    page.get_by_role("link", name="Verbinden in de praktijk").first.click()
    expect(page.get_by_role("heading", name="Verbinden in de praktijk", level=1)).to_be_visible()
    page.get_by_label("Komt", exact=True).check()
    page.get_by_role("button", name="Antwoord versturen").click()
    expect(page.get_by_text("Dank u, uw antwoord is opgeslagen.")).to_be_visible()
    page.get_by_label("Titel van de casus").fill("Weerstand in mijn team")
    page.get_by_label("Beschrijving").fill("Hoe neem ik het team mee?")
    page.get_by_role("button", name="Casus toevoegen").click()
    expect(page.get_by_text("Uw casus is aan de bijeenkomst toegevoegd.")).to_be_visible()
    expect(page.get_by_role("heading", name="Weerstand in mijn team")).to_be_visible()
    assert_accessible(page)
    assert Response.objects.get(meeting=meeting, person=participant).answer == "coming"
    assert Case.objects.get(meeting=meeting).author == participant

    # The facilitator registers attendance for all members in one screen, once the meeting
    # has begun (attendance is registered from the start on): the day has come.
    begun = (timezone.now() - datetime.timedelta(hours=1)).replace(second=0, microsecond=0)
    Meeting.objects.filter(pk=meeting.pk).update(
        starts_at=begun, ends_at=begun + datetime.timedelta(hours=3)
    )
    start = begun  # what the feed must hold now
    _logout(page)
    login(page, live_server, facilitator.email, DEFAULT_PASSWORD)
    page.goto(f"{live_server.url}{meeting.get_absolute_url()}")
    page.get_by_role("link", name="Aanwezigheid registreren").click()
    assert_accessible(page)
    page.get_by_role("radiogroup", name="Sara Tweede").get_by_label("Afwezig").check()
    page.get_by_role("button", name="Aanwezigheid opslaan").click()
    expect(page.get_by_text("De aanwezigheid is vastgelegd.")).to_be_visible()
    assert dict(
        Attendance.objects.filter(meeting=meeting).values_list("person__email", "status")
    ) == {participant.email: "present", second.email: "absent", facilitator.email: "present"}

    # The participant's feed holds the meeting: fetch the address shown on the page.
    _logout(page)
    login(page, live_server, participant.email, DEFAULT_PASSWORD)
    page.get_by_role("link", name="Agenda-abonnement").click()
    expect(page.get_by_role("heading", name="Agenda-abonnement", level=1)).to_be_visible()
    assert_accessible(page)
    feed_url = page.get_by_label("Uw persoonlijke agenda-adres").input_value()
    body = page.request.get(feed_url).body()
    events = icalendar.Calendar.from_ical(body).walk("VEVENT")
    assert [str(e["SUMMARY"]) for e in events] == [
        "Verbindend Vernieuwen: Verbinden in de praktijk"
    ]
    assert events[0].decoded("DTSTART") == start
