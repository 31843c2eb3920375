"""From application to grant to the public directory, in Chromium, with axe-core checks.

The penvoerder applies with two criteria unmet and is warned; staff review the whole
application in one form, are refused a grant until each unmet criterion has an override with
a motivation, then grant; the penvoerder reads the decision. Bad input on the way: an
override without motivation, and a staff member deciding on a network she belongs to."""

import datetime
import re

import pytest
from django.core import mail
from django.utils import timezone
from playwright.sync_api import expect

from networks.enums import NetworkStatus
from networks.models import Competence, CriterionJudgement, Decision, Network
from participants.enums import Function
from tests.conftest import assert_accessible, login
from tests.factories import (
    DEFAULT_PASSWORD,
    SchoolFactory,
    UserFactory,
    make_member,
    make_staff,
)

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


def settle(page):
    """Let the live check finish before the next step."""
    page.wait_for_timeout(600)
    expect(page.locator("#application-form")).not_to_have_class(re.compile("htmx-request"))


def logout(page):
    page.get_by_role("button", name="Uitloggen").click()


def test_application_review_grant_directory_journey(page, live_server):
    page.set_default_timeout(30000)  # the shared CI machine can be slow
    for number, name in enumerate(
        ["Visie", "Organisatie", "Samenwerking", "Omgeving", "Analyseren"], start=1
    ):
        Competence.objects.get_or_create(number=number, defaults={"name": name})
    school = SchoolFactory(name="Het Baken Lyceum")
    penvoerder = UserFactory(
        first_name="Petra", last_name="Penvoerder", function=Function.RECTOR, school=school
    )
    staff = make_staff(first_name="Sanne", last_name="Staf")
    member_staff = make_staff(first_name="Mieke", last_name="Meedoen")

    # 1. The penvoerder fills in the application; the criteria turn live; two stay unmet.
    login(page, live_server, penvoerder.email, DEFAULT_PASSWORD)
    page.goto(f"{live_server.url}/aanvragen/nieuw/")
    expect(page.get_by_role("heading", name="Een leernetwerk aanvragen", level=1)).to_be_visible()
    assert_accessible(page)

    page.locator("#id_name").fill("Samen Sturen")
    page.locator("#id_description").fill("Schoolleiders die samen leren sturen op kwaliteit.")
    page.locator("#id_central_question").fill("Hoe sturen we samen op onderwijskwaliteit?")
    page.locator("#id_theme").fill("Kwaliteit")
    page.locator("#id_target_group").fill("Schoolleiders VO in de regio Utrecht")
    page.locator("#id_field_statement").fill("Acht schoolleiders vroegen erom.")
    page.locator("#id_access").select_option("open")
    expect(criterion(page, "recognisable_network")).to_have_attribute("data-status", "met")
    expect(criterion(page, "applicant_vo_leader")).to_have_attribute("data-status", "met")

    start = timezone.localdate() + datetime.timedelta(days=30)
    page.locator("#id_start_date").fill(start.isoformat())
    page.locator("#id_planned_end_date").fill(start.replace(year=start.year + 2).isoformat())
    page.locator("#id_planned_end_date").dispatch_event("change")
    expect(criterion(page, "min_two_years")).to_have_attribute("data-status", "met")
    # Twice a year for 24 hours (like Eindverantwoordelijk Schoolleiders): not met.
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
    # Five planned participants: not met either.
    page.locator("#id_participant_emails").fill(
        "\n".join(f"deelnemer{n}@example.nl" for n in range(5))
    )
    expect(criterion(page, "min_six_fixed_participants")).to_contain_text(
        "5 vaste deelnemers; minimaal 6 nodig."
    )
    page.locator("#id_focus_competences_0").check()
    page.locator("#id_monitoring_consent").check()
    expect(criterion(page, "monitoring_consent")).to_have_attribute("data-status", "met")
    page.locator("#id_requested_facilitation").fill("5000")
    page.locator("#id_requested_speakers").fill("1000")
    page.locator("#id_requested_organisation").fill("500")
    page.locator("#id_requested_organisation").press("Tab")
    settle(page)
    expect(page.locator("#eligibility-list [data-status='not_met']")).to_have_count(2)
    assert_accessible(page)

    # Save and submit: she is warned which criteria are not met and why, and confirms.
    page.get_by_role("button", name="Opslaan en indienen").click()
    expect(
        page.get_by_role("heading", name="Aanvraag indienen: Samen Sturen", level=1)
    ).to_be_visible()
    warnings = page.locator("#submission-warnings")
    expect(warnings).to_contain_text("2 criteria zijn niet voldaan (of nog niet bekend):")
    expect(warnings.locator("li")).to_have_count(2)
    expect(warnings).to_contain_text(
        "Minimaal drie bijeenkomsten per jaar (niet voldaan): 2 bijeenkomsten gepland per 12 "
        "maanden; minimaal 3 nodig."
    )
    expect(warnings).to_contain_text(
        "Minimaal zes vaste deelnemers (niet voldaan): 5 vaste deelnemers; minimaal 6 nodig."
    )
    assert Network.objects.get().status == NetworkStatus.DRAFT
    assert_accessible(page)
    page.screenshot(path="/tmp/review-journey-1-warning.png", full_page=True)
    page.get_by_role("button", name="Toch indienen").click()
    expect(page.get_by_text("Je aanvraag is ingediend.")).to_be_visible()
    expect(page.get_by_role("heading", name="Aanvraag: Samen Sturen", level=1)).to_be_visible()
    expect(page.locator("dd").filter(has_text="Aanvraag ingediend").first).to_be_visible()
    # She and every staff member are mailed, each their own mail.
    assert sorted(to for m in mail.outbox for to in m.to) == sorted(
        [penvoerder.email, staff.email, member_staff.email]
    )
    logout(page)

    # 2. A staff member who belongs to the network may look but not judge or decide.
    make_member(Network.objects.get(), person=member_staff)
    login(page, live_server, member_staff.email, DEFAULT_PASSWORD)
    page.get_by_role("link", name="Beoordelen").click()
    page.get_by_role("link", name="Samen Sturen").click()
    notice = page.locator("#conflict-notice")
    expect(notice).to_contain_text("belangenverstrengeling")
    expect(notice).to_contain_text("Sanne Staf")
    expect(notice).not_to_contain_text("Mieke Meedoen")
    expect(page.get_by_role("button", name="Besluit vastleggen")).to_have_count(0)
    expect(page.get_by_role("button", name="Oordelen opslaan")).to_have_count(0)
    expect(page.get_by_label("Oordeel over Initiatief uit het veld")).to_be_disabled()
    # Even a hand-made post changes nothing, with a Dutch message.
    page.evaluate(
        """() => { const f = document.getElementById('review-form');
                   f.querySelector('fieldset').disabled = false;
                   f.querySelector('[name=field_initiative-verdict]').value = 'met';
                   f.querySelector('[name=field_initiative-motivation]').value = 'Ja.';
                   const b = document.createElement('button');
                   b.name = 'action'; b.value = 'save'; f.appendChild(b);
                   f.requestSubmit(b); }"""
    )
    expect(page.get_by_text("Er is niets opgeslagen.")).to_be_visible()
    assert CriterionJudgement.objects.count() == 0
    logout(page)

    # 3. Free staff: the queue, the whole application in view beside the criteria.
    login(page, live_server, staff.email, DEFAULT_PASSWORD)
    page.get_by_role("link", name="Beoordelen").click()
    expect(page.get_by_role("heading", name="Te beoordelen aanvragen", level=1)).to_be_visible()
    expect(page.get_by_role("row").filter(has_text="Samen Sturen")).to_contain_text("Petra")
    assert_accessible(page)
    page.get_by_role("link", name="Samen Sturen").click()
    expect(page.get_by_role("heading", name="Beoordeling: Samen Sturen", level=1)).to_be_visible()
    facts = page.locator(".review-application")
    for text in (
        "Schoolleiders die samen leren sturen op kwaliteit.",
        "Schoolleiders VO in de regio Utrecht",
        "Acht schoolleiders vroegen erom.",
        "Maatjesgroepen (intervisie)",
        "Fenna Facilitator (fenna@example.nl)",
        "5 personen:",
        "Twee keer per jaar, 24 uur",
        "€\u00a05.000,00",
    ):
        expect(facts).to_contain_text(text)
    expect(page.locator("#review-form li[id^=criterion-]")).to_have_count(11)
    assert_accessible(page)
    page.set_viewport_size({"width": 1280, "height": 900})
    page.screenshot(path="/tmp/review-journey-2-review.png", full_page=True)
    # Compact: the eleven criteria take under four screens of 900 px (one per three).
    box = page.locator("#review-form ol").bounding_box()
    assert box["height"] < 4 * 900, box

    # One save for several judgements; an override without motivation is refused.
    page.get_by_label("Oordeel over Initiatief uit het veld").select_option("met")
    page.get_by_label("Motivering bij Initiatief uit het veld").fill("Vraag uit het veld.")
    page.get_by_label("Oordeel over Minimaal drie bijeenkomsten per jaar").select_option("met")
    page.get_by_role("button", name="Oordelen opslaan").click()
    expect(page.get_by_text("De oordelen zijn niet opgeslagen; zie de criteria.")).to_be_visible()
    expect(page.locator("#criterion-min_three_meetings_per_year")).to_contain_text(
        "Geef een motivering"
    )
    assert CriterionJudgement.objects.count() == 0
    page.get_by_label("Oordeel over Gericht op professionalisering").select_option("met")
    page.get_by_label("Motivering bij Gericht op professionalisering").fill(
        "Visie en samenwerking staan centraal."
    )
    page.get_by_label("Oordeel over Minimaal drie bijeenkomsten per jaar").select_option("")
    page.get_by_role("button", name="Oordelen opslaan").click()
    expect(page.get_by_text("Je oordelen zijn opgeslagen.")).to_be_visible()
    assert CriterionJudgement.objects.count() == 2

    # Granting is refused, naming each criterion that is still not met.
    decide = page.locator("#decide-heading").locator("..")
    decide.get_by_label("Toekennen").check()
    decide.get_by_label("Motivering van het besluit").fill("Een sterk initiatief uit het veld.")
    decide.get_by_label("Bijdrage voor facilitering (EUR)").fill("4000")
    decide.get_by_label("Bijdrage voor gastsprekers (EUR)").fill("1000")
    decide.get_by_label("Bijdrage voor organisatie (EUR)").fill("250")
    page.get_by_role("button", name="Besluit vastleggen").click()
    refused = page.locator("#decide-heading").locator("..")
    expect(refused).to_contain_text(
        "Toekennen kan niet: deze criteria zijn niet voldaan of onbekend en hebben geen oordeel "
        "van de VO-academie met motivering in hun voordeel: Minimaal drie bijeenkomsten per "
        "jaar (niet voldaan), Minimaal zes vaste deelnemers (niet voldaan)."
    )
    assert Decision.objects.count() == 0
    assert Network.objects.get().status == NetworkStatus.SUBMITTED

    # Overrides with motivation, then granting works (the form kept the decision).
    page.get_by_label("Oordeel over Minimaal drie bijeenkomsten per jaar").select_option("met")
    page.get_by_label("Motivering bij Minimaal drie bijeenkomsten per jaar").fill(
        "Twee keer 24 uur weegt op tegen drie korte bijeenkomsten."
    )
    page.get_by_label("Oordeel over Minimaal zes vaste deelnemers").select_option("met")
    page.get_by_label("Motivering bij Minimaal zes vaste deelnemers").fill(
        "Een zesde deelnemer is toegezegd."
    )
    page.get_by_role("button", name="Besluit vastleggen").click()
    expect(page.get_by_text("Het besluit is vastgelegd en gemaild.")).to_be_visible()
    expect(page.locator("#criterion-min_three_meetings_per_year")).to_contain_text(
        "Twee keer 24 uur weegt op"
    )
    history = page.get_by_role("table").filter(has_text="Sanne Staf")
    expect(history).to_contain_text("Een zesde deelnemer is toegezegd.")
    expect(history).to_contain_text("Besluit: Toekennen")
    assert_accessible(page)
    page.screenshot(path="/tmp/review-journey-3-granted.png", full_page=True)
    logout(page)
    assert Network.objects.get().status == NetworkStatus.GRANTED

    # 4. The penvoerder sees the decision and its motivation, amounts the Dutch way.
    login(page, live_server, penvoerder.email, DEFAULT_PASSWORD)
    page.get_by_role("link", name="Aanvragen").click()
    page.get_by_role("link", name="Samen Sturen").click()
    expect(page.get_by_text("Een sterk initiatief uit het veld.")).to_be_visible()
    expect(page.get_by_role("heading", name="Toekennen", exact=False)).to_be_visible()
    expect(page.locator("dd").filter(has_text="€\u00a05.250,00")).to_be_visible()
    expect(page.locator("dd").filter(has_text="Toegekend").first).to_be_visible()
    assert_accessible(page)
    page.screenshot(path="/tmp/review-journey-4-decision.png", full_page=True)
    logout(page)

    # 5. Anyone finds the network in the public directory.
    page.goto(f"{live_server.url}/leernetwerken/")
    expect(page.get_by_role("heading", name="Leernetwerken", level=1)).to_be_visible()
    page.get_by_role("link", name="Samen Sturen").click()
    expect(page.get_by_role("heading", name="Samen Sturen", level=1)).to_be_visible()
