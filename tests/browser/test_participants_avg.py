"""A participant reads the privacy page, downloads data and learning record, then deletes the
account. Every page passes axe-core."""

import json

import pytest
from playwright.sync_api import expect

from participants.models import User
from tests.conftest import assert_accessible, login
from tests.factories import (
    DEFAULT_PASSWORD,
    AttendanceFactory,
    LearningQuestionFactory,
    MeetingFactory,
    NetworkFactory,
    make_member,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_participant_downloads_data_and_deletes_account(page, live_server):
    network = NetworkFactory(name="Persoonlijk Leiderschap")
    person = make_member(network, first_name="Mirjam", last_name="Kroon")
    LearningQuestionFactory(owner=person, title="Hoe bewaak ik mijn balans?")
    AttendanceFactory(
        meeting=MeetingFactory(network=network, title="Startbijeenkomst"), person=person
    )

    page.goto(f"{live_server.url}/deelnemers/privacy/")
    expect(page.get_by_role("heading", name="Privacyverklaring", level=1)).to_be_visible()
    assert_accessible(page)

    login(page, live_server, person.email, DEFAULT_PASSWORD)
    page.get_by_role("link", name="Mijn gegevens").click()
    assert_accessible(page)
    with page.expect_download() as download_info:
        page.get_by_role("link", name="Mijn gegevens downloaden (JSON)").click()
    data = json.loads(open(download_info.value.path(), encoding="utf-8").read())
    assert data["participants"]["profile"]["last_name"] == "Kroon"

    page.get_by_role("link", name="Mijn leerdossier downloaden (pdf)").click()
    expect(page.get_by_text("U was bij 1 bijeenkomst aanwezig.")).to_be_visible()
    assert_accessible(page)
    page.get_by_label("Hoe bewaak ik mijn balans?").check()
    with page.expect_download() as download_info:
        page.get_by_role("button", name="Pdf downloaden").click()
    assert open(download_info.value.path(), "rb").read(4) == b"%PDF"

    page.goto(f"{live_server.url}/deelnemers/mijn-gegevens/account-verwijderen/")
    assert_accessible(page)
    page.get_by_label("Ik begrijp dat mijn account").check()
    page.get_by_label("Uw wachtwoord").fill(DEFAULT_PASSWORD)
    page.get_by_role("button", name="Mijn account definitief verwijderen").click()
    expect(page.get_by_text("Uw account en persoonsgegevens zijn verwijderd.")).to_be_visible()
    expect(page.get_by_role("link", name="Inloggen").first).to_be_visible()
    assert User.objects.filter(last_name="Kroon").count() == 0
