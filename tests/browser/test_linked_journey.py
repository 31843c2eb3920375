"""Chromium, issue 12 items 3 and 5: staff open a follow-up round linked to the nulmeting; a
participant is told so, answers half, is warned, saves, comes back through her link,
completes and changes an answer; staff send a reminder and see the response rate move;
after close the change per person shows for the network with 5 pairs and not for the one
with 4; staff share an item's results and the members see them on their network page."""

import datetime

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from evaluations.enums import RoundKind
from evaluations.models import EvaluationRound, Invitation
from evaluations.services import close_round, compute_round_scores, open_round, save_response
from tests.conftest import assert_accessible, login
from tests.factories import (
    DEFAULT_PASSWORD,
    NetworkFactory,
    make_facilitator,
    make_member,
    make_staff,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

BEFORE = [3, 2, 4, 3, 2]  # nulmeting answers of the five in Verbindend Vernieuwen
NOW = [4, 4, 4, 5]  # the first four's follow-up answers; the fifth answers in the browser


def _answer(evaluation, person, value) -> None:
    invitation = Invitation.objects.get(round=evaluation, person=person)
    scale = [item for item in evaluation.items.all() if item.is_scale]
    save_response(invitation.token, answers={item.pk: value for item in scale})


def test_linked_round_pairs_answers_and_results_go_back_to_the_network(page, live_server):
    today = timezone.localdate()
    staff = make_staff()
    linked_network = NetworkFactory(name="Verbindend Vernieuwen", slug="verbindend-vernieuwen")
    small_network = NetworkFactory(name="Ondernemend Leren", slug="ondernemend-leren")
    make_facilitator(linked_network)
    members = [make_member(linked_network) for _ in range(5)]
    others = [make_member(small_network) for _ in range(5)]
    baseline = open_round(
        by=staff,
        title="Nulmeting 2025",
        kind=RoundKind.BASELINE,
        opens_on=today - datetime.timedelta(days=200),
        closes_on=today,
        networks=[linked_network, small_network],
    )
    for person, value in zip(members, BEFORE, strict=True):
        _answer(baseline, person, value)
    for person in others[:4]:  # the fifth did not answer the nulmeting: 4 pairs there
        _answer(baseline, person, 3)
    close_round(baseline, by=staff)
    compute_round_scores(baseline.pk)

    login(page, live_server, staff.email, DEFAULT_PASSWORD)
    page.goto(f"{live_server.url}/evaluaties/rondes/nieuw/")
    page.get_by_label("Titel").fill("Eindmeting 2026")
    page.get_by_label("Soort").select_option("final")
    page.get_by_label("Opent op").fill(today.isoformat())
    page.get_by_label("Sluit op").fill((today + datetime.timedelta(days=30)).isoformat())
    page.get_by_label("Verbindend Vernieuwen").check()
    page.get_by_label("Ondernemend Leren").check()
    page.get_by_label("Gekoppeld aan de nulmeting").select_option(label="Nulmeting 2025")
    assert_accessible(page)
    page.get_by_role("button", name="De ronde openen").click()
    expect(
        page.get_by_text("De ronde is open. 10 leden krijgen hun persoonlijke link")
    ).to_be_visible()
    expect(page.locator("#linked-baseline")).to_have_text("Nulmeting 2025")
    follow_up = EvaluationRound.objects.get(title="Eindmeting 2026")
    for person, value in zip(members[:4], NOW, strict=True):
        _answer(follow_up, person, value)
    for person in others:
        _answer(follow_up, person, 4)

    page.reload()
    expect(page.locator("#response-rate")).to_contain_text("90%")  # 9 of 10
    page.get_by_role("button", name="Herinnering sturen aan wie nog niet heeft geantwoord").click()
    expect(
        page.get_by_text("Iedereen die nog niet heeft geantwoord, krijgt een herinnering.")
    ).to_be_visible()

    # The fifth member answers through her personal link, told first that it is linked.
    page.context.clear_cookies()
    link = f"{live_server.url}{Invitation.objects.get(round=follow_up, person=members[4]).get_absolute_url()}"
    page.goto(link)
    expect(page.locator("#linked-notice")).to_contain_text(
        "Deze ronde is gekoppeld aan de nulmeting “Nulmeting 2025”"
    )
    assert_accessible(page)
    scale = [item for item in follow_up.items.all() if item.is_scale]
    half = scale[: len(scale) // 2]
    for item in half:
        page.get_by_role("group", name=item.text).get_by_label("5 – Helemaal eens").check()
    page.get_by_role("button", name="Mijn antwoorden versturen").click()
    expect(page.locator("#confirm-incomplete")).to_contain_text(
        "Nog niet alle vragen zijn beantwoord"
    )
    page.locator("#confirm-incomplete").get_by_role(
        "button", name="Opslaan en later verdergaan"
    ).click()
    expect(page.get_by_text("Uw antwoorden zijn opgeslagen, nog niet verstuurd.")).to_be_visible()
    page.goto(link)
    expect(
        page.get_by_role("group", name=half[0].text).get_by_label("5 – Helemaal eens")
    ).to_be_checked()
    for item in scale[len(half) :]:
        page.get_by_role("group", name=item.text).get_by_label("5 – Helemaal eens").check()
    page.get_by_role("button", name="Mijn antwoorden versturen").click()
    expect(page.get_by_role("heading", name="Dank u wel", level=1)).to_be_visible()
    page.goto(link)  # she changes her first answer: 2 at the nulmeting, 3 now
    page.get_by_role("group", name=scale[0].text).get_by_label("3 – Neutraal").check()
    page.get_by_role("button", name="Mijn wijzigingen versturen").click()
    expect(page.get_by_role("heading", name="Dank u wel", level=1)).to_be_visible()

    login(page, live_server, staff.email, DEFAULT_PASSWORD)
    page.goto(f"{live_server.url}{follow_up.get_absolute_url()}")
    expect(page.locator("#response-rate")).to_contain_text("100%")
    page.get_by_role("link", name="De ronde sluiten").click()
    page.get_by_role("button", name="Ja, de ronde sluiten").click()
    expect(page.get_by_text("De ronde is gesloten. De scores worden berekend.")).to_be_visible()

    # 5 pairs: differences 1, 2, 0, 2, 1 on the first item -> +1,20 (+0,16 to +2,24), d_z 1,43
    page.goto(f"{live_server.url}/evaluaties/rondes/{follow_up.pk}/rapport/{linked_network.slug}/")
    row = page.locator("#paired-table").get_by_role("row", name=scale[0].text)
    expect(row).to_contain_text("+1,20")
    expect(row).to_contain_text("+0,16 tot +2,24")
    expect(row).to_contain_text("+1,43")
    assert_accessible(page)
    # 4 pairs: not shown, with the reason; the group figures of 5 respondents are
    page.goto(f"{live_server.url}/evaluaties/rondes/{follow_up.pk}/rapport/{small_network.slug}/")
    expect(page.locator("#paired-table").get_by_role("row", name=scale[0].text)).to_contain_text(
        "niet getoond: minder dan 5 personen beantwoordden beide rondes"
    )
    expect(page.locator("#scores-table").get_by_role("row", name=scale[0].text)).to_contain_text(
        "4,00"
    )
    # Overall 9 pairs minus the 5 shown would give the 4: not shown either.
    page.goto(f"{live_server.url}/evaluaties/rondes/{follow_up.pk}/rapport/")
    expect(page.locator("#paired-table").get_by_role("row", name=scale[0].text)).to_contain_text(
        "niet getoond: het zou de verandering van een kleinere groep verraden"
    )

    # The PDF is made by the worker and offered when ready.
    page.get_by_role("button", name="PDF maken").click()
    expect(page.get_by_role("link", name="PDF downloaden")).to_be_visible()
    with page.expect_download() as download_info:
        page.get_by_role("link", name="PDF downloaden").click()
    with open(download_info.value.path(), "rb") as handle:
        assert handle.read(4) == b"%PDF"

    page.goto(f"{live_server.url}{follow_up.get_absolute_url()}")
    page.get_by_role("link", name="Resultaten delen met de netwerken").click()
    page.get_by_label(scale[0].text).check()
    assert_accessible(page)
    page.get_by_role("button", name="Opslaan").click()
    expect(
        page.get_by_text("De leden van elk netwerk zien nu hun resultaten van 1 vragen")
    ).to_be_visible()

    page.context.clear_cookies()
    login(page, live_server, members[0].email, DEFAULT_PASSWORD)
    page.goto(f"{live_server.url}{linked_network.get_absolute_url()}")
    section = page.locator("#shared-results")
    expect(
        section.get_by_role("img", name="Verdeling van de antwoorden: Eindmeting 2026")
    ).to_be_visible()
    # now 4, 4, 4, 5, 3: mean 4,00, 4 of 5 agree
    shared_row = section.get_by_role("row", name=scale[0].text)
    expect(shared_row).to_contain_text("4,00")
    expect(shared_row).to_contain_text("80%")
    expect(section).not_to_contain_text(scale[1].text)
    assert_accessible(page)
    # on a phone the table fits: nothing to scroll, the last column and the caption in view
    page.set_viewport_size({"width": 390, "height": 844})
    region = section.locator(".table-region")
    assert region.evaluate("r => r.scrollWidth <= r.clientWidth") is True
    within_width = "e => e.getBoundingClientRect().right <= document.documentElement.clientWidth"
    assert section.get_by_role("columnheader", name="Eens (4-5)").evaluate(within_width) is True
    assert section.locator(".shared-results-table caption").evaluate(within_width) is True
    expect(page.locator("dt:text-is('Laatste evaluatierapport') + dd")).to_contain_text(
        "Eindmeting 2026"
    )
