"""One rounding everywhere (issue 12.6): half away from zero, Dutch decimal comma; the page,
the PDF and the CSV show the same figures."""

import io

import pytest
from django.urls import reverse
from pypdf import PdfReader

from evaluations import numbers, services
from tests.factories import NetworkFactory, make_staff
from tests.factories.evaluations import answer_all, close, make_round


@pytest.mark.parametrize(
    ("value", "digits", "expected"),
    [
        (2.125, 2, "2,13"),  # Python's round() gives 2,12 (half to even)
        (2.345, 2, "2,35"),  # the float is 2.34499..., its decimal form 2,345
        (-0.125, 2, "-0,13"),
        (3.8, 2, "3,80"),
        (0.0, 2, "0,00"),
        (-0.001, 2, "0,00"),
        (4.5, 0, "5"),
    ],
)
def test_decimal_rounds_half_away_from_zero_with_a_comma(value, digits, expected):
    assert numbers.decimal(value, digits) == expected


def test_signed_percent_and_empty():
    assert numbers.signed(0.125) == "+0,13"
    assert numbers.signed(-0.125) == "-0,13"
    assert numbers.signed(0.001) == "0,00"
    assert numbers.percent(0.125) == "13%"  # round(12.5) would give 12
    assert numbers.percent(0.8) == "80%"
    assert numbers.decimal(None) == "—"
    assert numbers.percent(None, empty="") == ""


@pytest.mark.django_db
def test_page_pdf_and_csv_show_the_same_rounded_figures(client, django_capture_on_commit_callbacks):
    network = NetworkFactory()
    evaluation = make_round([network])
    first = [1, 2, 2, 2, 2, 2, 3, 3]  # mean 2,125 -> 2,13
    second = [1, 2, 2, 2, 2, 2, 3, 4]  # 1 of 8 agree: 12,5% -> 13%
    answer_all(evaluation, network, [[a, b, *[3] * 7] for a, b in zip(first, second, strict=True)])
    close(evaluation)
    services.compute_round_scores(evaluation.pk)
    client.force_login(make_staff())
    args = [evaluation.pk, network.slug]
    page = client.get(reverse("evaluations:network-report", args=args)).content.decode()
    csv_text = client.get(reverse("evaluations:network-report-csv", args=args)).content
    csv_text = csv_text.decode("utf-8-sig")
    with django_capture_on_commit_callbacks(execute=True):  # "PDF maken": the worker builds it
        client.post(reverse("evaluations:network-report-pdf", args=args))
    pdf = client.get(reverse("evaluations:network-report-pdf", args=args)).content
    pdf_text = " ".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages)
    items = list(evaluation.items.filter(kind="scale"))
    rows = {line.split(";")[0]: line.split(";") for line in csv_text.splitlines()}
    assert rows[items[0].text][1:4] == ["8", "2,13", "0,64"]
    assert rows[items[1].text][1:3] == ["8", "2,25"]
    assert rows[items[1].text][9] == "13%"
    for figure in ("2,13", "0,64", "2,25", "13%"):
        assert figure in page
        assert figure in pdf_text
