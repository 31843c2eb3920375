"""The report page as the tester met it (issue 12, second walk): the PDF's state is shown one
at a time; the CSV carries the same response lines (invited, answered, rate per network) as
the HTML report."""

import re

import pytest
from django.urls import reverse

from evaluations import services
from tests.factories import NetworkFactory, make_member, make_staff
from tests.factories.evaluations import answer_all, close, make_round

pytestmark = pytest.mark.django_db


@pytest.fixture
def closed(client):
    north = NetworkFactory(name="Ondernemend Leren")
    south = NetworkFactory(name="Vrouwelijk Leiderschap")
    for _ in range(8):  # eight invited in the north, three never answer
        make_member(north)
    evaluation = make_round([north, south], title="Eindmeting 2026")
    answer_all(evaluation, north, [4, 4, 5, 3, 2])  # 5 of 8 invited
    answer_all(evaluation, south, [4, 4, 4, 4, 4, 4])  # 6 of 6
    close(evaluation)
    services.compute_round_scores(evaluation.pk)
    client.force_login(make_staff())
    return {"round": evaluation, "north": north, "south": south}


def test_a_pdf_ready_at_once_shows_only_that_it_is_ready(
    client, closed, django_capture_on_commit_callbacks
):
    args = [closed["round"].pk, closed["north"].slug]
    with django_capture_on_commit_callbacks(execute=True):  # the worker makes it at once
        client.post(reverse("evaluations:network-report-pdf", args=args))
    # the report page she is sent back to
    page = client.get(reverse("evaluations:network-report", args=args)).content.decode()
    assert "De PDF is klaar" in page
    assert "De PDF wordt gemaakt" not in page
    assert "De PDF wacht op de verwerking" not in page
    assert ">PDF downloaden<" in page
    assert "Pdf downloaden" not in page


def _csv_rows(client, url) -> dict[str, list[str]]:
    text = client.get(url).content.decode("utf-8-sig")
    return {line.split(";")[0]: line.split(";") for line in text.splitlines() if line}


def _html_cells(page: str, name: str) -> list[str]:
    row = re.search(rf"<tr>\s*<th scope=\"row\"><a [^>]*>{name}</a></th>(.*?)</tr>", page, re.S)
    return [cell.strip() for cell in re.findall(r"<td>(.*?)</td>", row.group(1))]


def test_the_overall_csv_carries_the_response_per_network_as_the_page_does(client, closed):
    pk = closed["round"].pk
    page = client.get(reverse("evaluations:report", args=[pk])).content.decode()
    rows = _csv_rows(client, reverse("evaluations:report-csv", args=[pk]))
    assert rows["Netwerk"] == ["Netwerk", "Uitgenodigd", "Ingevuld", "Respons"]
    assert rows["Ondernemend Leren"] == ["Ondernemend Leren", "8", "5", "63%"]
    assert rows["Vrouwelijk Leiderschap"] == ["Vrouwelijk Leiderschap", "6", "6", "100%"]
    assert rows["Totaal"] == ["Totaal", "14", "11", "79%"]
    assert _html_cells(page, "Ondernemend Leren") == ["8", "5", "63%"]
    assert _html_cells(page, "Vrouwelijk Leiderschap") == ["6", "6", "100%"]


def test_a_networks_csv_carries_its_own_response_line(client, closed):
    args = [closed["round"].pk, closed["north"].slug]
    page = " ".join(
        client.get(reverse("evaluations:network-report", args=args)).content.decode().split()
    )
    rows = _csv_rows(client, reverse("evaluations:network-report-csv", args=args))
    assert rows["Ondernemend Leren"] == ["Ondernemend Leren", "8", "5", "63%"]
    assert "Vrouwelijk Leiderschap" not in rows
    assert '<dd class="col-sm-8">8</dd>' in page
    assert '<dd class="col-sm-8">63%</dd>' in page
