"""Chromium: staff open a round; a participant answers half through her link, is warned,
saves, comes back, completes and later changes an answer; staff remind non-responders (once
a day), close the round; the report shows chart and figures, the PDF downloads; axe finds
no violation on the way."""

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from evaluations.models import EvaluationRound, Invitation
from evaluations.services import save_response
from tests.conftest import assert_accessible, login
from tests.factories import (
    DEFAULT_PASSWORD,
    NetworkFactory,
    make_facilitator,
    make_member,
    make_staff,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_staff_round_answer_close_report_pdf(page, live_server):
    network = NetworkFactory(name="Moreel Beraad en Bildung", slug="moreel-beraad-en-bildung")
    make_facilitator(network)
    participants = [make_member(network) for _ in range(5)]
    staff = make_staff()
    login(page, live_server, staff.email, DEFAULT_PASSWORD)

    page.goto(f"{live_server.url}/evaluaties/rondes/nieuw/")
    expect(page.get_by_role("heading", name="Een ronde openen", level=1)).to_be_visible()
    assert_accessible(page)
    page.get_by_label("Titel").fill("Tussenmeting najaar")
    page.get_by_label("Soort").select_option("interim")
    today = timezone.localdate()
    page.get_by_label("Opent op").fill(today.isoformat())
    page.get_by_label("Sluit op").fill(today.replace(year=today.year + 1).isoformat())
    page.get_by_label("Moreel Beraad en Bildung").check()
    page.get_by_role("button", name="De ronde openen").click()
    expect(
        page.get_by_text("De ronde is open. 5 leden krijgen hun persoonlijke link")
    ).to_be_visible()
    assert_accessible(page)

    evaluation = EvaluationRound.objects.get(title="Tussenmeting najaar")
    invitations = {i.person_id: i for i in Invitation.objects.filter(round=evaluation)}
    scale = [i for i in evaluation.items.all() if i.is_scale]
    comments = next(i for i in evaluation.items.all() if not i.is_scale)
    for number, person in enumerate(participants[:4]):  # four answer outside the browser
        save_response(
            invitations[person.pk].token,
            answers={**{i.pk: 4 for i in scale}, comments.pk: f"Opmerking {number}"},
        )

    # The fifth answers through the personal link (no login needed).
    page.context.clear_cookies()
    page.goto(f"{live_server.url}{invitations[participants[4].pk].get_absolute_url()}")
    expect(
        page.get_by_role("heading", name="Evaluatie van Moreel Beraad en Bildung")
    ).to_be_visible()
    assert_accessible(page)
    link = f"{live_server.url}{invitations[participants[4].pk].get_absolute_url()}"
    half = scale[: len(scale) // 2]
    for item in half:
        page.get_by_role("group", name=item.text).get_by_label("5 – Helemaal eens").check()
    # the count follows her answers as she gives them
    expect(page.locator("#open-count")).to_have_text(str(len(scale) - len(half)))
    desktop = page.viewport_size
    page.set_viewport_size({"width": 390, "height": 844})  # on a phone
    page.get_by_role("button", name="Mijn antwoorden versturen").click()
    warning = page.locator("#confirm-incomplete")
    expect(warning).to_contain_text("Nog niet alle vragen zijn beantwoord")
    # the warning is the first thing she sees after the page reloads: focused, in view
    expect(warning).to_be_focused()
    expect(warning.get_by_role("button", name="Toch versturen")).to_be_in_viewport()
    page.set_viewport_size(desktop)
    expect(warning).to_contain_text(scale[-1].text)
    assert_accessible(page)
    warning.get_by_role("button", name="Opslaan en later verdergaan").click()
    expect(page.get_by_text("Uw antwoorden zijn opgeslagen, nog niet verstuurd.")).to_be_visible()

    page.goto(link)  # later, through her link
    open_count = len(scale) - len(half)
    expect(page.locator("#progress")).to_have_text(
        f"Nog open: {open_count} van {len(scale)} meerkeuzevragen. "
        "Vragen met een tekstvak zijn niet verplicht."
    )
    expect(
        page.get_by_role("group", name=half[0].text).get_by_label("5 – Helemaal eens")
    ).to_be_checked()
    for item in scale[len(half) :]:
        page.get_by_role("group", name=item.text).get_by_label("5 – Helemaal eens").check()
    page.get_by_label("Opmerkingen").fill("Waardevolle gesprekken.")
    page.get_by_role("button", name="Mijn antwoorden versturen").click()
    expect(page.get_by_role("heading", name="Dank u wel", level=1)).to_be_visible()

    page.goto(link)  # she changes an answer
    expect(page.locator("#sent-status")).to_contain_text("Uw antwoorden zijn verstuurd.")
    page.get_by_role("group", name=scale[0].text).get_by_label("3 – Neutraal").check()
    page.get_by_role("button", name="Mijn wijzigingen versturen").click()
    expect(page.get_by_role("heading", name="Dank u wel", level=1)).to_be_visible()

    login(page, live_server, staff.email, DEFAULT_PASSWORD)
    page.goto(f"{live_server.url}{evaluation.get_absolute_url()}")
    expect(page.locator("#response-rate")).to_contain_text("100%")
    assert_accessible(page)
    remind = page.get_by_role("button", name="Herinnering sturen aan wie nog niet heeft geantwoord")
    remind.click()
    expect(
        page.get_by_text("Iedereen die nog niet heeft geantwoord, krijgt een herinnering.")
    ).to_be_visible()
    remind.click()
    expect(
        page.get_by_text("Vandaag is al een herinnering verstuurd. De volgende kan morgen.")
    ).to_be_visible()
    page.get_by_role("link", name="De ronde sluiten").click()
    expect(page.get_by_role("heading", name="De ronde sluiten", level=1)).to_be_visible()
    page.get_by_role("button", name="Ja, de ronde sluiten").click()
    expect(page.get_by_text("De ronde is gesloten. De scores worden berekend.")).to_be_visible()

    page.goto(f"{live_server.url}/evaluaties/rondes/{evaluation.pk}/rapport/{network.slug}/")
    expect(page.get_by_role("img", name="Verdeling van de antwoorden per vraag")).to_be_visible()
    table = page.locator("#scores-table")
    # four answered 4, one answered 5: mean 4,20, all agree
    expect(table.get_by_role("row", name="De sfeer in het netwerk is goed.")).to_contain_text(
        "4,20"
    )
    expect(table).to_contain_text("100%")
    expect(page.get_by_text("Waardevolle gesprekken.")).to_be_visible()
    assert_accessible(page)

    page.get_by_role("button", name="PDF maken").click()  # the worker makes it
    expect(page.get_by_text("De PDF is klaar")).to_be_visible()
    with page.expect_download() as download_info:
        page.get_by_role("link", name="PDF downloaden").click()
    download = download_info.value
    assert download.suggested_filename.endswith(".pdf")
    with open(download.path(), "rb") as handle:
        assert handle.read(4) == b"%PDF"
