"""Report PDFs made by the worker (issue 12.6): the report page offers "PDF maken", a task
builds it (never the request), the page shows its status and offers the download when
ready, and a PDF of figures computed since is not offered as current."""

import io

import pytest
from django.urls import reverse
from pypdf import PdfReader

from evaluations import services
from evaluations.enums import ComputationStatus
from evaluations.models import ReportPdf
from tests.factories import NetworkFactory, make_staff
from tests.factories.evaluations import answer_all, close, make_round

pytestmark = pytest.mark.django_db


@pytest.fixture
def closed(client):
    network = NetworkFactory(name="Ondernemend Leren")
    evaluation = make_round([network], title="Eindmeting 2026")
    answer_all(evaluation, network, [4, 4, 5, 3, 2])  # mean 3,60
    close(evaluation)
    services.compute_round_scores(evaluation.pk)
    client.force_login(make_staff())
    args = [evaluation.pk, network.slug]
    return {
        "round": evaluation,
        "network": network,
        "report": reverse("evaluations:network-report", args=args),
        "pdf": reverse("evaluations:network-report-pdf", args=args),
        "status": reverse("evaluations:network-report-pdf-status", args=args),
    }


def test_report_page_offers_make_pdf_before_any_exists(client, closed):
    page = client.get(closed["report"]).content.decode()
    assert "PDF maken" in page
    assert 'id="pdf-download"' not in page


def test_make_pdf_is_not_built_in_the_request_but_by_the_task(
    client, closed, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        response = client.post(closed["pdf"])
    assert response.url == closed["report"]
    pdf = ReportPdf.objects.get()
    assert (pdf.status, pdf.content) == (ComputationStatus.PENDING, None)
    assert len(callbacks) == 1  # the task, dispatched once the request commits
    # Meanwhile the page says it is being made and asks again every 2 seconds.
    status = client.get(closed["status"]).content.decode()
    assert "De PDF wacht op de verwerking" in status
    assert 'hx-trigger="every 2s"' in status
    waiting = client.get(closed["pdf"])
    assert waiting["Content-Type"].startswith("text/html")
    assert "De PDF wacht op de verwerking" in waiting.content.decode()

    for callback in callbacks:  # the commit publishes the task; the (eager) worker runs it
        callback()
    pdf.refresh_from_db()
    assert pdf.status == ComputationStatus.DONE
    page = client.get(closed["report"]).content.decode()
    assert 'id="pdf-download"' in page
    assert "De PDF is klaar" in page
    download = client.get(closed["pdf"])
    assert download["Content-Type"] == "application/pdf"
    assert "attachment" in download["Content-Disposition"]
    text = " ".join(p.extract_text() for p in PdfReader(io.BytesIO(download.content)).pages)
    assert "Ondernemend Leren" in text
    assert "3,60" in text


def test_asking_twice_while_it_is_made_starts_one_task(
    client, closed, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        client.post(closed["pdf"])
        client.post(closed["pdf"])
    assert ReportPdf.objects.count() == 1
    assert len(callbacks) == 1


def test_pdf_of_figures_computed_since_is_not_offered_as_current(
    client, closed, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        client.post(closed["pdf"])
    services.compute_round_scores(closed["round"].pk)
    page = client.get(closed["report"]).content.decode()
    assert "De cijfers zijn opnieuw berekend sinds de PDF werd gemaakt." in page
    assert 'id="pdf-download"' not in page
    assert client.get(closed["pdf"])["Content-Type"].startswith("text/html")


def test_a_failed_pdf_says_so_and_offers_to_try_again(
    client, closed, django_capture_on_commit_callbacks, monkeypatch
):
    import weasyprint

    def broken(*args, **kwargs):
        raise RuntimeError("geen lettertype")

    monkeypatch.setattr(weasyprint.HTML, "write_pdf", broken)
    with pytest.raises(RuntimeError), django_capture_on_commit_callbacks(execute=True):
        client.post(closed["pdf"])
    pdf = ReportPdf.objects.get()
    assert (pdf.status, pdf.error) == (ComputationStatus.FAILED, "geen lettertype")
    page = client.get(closed["report"]).content.decode()
    assert "Het maken van de PDF is mislukt. Probeer het opnieuw." in page
    assert "PDF maken" in page
