"""A facilitator imports members (a bad file first, then a good one); staff look a person up
and find their view in the audit log. Every page passes axe-core."""

import pytest
from playwright.sync_api import expect

from networks.models import Membership
from participants.models import AuditLog
from tests.conftest import assert_accessible, login
from tests.factories import (
    DEFAULT_PASSWORD,
    NetworkFactory,
    SchoolFactory,
    make_facilitator,
    make_member,
    make_staff,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

HEADER = "email,first_name,last_name,brin\n"
GOOD = "anna@school.nl,Anna,de Vries,12XY\nbram@school.nl,Bram,Jansen,\n"


def _csv(text: str) -> dict:
    return {"name": "leden.csv", "mimeType": "text/csv", "buffer": text.encode()}


def test_facilitator_imports_members_all_or_nothing(page, live_server):
    network = NetworkFactory(name="Moreel Beraad", slug="moreel-beraad")
    SchoolFactory(brin_code="12XY")
    facilitator = make_facilitator(network)
    login(page, live_server, facilitator.email, DEFAULT_PASSWORD)

    page.goto(f"{live_server.url}/netwerken/moreel-beraad/")
    page.get_by_role("link", name="Leden importeren").click()
    assert_accessible(page)
    page.get_by_label("Bestand (CSV of Excel)").set_input_files(
        _csv(HEADER + GOOD + "carla@school.nl,,Bakker,\n")
    )
    page.get_by_role("button", name="Bestand controleren").click()
    expect(page.get_by_text("Rij 4: de naam is leeg.")).to_be_visible()
    expect(page.get_by_role("button", name="leden importeren")).to_have_count(0)
    assert_accessible(page)

    page.get_by_role("link", name="Een verbeterd bestand uploaden").click()
    page.get_by_label("Bestand (CSV of Excel)").set_input_files(_csv(HEADER + GOOD))
    page.get_by_role("button", name="Bestand controleren").click()
    expect(page.get_by_role("cell", name="anna@school.nl")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("button", name="2 leden importeren").click()

    expect(page.get_by_text("Er zijn 2 leden geïmporteerd.")).to_be_visible()
    page.get_by_role("link", name="Naar de ledenlijst").click()
    expect(page.get_by_role("cell", name="bram@school.nl")).to_be_visible()
    assert_accessible(page)
    assert Membership.objects.filter(network=network).count() == 3


@pytest.mark.realstack
def test_facilitator_sees_the_progress_page_end_in_the_result(page, live_server, celery_worker):
    """With a real worker the upload page answers at once; the job page asks again by itself
    until the check is done, and again after confirming, without the person reloading."""
    network = NetworkFactory(name="Moreel Beraad", slug="moreel-beraad")
    SchoolFactory(brin_code="12XY")
    facilitator = make_facilitator(network)
    login(page, live_server, facilitator.email, DEFAULT_PASSWORD)

    page.goto(f"{live_server.url}/deelnemers/netwerk/moreel-beraad/importeren/")
    page.get_by_label("Bestand (CSV of Excel)").set_input_files(_csv(HEADER + GOOD))
    page.get_by_role("button", name="Bestand controleren").click()
    expect(page.get_by_text("Bestand leden.csv, geüpload op")).to_be_visible()
    job_url = page.url

    expect(page.get_by_role("cell", name="anna@school.nl")).to_be_visible(timeout=30_000)
    assert page.url == job_url
    assert_accessible(page)
    page.get_by_role("button", name="2 leden importeren").click()

    expect(page.get_by_text("Er zijn 2 leden geïmporteerd.")).to_be_visible(timeout=30_000)
    assert page.url == job_url
    assert_accessible(page)
    assert Membership.objects.filter(network=network).count() == 3


def test_staff_finds_person_and_view_is_audited(page, live_server):
    network = NetworkFactory()
    make_member(network, first_name="Jacqueline", last_name="Schoones")
    staff = make_staff()
    login(page, live_server, staff.email, DEFAULT_PASSWORD)

    page.get_by_role("link", name="Mensen").click()
    expect(page.get_by_role("heading", name="Mensen", level=1)).to_be_visible()
    page.get_by_label("Naam, e-mailadres of school").fill("Schoones")
    page.get_by_role("button", name="Filter").click()
    assert_accessible(page)
    page.get_by_role("link", name="Jacqueline Schoones").click()
    expect(page.get_by_role("heading", name="Jacqueline Schoones", level=1)).to_be_visible()
    assert_accessible(page)

    page.get_by_role("link", name="Auditlog").click()
    expect(page.get_by_role("cell", name="Gegevens van een persoon bekeken")).to_be_visible()
    assert_accessible(page)
    assert AuditLog.objects.count() == 1
