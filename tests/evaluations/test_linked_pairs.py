"""The change per person of a linked round (issue 12.3): hand-computed for five pairs,
withheld below five pairs or where it would reveal a small network, in the HTML, CSV and PDF
report, and a nulmeting answered before linking existed (no pseudonyms, the report says why)."""

import math

import pytest
from django.urls import reverse

from evaluations import services
from evaluations.enums import PairedWithheld, RoundKind
from evaluations.models import Invitation, Response
from tests.evaluations.linked_helpers import (
    PAIRS,
    _answer,
    _compute,
    _first_scale_score,
    _linked_pair,
    _network,
)
from tests.factories import make_staff
from tests.factories.evaluations import make_round

pytestmark = pytest.mark.django_db


# mean 1,2; variance 2,8 / 4 = 0,7; t(0,975; 4) = 2,776445; half width 1,038846
HALF_WIDTH = 2.776445 * math.sqrt(0.7 / 5)


def test_paired_change_hand_computed_for_five_pairs():
    network, people = _network(5)
    baseline, follow_up = _linked_pair([network])
    for person, (before, now) in zip(people, PAIRS, strict=True):
        _answer(baseline, network, person, before)
        _answer(follow_up, network, person, now)
    _compute(baseline, follow_up)
    for view in (network, None):  # the network's report and the overall one
        score = _first_scale_score(follow_up, view)
        assert score.paired_n == 5
        assert score.paired_withheld == ""
        assert score.paired_change == pytest.approx(1.2)
        assert score.paired_ci_low == pytest.approx(1.2 - HALF_WIDTH, abs=1e-3)
        assert score.paired_ci_high == pytest.approx(1.2 + HALF_WIDTH, abs=1e-3)
        assert score.paired_effect_size == pytest.approx(1.2 / math.sqrt(0.7))
    # The group comparison stays: baseline mean 14 / 5 = 2,8, now 20 / 5 = 4,0.
    assert _first_scale_score(follow_up, network).change == pytest.approx(1.2)


def test_paired_change_of_four_pairs_is_not_shown_but_the_group_figures_are(client):
    network, people = _network(5)
    baseline, follow_up = _linked_pair([network])
    for person, (before, now) in zip(people, PAIRS, strict=True):
        if person != people[-1]:  # she skipped the nulmeting: 4 pairs
            _answer(baseline, network, person, before)
        _answer(follow_up, network, person, now)
    _compute(baseline, follow_up)
    score = _first_scale_score(follow_up, network)
    assert (score.paired_n, score.paired_change, score.paired_withheld) == (
        None,
        None,
        PairedWithheld.FEW_PAIRS,
    )
    assert score.n == 5
    assert score.mean == pytest.approx(4.0)
    client.force_login(make_staff())
    page = client.get(
        reverse("evaluations:network-report", args=[follow_up.pk, network.slug])
    ).content.decode()
    assert "Verandering per persoon" in page
    assert "niet getoond: minder dan 5 personen beantwoordden beide rondes" in page


def test_report_shows_the_paired_change_in_html_csv_and_pdf(client):
    network, people = _network(5)
    baseline, follow_up = _linked_pair([network])
    for person, (before, now) in zip(people, PAIRS, strict=True):
        _answer(baseline, network, person, before)
        _answer(follow_up, network, person, now)
    _compute(baseline, follow_up)
    client.force_login(make_staff())
    page = client.get(reverse("evaluations:report", args=[follow_up.pk])).content.decode()
    first_item = _first_scale_score(follow_up).item.text
    # 1,2 - 1,0388 = 0,161; 1,2 + 1,0388 = 2,239; d_z = 1,2 / 0,8367 = 1,434
    row = page[page.index('id="paired-table"') :]
    row = row[row.index(first_item) :]
    row = row[: row.index("</tr>")]
    for expected in ("<td>5</td>", "+1,20", "+0,16 tot +2,24", "+1,43"):
        assert expected in row
    csv = client.get(reverse("evaluations:report-csv", args=[follow_up.pk])).content.decode(
        "utf-8-sig"
    )
    header, first = csv.splitlines()[:2]
    assert header.split(";")[-5:] == [
        "Paren",
        "Gemiddelde verandering per persoon",
        "95%-betrouwbaarheidsinterval, ondergrens",
        "95%-betrouwbaarheidsinterval, bovengrens",
        "Gepaarde effectgrootte (d_z)",
    ]
    assert first.split(";")[-5:] == ["5", "1,20", "0,16", "2,24", "1,43"]
    # and the PDF the worker makes
    import io

    from pypdf import PdfReader

    follow_up.refresh_from_db()
    pdf = services.request_report_pdf(follow_up, None, by=None, language="nl")
    services.build_report_pdf(pdf.pk)
    download = client.get(reverse("evaluations:report-pdf", args=[follow_up.pk])).content
    text = " ".join(p.extract_text() for p in PdfReader(io.BytesIO(download)).pages)
    assert "Verandering per persoon" in text
    for figure in ("+1,20", "+0,16", "+2,24", "+1,43"):
        assert figure in text


