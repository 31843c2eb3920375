"""From application to grant to the public directory, in Chromium, with axe-core checks."""

import datetime
import re

import pytest
from django.core import mail
from django.utils import timezone
from playwright.sync_api import expect

from networks.models import Competence
from participants.enums import Function
from tests.conftest import assert_accessible, login
from tests.factories import DEFAULT_PASSWORD, SchoolFactory, UserFactory, make_staff

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture(autouse=True)
def eager_tasks():
    """E-mail tasks run in the live server's thread, even after a real-worker test in the
    same session switched the Celery app to the broker."""
    from leernetwerk.celery import app

    previous = app.conf.task_always_eager
    app.conf.task_always_eager = True
    yield
    app.conf.task_always_eager = previous


def criterion(page, code):
    return page.locator(f"#check-{code}")


def test_application_review_grant_directory_journey(page, live_server):
    page.set_default_timeout(10000)
    for number, name in enumerate(
        ["Visie", "Organisatie", "Samenwerking", "Omgeving", "Analyseren"], start=1
    ):
        Competence.objects.get_or_create(number=number, defaults={"name": name})
    school = SchoolFactory(name="Het Baken Lyceum")
    penvoerder = UserFactory(
        first_name="Petra", last_name="Penvoerder", function=Function.RECTOR, school=school
    )
    staff = make_staff(first_name="Sanne", last_name="Staf")

    # 1. The penvoerder fills in the application and sees the criteria turn met live.
    login(page, live_server, penvoerder.email, DEFAULT_PASSWORD)
    page.goto(f"{live_server.url}/aanvragen/nieuw/")
    expect(page.get_by_role("heading", name="Een leernetwerk aanvragen", level=1)).to_be_visible()
    assert_accessible(page)

    page.locator("#id_name").fill("Samen Sturen")
    page.locator("#id_description").fill("Schoolleiders die samen leren sturen op kwaliteit.")
    page.locator("#id_central_question").fill("Hoe sturen we samen op onderwijskwaliteit?")
    page.locator("#id_theme").fill("Kwaliteit")
    page.locator("#id_target_group").fill("Schoolleiders VO")
    page.locator("#id_field_statement").fill("Acht schoolleiders vroegen erom.")
    page.locator("#id_access").select_option("open")
    expect(criterion(page, "recognisable_network")).to_have_attribute("data-status", "met")
    expect(criterion(page, "applicant_vo_leader")).to_have_attribute("data-status", "met")

    start = timezone.localdate() + datetime.timedelta(days=30)
    page.locator("#id_start_date").fill(start.isoformat())
    page.locator("#id_planned_end_date").fill(start.replace(year=start.year + 1).isoformat())
    expect(criterion(page, "min_two_years")).to_have_attribute("data-status", "not_met")
    page.locator("#id_planned_end_date").fill(start.replace(year=start.year + 2).isoformat())
    page.locator("#id_planned_end_date").dispatch_event("change")
    expect(criterion(page, "min_two_years")).to_have_attribute("data-status", "met")

    # Two meetings a year (like Eindverantwoordelijk Schoolleiders): staff will override.
    page.locator("#id_meetings_per_year").fill("2")
    page.locator("#id_meeting_form").fill("Twee keer per jaar, 24 uur")
    expect(criterion(page, "min_three_meetings_per_year")).to_have_attribute(
        "data-status", "not_met"
    )
    page.locator("#id_invited_meeting").fill("De startbijeenkomst")
    page.locator("#id_contact_means_0").check()
    page.locator("#id_facilitator_name").fill("Fenna Facilitator")
    page.locator("#id_facilitator_email").fill("fenna@example.nl")
    expect(criterion(page, "has_facilitator")).to_have_attribute("data-status", "met")
    page.locator("#id_participant_emails").fill(
        "\n".join(f"deelnemer{n}@example.nl" for n in range(5))
    )
    expect(criterion(page, "min_six_fixed_participants")).to_have_attribute(
        "data-status", "not_met"
    )
    expect(criterion(page, "min_six_fixed_participants")).to_contain_text(
        "5 vaste deelnemers; minimaal 6 nodig."
    )
    page.locator("#id_participant_emails").fill(
        "\n".join(f"deelnemer{n}@example.nl" for n in range(6))
    )
    expect(criterion(page, "min_six_fixed_participants")).to_have_attribute("data-status", "met")
    page.locator("#id_focus_competences_0").check()
    page.locator("#id_monitoring_consent").check()
    expect(criterion(page, "monitoring_consent")).to_have_attribute("data-status", "met")
    expect(criterion(page, "academy_invited")).to_have_attribute("data-status", "met")
    page.locator("#id_requested_facilitation").fill("5000")
    page.locator("#id_requested_speakers").fill("1000")
    page.locator("#id_requested_organisation").fill("500")
    # Let the live check settle first: SQLite's shared in-memory test database refuses a
    # write while another thread reads, which would make this journey flaky.
    page.locator("#id_requested_organisation").press("Tab")
    page.wait_for_timeout(800)
    expect(page.locator("#application-form")).not_to_have_class(re.compile("htmx-request"))
    assert_accessible(page)
    page.get_by_role("button", name="Opslaan en indienen").click()
    expect(page.get_by_text("Je aanvraag is ingediend.")).to_be_visible()
    expect(page.get_by_role("heading", name="Aanvraag: Samen Sturen", level=1)).to_be_visible()
    assert_accessible(page)
    page.get_by_role("button", name="Uitloggen").click()

    # 2. Staff open the queue, override one criterion with a motivation and grant.
    login(page, live_server, staff.email, DEFAULT_PASSWORD)
    page.get_by_role("link", name="Beoordelen").click()
    expect(page.get_by_role("heading", name="Te beoordelen aanvragen", level=1)).to_be_visible()
    assert_accessible(page)
    page.get_by_role("link", name="Samen Sturen").click()
    expect(page.get_by_role("heading", name="Beoordeling: Samen Sturen", level=1)).to_be_visible()
    assert_accessible(page)

    card = page.locator("#judge-min_three_meetings_per_year")
    card.get_by_label("Voldaan", exact=True).check()
    card.get_by_role("button", name="Oordeel opslaan").click()
    expect(page.get_by_text("Het oordeel is niet opgeslagen; zie het criterium.")).to_be_visible()
    card = page.locator("#judge-min_three_meetings_per_year")
    card.get_by_label("Motivering").fill(
        "Twee keer 24 uur weegt op tegen drie korte bijeenkomsten."
    )
    card.get_by_role("button", name="Oordeel opslaan").click()
    expect(page.get_by_text("Je oordeel is opgeslagen.")).to_be_visible()
    expect(page.locator("#criterion-min_three_meetings_per_year")).to_contain_text(
        "Twee keer 24 uur weegt op"
    )

    decision = page.locator("#decision-form")
    decision.get_by_label("Toekennen").check()
    decision.get_by_label("Motivering").fill("Een sterk initiatief uit het veld.")
    decision.get_by_label("Bijdrage voor facilitering (EUR)").fill("4000")
    decision.get_by_label("Bijdrage voor gastsprekers (EUR)").fill("1000")
    decision.get_by_label("Bijdrage voor organisatie (EUR)").fill("250")
    decision.get_by_role("button", name="Besluit vastleggen").click()
    expect(page.get_by_text("Het besluit is vastgelegd en gemaild.")).to_be_visible()
    expect(page.locator("#history-heading")).to_be_visible()
    expect(page.get_by_role("table").filter(has_text="Sanne Staf")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("button", name="Uitloggen").click()
    # The decision goes to the penvoerder; the facilitator and the participants the application
    # named by e-mail (no account yet) are invited to join.
    assert [m.to for m in mail.outbox].count([penvoerder.email]) == 1
    invited = sorted(m.to[0] for m in mail.outbox if m.to != [penvoerder.email])
    assert invited == sorted(["fenna@example.nl"] + [f"deelnemer{n}@example.nl" for n in range(6)])

    # 3. The penvoerder sees the decision and its motivation.
    login(page, live_server, penvoerder.email, DEFAULT_PASSWORD)
    page.get_by_role("link", name="Aanvragen").click()
    page.get_by_role("link", name="Samen Sturen").click()
    expect(page.get_by_text("Een sterk initiatief uit het veld.")).to_be_visible()
    expect(page.get_by_role("heading", name="Toekennen", exact=False)).to_be_visible()
    assert_accessible(page)
    page.get_by_role("button", name="Uitloggen").click()

    # 4. Anyone finds the network in the public directory.
    page.goto(f"{live_server.url}/leernetwerken/")
    expect(page.get_by_role("heading", name="Leernetwerken", level=1)).to_be_visible()
    assert_accessible(page)
    page.get_by_role("link", name="Samen Sturen").click()
    expect(page.get_by_role("heading", name="Samen Sturen", level=1)).to_be_visible()
    assert_accessible(page)
