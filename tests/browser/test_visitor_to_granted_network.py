"""From a visitor's idea to a granted network, in real Chromium (issue 11, Tests).

As a visitor: home -> directory -> start a network -> create an account -> verify the address
from the mail -> apply with two criteria unmet, warned with both named -> submit. As staff:
the queue (the application, its planned participants and facilitator), the review with the
whole application in view, one save, granting refused naming the unmet criteria, overrides
with motivation, granting accepted. As the penvoerder (the visitor's new account): the
decision and its motivation. On the way, a staff member who belongs to the network may
neither judge nor decide. Screenshots of each step go to /tmp/journey-shots/.

The visitor's steps and the journey's helpers are in visitor_journey_steps.py."""

import pytest
from django.conf import settings
from django.core import mail
from playwright.sync_api import expect

from networks.enums import NetworkStatus
from networks.models import Competence, CriterionJudgement, Decision, Network
from tests.browser.visitor_journey_steps import (
    EXPLANATION,
    KARIN,
    NOOR,
    NOOR_PASSWORD,
    link_in,
    logout,
    mails_to,
    shot,
    visitor_applies_with_two_criteria_unmet,
    visitor_creates_an_account,
)
from tests.conftest import assert_accessible, login
from tests.factories import DEFAULT_PASSWORD, NetworkFactory, SchoolFactory, make_member, make_staff

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_visitor_applies_staff_grant_after_overrides_penvoerder_reads_the_decision(
    page, live_server
):
    page.set_default_timeout(30000)  # the shared CI machine can be slow
    page.set_viewport_size({"width": 1280, "height": 900})
    for number, name in enumerate(
        ["Visie", "Organisatie", "Samenwerking", "Omgeving", "Analyseren"], start=1
    ):
        Competence.objects.get_or_create(number=number, defaults={"name": name})
    NetworkFactory(name="Samen Sterker", listed_in_directory=True)
    school = SchoolFactory(name="Het Baken", town="Almere")
    staff = make_staff(first_name="Sanne", last_name="Staf")
    member_staff = make_staff(first_name="Mieke", last_name="Meedoen")

    # 1. The visitor: an account, verified by mail, then the application, warned, submitted.
    visitor_creates_an_account(page, live_server, school)
    visitor_applies_with_two_criteria_unmet(page, live_server, school)
    application = Network.objects.get(name="Samen Sturen").application
    # She (the applicant side: she and the co-initiator) and each staff member get a mail.
    submitted = mail.outbox[2:]
    assert sorted(to for m in submitted for to in m.to) == sorted(
        [NOOR, KARIN, staff.email, member_staff.email]
    )
    [to_staff] = [m for m in submitted if m.to == [staff.email]]
    assert to_staff.subject == "Nieuwe aanvraag te beoordelen: Samen Sturen"
    review_url = link_in(to_staff, live_server, "/beoordelen/")
    assert review_url == f"{live_server.url}/beoordelen/{application.pk}/"
    logout(page)

    # 2. A staff member who belongs to the network may look but not judge or decide.
    make_member(Network.objects.get(name="Samen Sturen"), person=member_staff)
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
    shot(page, "10-review-conflict")
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

    # 3. Free staff: the queue shows the application with what it plans.
    login(page, live_server, staff.email, DEFAULT_PASSWORD)
    page.get_by_role("link", name="Beoordelen").click()
    expect(page.get_by_role("heading", name="Te beoordelen aanvragen", level=1)).to_be_visible()
    row = page.get_by_role("row").filter(has_text="Samen Sturen")
    expect(row).to_contain_text("Noor Bakker")
    expect(row).to_contain_text("5 gepland")
    expect(row).to_contain_text("Fenna Facilitator")
    expect(row).to_contain_text("Aanvraag ingediend")
    assert_accessible(page)
    shot(page, "11-queue")
    page.get_by_role("link", name="Samen Sturen").click()
    assert page.url == review_url
    expect(page.get_by_role("heading", name="Beoordeling: Samen Sturen", level=1)).to_be_visible()
    # The whole application in view, as she typed it, beside the eleven criteria.
    facts = page.locator(".review-application")
    for text in (
        "Schoolleiders die samen leren sturen op kwaliteit.",
        "Hoe sturen we samen op onderwijskwaliteit?",
        "Kwaliteit",
        "Schoolleiders VO in de regio Utrecht",
        "Acht schoolleiders vroegen erom.",
        "Noor Bakker",
        "Het Baken",
        "Maatjesgroepen (intervisie)",
        "Fenna Facilitator (fenna@example.nl)",
        "5 personen:",
        "deelnemer0@example.nl",
        KARIN,
        "Twee keer per jaar, 24 uur",
        "De startbijeenkomst",
        "€\u00a05.000,00",
        "€\u00a01.000,00",
        "€\u00a0750,50",
        EXPLANATION,
    ):
        expect(facts).to_contain_text(text)
    expect(page.locator("#review-form li[id^=criterion-]")).to_have_count(11)
    assert_accessible(page)
    shot(page, "12-review")
    # Compact: the eleven criteria take under four screens of 900 px (one per three).
    box = page.locator("#review-form ol").bounding_box()
    assert box["height"] < 4 * 900, box

    # One save for several judgements; an override without motivation is refused first.
    page.get_by_label("Oordeel over Initiatief uit het veld").select_option("met")
    page.get_by_label("Motivering bij Initiatief uit het veld").fill("Vraag uit het veld.")
    page.get_by_label("Oordeel over Minimaal drie bijeenkomsten per jaar").select_option("met")
    page.get_by_role("button", name="Oordelen opslaan").click()
    expect(page.get_by_text("De oordelen zijn niet opgeslagen; zie de criteria.")).to_be_visible()
    expect(page.locator("#criterion-min_three_meetings_per_year")).to_contain_text(
        "Geef een motivering"
    )
    shot(page, "13-override-without-motivation")
    assert CriterionJudgement.objects.count() == 0
    page.get_by_label("Oordeel over Gericht op professionalisering").select_option("met")
    page.get_by_label("Motivering bij Gericht op professionalisering").fill(
        "Visie en samenwerking staan centraal."
    )
    page.get_by_label("Oordeel over Minimaal drie bijeenkomsten per jaar").select_option("")
    page.get_by_role("button", name="Oordelen opslaan").click()
    expect(page.get_by_text("Uw oordelen zijn opgeslagen.")).to_be_visible()
    assert CriterionJudgement.objects.count() == 2
    # The automatic result stays what the data says; the judgement stands beside it.
    judged = page.locator("#criterion-field_initiative")
    expect(judged.locator(".criterion-automatic .badge")).to_have_text("Onbekend")
    expect(judged.locator(".criterion-judgement .badge")).to_have_text("Voldaan")
    shot(page, "14-saved")
    # On a phone each criterion's automatic result and judgement are on the screen.
    page.set_viewport_size({"width": 390, "height": 844})
    judged.scroll_into_view_if_needed()
    for part in (".criterion-automatic", ".criterion-judgement"):
        box = judged.locator(part).bounding_box()
        assert box["x"] >= 0 and box["x"] + box["width"] <= 390, (part, box)
    shot(page, "14b-review-phone")
    page.set_viewport_size({"width": 1280, "height": 900})

    # Granting is refused, naming each criterion that is still not met.
    decide = page.locator("#decide-heading").locator("..")
    decide.get_by_label("Toekennen").check()
    # The contribution starts from what she asked for, written the Dutch way.
    expect(decide.get_by_label("Bijdrage voor organisatie (EUR)")).to_have_value("750,50")
    decide.get_by_label("Motivering van het besluit").fill("Een sterk initiatief uit het veld.")
    decide.get_by_label("Bijdrage voor facilitering (EUR)").fill("4000")
    decide.get_by_label("Bijdrage voor gastsprekers (EUR)").fill("1000")
    decide.get_by_label("Bijdrage voor organisatie (EUR)").fill("250,50")
    page.get_by_role("button", name="Besluit vastleggen").click()
    refused = page.locator("#decide-heading").locator("..")
    expect(refused).to_contain_text(
        "Toekennen kan niet: deze criteria zijn niet voldaan of onbekend en hebben geen oordeel "
        "van de VO-academie met motivering in hun voordeel: Minimaal drie bijeenkomsten per "
        "jaar (niet voldaan), Minimaal zes vaste deelnemers (niet voldaan)."
    )
    shot(page, "15-grant-refused")
    assert Decision.objects.count() == 0
    assert Network.objects.get(name="Samen Sturen").status == NetworkStatus.SUBMITTED
    assert mails_to(NOOR)[-1].subject == "Uw aanvraag voor Samen Sturen is ingediend"

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
    expect(history).to_contain_text("Besluit: Toegekend")
    assert_accessible(page)
    shot(page, "16-granted")
    logout(page)
    assert Network.objects.get(name="Samen Sturen").status == NetworkStatus.GRANTED
    decision_mail = mails_to(NOOR)[-1]
    assert "Een sterk initiatief uit het veld." in decision_mail.body
    # Each recipient greeted by her own name, with the link to the application page.
    assert decision_mail.body.startswith("Beste Noor,\n")
    assert f"{settings.SITE_URL.rstrip('/')}/aanvragen/{application.pk}/" in decision_mail.body
    [karin_decision] = [m for m in mails_to(KARIN) if m.subject == decision_mail.subject]
    assert "Noor" not in karin_decision.body.splitlines()[0]

    # 4. The penvoerder, with the account she made: the decision and its motivation.
    login(page, live_server, NOOR, NOOR_PASSWORD)
    expect(page.get_by_role("heading", name="Mijn netwerken", level=1)).to_be_visible()
    # Her network once on her start page, with her role.
    mine = page.get_by_role("main").get_by_role("link", name="Samen Sturen")
    expect(mine).to_have_count(1)
    expect(page.get_by_role("main")).to_contain_text("Penvoerder")
    shot(page, "17-penvoerder-start")
    page.get_by_role("link", name="Aanvragen").click()
    page.get_by_role("link", name="Samen Sturen").click()
    expect(page.get_by_text("Een sterk initiatief uit het veld.")).to_be_visible()
    expect(page.get_by_role("heading", name="Toegekend ·", exact=False)).to_be_visible()
    expect(page.locator("dd").filter(has_text="€\u00a05.250,50")).to_be_visible()
    # Beside the automatic "Niet voldaan": the academy's judgement and its motivation.
    overridden = page.locator("#criterion-min_three_meetings_per_year")
    expect(overridden.locator(".criterion-automatic .badge")).to_have_text("Niet voldaan")
    expect(overridden.locator(".criterion-judgement")).to_contain_text(
        "Voldaan: Twee keer 24 uur weegt op tegen drie korte bijeenkomsten."
    )
    expect(page.locator("dd").filter(has_text="Toegekend").first).to_be_visible()
    assert_accessible(page)
    shot(page, "18-penvoerder-decision")
    page.set_viewport_size({"width": 390, "height": 844})
    overridden.scroll_into_view_if_needed()
    for part in (".criterion-automatic", ".criterion-judgement"):
        box = overridden.locator(part).bounding_box()
        assert box["x"] >= 0 and box["x"] + box["width"] <= 390, (part, box)
    shot(page, "19-penvoerder-decision-phone")
    page.set_viewport_size({"width": 1280, "height": 900})
    logout(page)

    # 5. Anyone finds the network in the public directory.
    page.goto(f"{live_server.url}/leernetwerken/")
    expect(page.get_by_role("heading", name="Leernetwerken", level=1)).to_be_visible()
    page.get_by_role("link", name="Samen Sturen").click()
    expect(page.get_by_role("heading", name="Samen Sturen", level=1)).to_be_visible()
    shot(page, "20-directory-detail")