def test_overall_paired_change_withheld_when_it_would_reveal_a_small_network():
    big, big_people = _network(5)
    small, small_people = _network(3)
    baseline, follow_up = _linked_pair([big, small])
    for network, people in ((big, big_people), (small, small_people)):
        for person, (before, now) in zip(people, PAIRS, strict=False):
            _answer(baseline, network, person, before)
            _answer(follow_up, network, person, now)
    _compute(baseline, follow_up)
    assert _first_scale_score(follow_up, big).paired_n == 5
    assert _first_scale_score(follow_up, small).paired_withheld == PairedWithheld.FEW_PAIRS
    # 8 pairs overall minus the 5 shown = the 3 of the small network: not shown.
    overall = _first_scale_score(follow_up)
    assert (overall.paired_n, overall.paired_withheld) == (None, PairedWithheld.DERIVABLE)


def test_round_not_linked_keeps_no_pseudonym_and_shows_no_paired_change():
    network, people = _network(5)
    follow_up = make_round([network], kind=RoundKind.INTERIM)
    for person in people:
        _answer(follow_up, network, person, 4)
    _compute(follow_up)
    assert list(Response.objects.values_list("pseudonym", flat=True)) == [None] * 5
    score = _first_scale_score(follow_up, network)
    assert (score.paired_n, score.paired_withheld) == (None, "")


def test_link_used_again_changes_the_one_response_and_the_one_pair():
    network, people = _network(5)
    baseline, follow_up = _linked_pair([network])
    for person, (before, now) in zip(people, PAIRS, strict=True):
        _answer(baseline, network, person, before)
        _answer(follow_up, network, person, now)
    # The first person changes her follow-up answer from 4 to 5 through the same link.
    invitation = Invitation.objects.get(round=follow_up, person=people[0])
    answers = {item.pk: 5 for item in follow_up.items.all() if item.is_scale}
    services.save_response(invitation.token, answers=answers, version=1)
    assert Response.objects.filter(round=follow_up).count() == 5
    _compute(baseline, follow_up)
    score = _first_scale_score(follow_up, network)
    # differences 2, 2, 0, 2, 1: still 5 pairs, mean 7 / 5
    assert score.paired_n == 5
    assert score.paired_change == pytest.approx(1.4)


def _answered_before_linking_existed(baseline) -> None:
    """The state of a nulmeting answered before linked rounds existed: its responses carry
    no pseudonym (and hold no person, so none can be given afterwards)."""
    Response.objects.filter(round=baseline).update(pseudonym=None)


def test_a_nulmeting_answered_before_linking_gives_no_pairs_and_the_report_says_why(client):
    old, old_people = _network(5)
    new, new_people = _network(5)
    baseline, follow_up = _linked_pair([old, new])
    for person, (before, _) in zip(old_people, PAIRS, strict=True):
        _answer(baseline, old, person, before)
    _answered_before_linking_existed(baseline)
    for person, (before, _) in zip(new_people, PAIRS, strict=True):
        _answer(baseline, new, person, before)
    for network, people in ((old, old_people), (new, new_people)):
        for person, (_, now) in zip(people, PAIRS, strict=True):
            _answer(follow_up, network, person, now)
    _compute(baseline, follow_up)

    score = _first_scale_score(follow_up, old)
    assert (score.paired_n, score.paired_change, score.paired_withheld) == (
        None,
        None,
        PairedWithheld.NO_PSEUDONYMS,
    )
    assert score.baseline_n == 5  # the group comparison with the nulmeting stays
    assert _first_scale_score(follow_up, new).paired_n == 5
    assert _first_scale_score(follow_up).paired_n == 5  # overall: the new network's pairs

    client.force_login(make_staff())
    page = client.get(
        reverse("evaluations:network-report", args=[follow_up.pk, old.slug])
    ).content.decode()
    assert (
        "niet getoond: de antwoorden op de nulmeting zijn gegeven voordat rondes gekoppeld "
        "konden worden; ze zijn anoniem en dragen geen pseudoniem, dus ze kunnen niet worden "
        "gekoppeld"
    ) in page
    assert (
        "De antwoorden op de nulmeting “Nulmeting” zijn gegeven voordat rondes aan een "
        "nulmeting gekoppeld konden worden. Ze zijn anoniem: ze dragen geen pseudoniem en "
        "niets verbindt ze met een persoon, dus ze kunnen achteraf niet worden gekoppeld."
    ) in page
    page = client.get(
        reverse("evaluations:network-report", args=[follow_up.pk, new.slug])
    ).content.decode()
    assert 'id="paired-anonymous"' not in page


def test_overall_says_why_when_no_network_answered_the_nulmeting_with_pseudonyms():
    network, people = _network(5)
    baseline, follow_up = _linked_pair([network])
    for person, (before, now) in zip(people, PAIRS, strict=True):
        _answer(baseline, network, person, before)
        _answer(follow_up, network, person, now)
    _answered_before_linking_existed(baseline)
    _compute(baseline, follow_up)
    overall = _first_scale_score(follow_up)
    assert (overall.paired_n, overall.paired_withheld) == (None, PairedWithheld.NO_PSEUDONYMS)
