"""The people, texts and steps of the journey from a visitor to a granted network
(test_visitor_to_granted_network.py): screenshots, the live check, signing out, the mails; the
visitor creating and verifying her account, and applying with two criteria unmet."""

import datetime
import re
from pathlib import Path

from django.core import mail
from django.utils import timezone
from playwright.sync_api import expect

from networks.enums import NetworkStatus
from networks.models import Network
from participants.forms import school_label
from participants.models import User
from tests.conftest import assert_accessible

SHOTS = Path("/tmp/journey-shots")
# The first password field ("Wachtwoord", marked required), not "Wachtwoord (opnieuw)".
PASSWORD_LABEL = re.compile(r"^\s*Wachtwoord\s*\*?\s*$")
NOOR = "noor.bakker@school.example.nl"
NOOR_PASSWORD = "een-lang-nieuw-wachtwoord"
KARIN = "karin.mede@school.example.nl"
EXPLANATION = "Twee keer 24 uur samen weegt op tegen drie korte bijeenkomsten."


def shot(page, name: str) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)


def criterion(page, code):
    return page.locator(f"#check-{code}")


def settle(page):
    """Let the live check finish before the next step."""
    page.wait_for_timeout(600)
    expect(page.locator("#application-form")).not_to_have_class(re.compile("htmx-request"))


def logout(page):
    page.get_by_role("button", name="Uitloggen").click()
    expect(page.get_by_text("U bent uitgelogd.")).to_be_visible()


def mails_to(address: str) -> list:
    return [m for m in mail.outbox if m.to == [address]]


def link_in(message, live_server, prefix: str) -> str:
    path = re.search(rf"https?://[^/\s]+({re.escape(prefix)}\S*)", message.body).group(1)
    return f"{live_server.url}{path}"


def visitor_creates_an_account(page, live_server, school) -> None:
    page.goto(f"{live_server.url}/")
    expect(page.get_by_role("link", name="Account aanmaken").first).to_be_visible()
    shot(page, "01-home")
    page.get_by_role("main").get_by_role("link", name="Bekijk de leernetwerken").click()
    expect(page.get_by_role("heading", name="Leernetwerken", level=1)).to_be_visible()
    expect(page.get_by_role("link", name="Samen Sterker")).to_be_visible()
    shot(page, "02-directory")
    page.get_by_role("main").get_by_role("link", name="Start een leernetwerk").click()
    expect(page.get_by_role("heading", name="Start een leernetwerk", level=1)).to_be_visible()
    # The eleven criteria her application will be checked against.
    expect(page.locator("#requirements li")).to_have_count(11)
    shot(page, "03-start-network")
    page.get_by_role("link", name="Maak een account aan om aan te vragen").click()
    expect(page.get_by_role("heading", name="Account aanmaken", level=1)).to_be_visible()
    assert_accessible(page)
    page.get_by_label("E-mailadres").fill(NOOR)
    page.get_by_label("Voornaam").fill("Noor")
    page.get_by_label("Achternaam").fill("Bakker")
    page.get_by_label("School").select_option(label=school_label(school))
    page.get_by_label(PASSWORD_LABEL).fill(NOOR_PASSWORD)
    page.get_by_label("Wachtwoord (bevestigen)").fill(NOOR_PASSWORD)
    shot(page, "04-signup")
    page.get_by_role("button", name="Account aanmaken").click()
    expect(page.get_by_role("heading", name="Bevestig uw e-mailadres", level=1)).to_be_visible()
    assert_accessible(page)
    shot(page, "05-verify-your-address")
    # One mail, to her alone; she opens its link.
    assert [m.to for m in mail.outbox] == [[NOOR]]
    assert mail.outbox[-1].subject == "Leernetwerk: Bevestig uw e-mailadres"
    page.goto(link_in(mail.outbox[-1], live_server, "/account/e-mailadres/bevestigen/"))
    expect(page.get_by_text(f"Bevestig dat {NOOR} uw e-mailadres is.")).to_be_visible()
    shot(page, "06-confirm-address")
    page.get_by_role("button", name="Adres bevestigen").click()
    # Back where she was going: the application form, signed in.
    expect(page.get_by_role("heading", name="Een leernetwerk aanvragen", level=1)).to_be_visible()
    assert page.url == f"{live_server.url}/aanvragen/nieuw/"
    person = User.objects.get(email=NOOR)
    assert (person.first_name, person.school.name) == ("Noor", "Het Baken")


