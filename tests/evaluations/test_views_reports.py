"""Report pages: a network's figures, chart and open answers without names, the
small-group rule, the PDF and CSV exports, the overall report, the response rate."""

import pytest
from django.urls import reverse

from evaluations import services
from evaluations.models import Invitation
from tests.evaluations.views_helpers import _urls
from tests.factories import NetworkFactory, make_staff
from tests.factories.evaluations import answer_all, close, make_round

pytestmark = pytest.mark.django_db


def test_network_report_shows_figures_chart_and_open_answers_without_names(client, world):
    client.force_login(world["facilitator"])
    content = client.get(_urls(world)["network-report"]).content.decode()
    assert "<svg" in content and "<title" in content
    assert "Verdeling van de antwoorden per vraag" in content
    # right_topics answers 4,5,3,4,4: mean 4,00; 4 of 5 agree
    assert "In het netwerk worden de juiste onderwerpen besproken." in content
    assert "4,00" in content and "80%" in content
    assert "De sfeer is open en veilig." in content
    for member in Invitation.objects.filter(round=world["round"]).select_related("person"):
        assert member.person.last_name not in content
        assert member.person.email not in content


def test_report_withholds_below_five(client):
    network = NetworkFactory()
    evaluation = make_round([network])
    answer_all(evaluation, network, [5, 5, 5, 5], comments=["Geheim commentaar"])
    close(evaluation)
    services.compute_round_scores(evaluation.pk)
    client.force_login(make_staff())
    content = client.get(
        reverse("evaluations:network-report", args=[evaluation.pk, network.slug])
    ).content.decode()
    assert "Deze uitkomsten worden niet getoond" in content
    assert "Geheim commentaar" not in content
    assert "<svg" not in content
    csv_text = client.get(
        reverse("evaluations:network-report-csv", args=[evaluation.pk, network.slug])
    ).content.decode()
    assert "minder dan 5" in csv_text
    assert "5,00" not in csv_text


def test_pdf_and_csv_exports(client, world, django_capture_on_commit_callbacks):
    client.force_login(world["staff"])
    urls = _urls(world)
    with django_capture_on_commit_callbacks(execute=True):  # "PDF maken": the worker builds it
        client.post(urls["network-report-pdf"])
    pdf = client.get(urls["network-report-pdf"])
    assert pdf["Content-Type"] == "application/pdf"
    assert pdf.content.startswith(b"%PDF")
    assert "attachment" in pdf["Content-Disposition"]
    csv_text = client.get(urls["network-report-csv"]).content.decode("utf-8-sig")
    assert csv_text.splitlines()[0].startswith("Vraag;Respondenten;Gemiddelde")
    assert "In het netwerk worden de juiste onderwerpen besproken.;5;4,00" in csv_text


def test_round_page_shows_rate_but_never_who(client, world):
    client.force_login(world["staff"])
    content = client.get(_urls(world)["round-detail"]).content.decode()
    assert "100%" in content
    for invitation in Invitation.objects.filter(round=world["round"]).select_related("person"):
        assert invitation.person.email not in content
        assert invitation.person.last_name not in content


def test_overall_report_shows_combined_figures_and_links_per_network(client):
    a = NetworkFactory(name="Netwerk A")
    b = NetworkFactory(name="Netwerk B")
    evaluation = make_round([a, b])
    answer_all(evaluation, a, [4] * 5)
    answer_all(evaluation, b, [2] * 5)
    close(evaluation)
    services.compute_round_scores(evaluation.pk)
    client.force_login(make_staff())
    content = client.get(reverse("evaluations:report", args=[evaluation.pk])).content.decode()
    assert "alle netwerken" in content
    assert "3,00" in content  # (5 x 4 + 5 x 2) / 10
    assert reverse("evaluations:network-report", args=[evaluation.pk, a.slug]) in content
    assert reverse("evaluations:network-report", args=[evaluation.pk, b.slug]) in content


def test_overall_report_withheld_in_the_subtraction_case(client):
    big = NetworkFactory()
    small = NetworkFactory()
    evaluation = make_round([big, small])
    answer_all(evaluation, big, [4] * 6, comments=[f"Groot netwerk {i}" for i in range(5)])
    answer_all(evaluation, small, [1] * 2, comments=["Klein netwerk"])
    close(evaluation)
    services.compute_round_scores(evaluation.pk)
    client.force_login(make_staff())
    overall = client.get(reverse("evaluations:report", args=[evaluation.pk])).content.decode()
    assert "Deze uitkomsten worden niet getoond" in overall
    assert "Klein netwerk" not in overall
    shown = client.get(
        reverse("evaluations:network-report", args=[evaluation.pk, big.slug])
    ).content.decode()
    assert "Groot netwerk 4" in shown
    assert "Klein netwerk" not in shown
    csv_text = client.get(reverse("evaluations:report-csv", args=[evaluation.pk])).content.decode()
    assert "1,00" not in csv_text and "minder dan 5" in csv_text


def test_live_response_rate_partial_polls_while_open(client, world):
    evaluation = make_round([world["network"]])
    client.force_login(world["staff"])
    content = client.get(reverse("evaluations:round-rate", args=[evaluation.pk])).content.decode()
    assert 'hx-trigger="every 15s"' in content
    assert "<html" not in content
    assert "0%" in content