def visitor_applies_with_two_criteria_unmet(page, live_server, school) -> None:
    assert_accessible(page)
    # Her school comes from her account; her function she gives here.
    expect(page.locator("#id_applicant_school")).to_have_value(str(school.pk))
    page.locator("#id_applicant_function").select_option(label="Rector / directeur")
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
    page.locator("#id_co_initiator_emails").fill(KARIN)
    page.locator("#id_focus_competences_0").check()
    page.locator("#id_monitoring_consent").check()
    expect(criterion(page, "monitoring_consent")).to_have_attribute("data-status", "met")
    page.locator("#id_requested_facilitation").fill("5000")
    page.locator("#id_requested_speakers").fill("1000")
    # A Dutch decimal comma is an amount (a text input, not the browser's number input).
    page.locator("#id_requested_organisation").fill("750,50")
    page.locator("#id_requested_organisation").press("Tab")
    page.locator("#id_unmet_explanation").fill(EXPLANATION)
    settle(page)
    expect(page.locator("#eligibility-list [data-status='not_met']")).to_have_count(2)
    assert_accessible(page)
    shot(page, "07-application-form")
    # The live check saved nothing and mailed nobody.
    assert Network.objects.count() == 1  # Samen Sterker only
    assert len(mail.outbox) == 1

    # Save and submit: she is warned which criteria are not met and why, and confirms.
    page.get_by_role("button", name="Opslaan en indienen").click()
    expect(
        page.get_by_role("heading", name="Aanvraag indienen: Samen Sturen", level=1)
    ).to_be_visible()
    warnings = page.locator("#submission-warnings")
    expect(warnings).to_contain_text("2 criteria zijn niet voldaan:")
    not_met = warnings.locator("#criteria-not-met li")
    expect(not_met).to_have_count(2)
    expect(not_met.nth(0)).to_have_text(
        "Minimaal drie bijeenkomsten per jaar: 2 bijeenkomsten gepland per 12 maanden; "
        "minimaal 3 nodig."
    )
    expect(not_met.nth(1)).to_have_text(
        "Minimaal zes vaste deelnemers: 5 vaste deelnemers; minimaal 6 nodig."
    )
    # What only the academy can judge is named too, as not known yet.
    unknown = warnings.locator("#criteria-unknown li")
    expect(unknown).to_have_count(2)
    expect(unknown.nth(0)).to_contain_text("Initiatief uit het veld")
    expect(unknown.nth(1)).to_contain_text("Gericht op professionalisering")
    # The field the warning points to is the one she filled in.
    expect(
        warnings.get_by_role("link", name="Toelichting bij niet voldane criteria")
    ).to_have_attribute("href", re.compile(r"/aanvragen/\d+/wijzigen/#id_unmet_explanation$"))
    assert Network.objects.get(name="Samen Sturen").status == NetworkStatus.DRAFT
    assert_accessible(page)
    shot(page, "08-submit-warning")
    # The draft is saved: the co-initiator she named hears of it, once, with a link to it.
    [to_karin] = mails_to(KARIN)
    assert to_karin.subject == "U bent genoemd als mede-initiatiefnemer van Samen Sturen"
    assert "Noor Bakker heeft u genoemd als mede-initiatiefnemer" in to_karin.body
    page.get_by_role("button", name="Toch indienen").click()
    expect(page.get_by_text("Uw aanvraag is ingediend.")).to_be_visible()
    expect(page.get_by_role("heading", name="Aanvraag: Samen Sturen", level=1)).to_be_visible()
    expect(page.locator("dd").filter(has_text="Aanvraag ingediend").first).to_be_visible()
    assert_accessible(page)
    shot(page, "09-submitted")
    # Not granted yet: on her start page it is an application, once, not one of her networks.
    page.goto(f"{live_server.url}/mijn/")
    expect(page.get_by_role("main").get_by_role("link", name="Samen Sturen")).to_have_count(1)
    applications = page.locator("section", has=page.locator("#my-applications-heading"))
    expect(applications.get_by_role("link", name="Samen Sturen")).to_be_visible()
    expect(page.get_by_role("main")).not_to_contain_text("Penvoerder")
