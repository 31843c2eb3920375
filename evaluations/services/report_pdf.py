"""Report PDFs made by the worker (issue 12.6): requested from the report page, built by a
Celery task from the stored scores, offered for download when ready."""

from __future__ import annotations

from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation

from leernetwerk.dispatch import enqueue
from networks.models import Network
from participants.models import User

from ..enums import ComputationStatus
from ..models import EvaluationRound, ReportPdf
from ..reporting import report_context
from ..tasks import task_build_report_pdf


@transaction.atomic
def request_report_pdf(
    evaluation: EvaluationRound, network: Network, *, by: User, language: str
) -> ReportPdf:
    """Have the worker (re)build the PDF of the round's report for the network (overall with
    None) in `language`. Whoever may read that report may call it (checked by the caller).
    While one is being made, asking again starts nothing new; otherwise the row goes back to
    pending and the task is dispatched after commit. Returns the row the page shows."""
    pdf, _created = ReportPdf.objects.select_for_update().get_or_create(
        round=evaluation,
        network=network,
        language=language,
        defaults={"requested_at": timezone.now()},
    )
    if not _created and pdf.is_busy:
        return pdf
    pdf.status = ComputationStatus.PENDING
    pdf.error = ""
    pdf.requested_at = timezone.now()
    pdf.save(update_fields=["status", "error", "requested_at"])
    enqueue(task_build_report_pdf, pdf_id=pdf.pk)
    return pdf


def build_report_pdf(pdf_id: int) -> None:
    """Render the report and store its PDF with the version of the scores it shows. Marks the
    row running, then done (or failed, with the error). Running it again for the same scores does nothing.
    Called by the Celery task."""
    from weasyprint import HTML  # noqa: PLC0415 - start-up cost: WeasyPrint loads only when a PDF is made

    pdf = ReportPdf.objects.select_related("round", "round__baseline_round", "network").get(
        pk=pdf_id
    )
    if pdf.status == ComputationStatus.DONE and pdf.scores_version == pdf.round.scores_computed_at:
        return  # a second delivery of the task: the PDF of these scores exists already
    ReportPdf.objects.filter(pk=pdf_id).update(status=ComputationStatus.RUNNING, error="")
    try:
        with translation.override(pdf.language):
            html = render_to_string(
                "evaluations/report_pdf.html", report_context(pdf.round, pdf.network)
            )
            content = HTML(string=html).write_pdf()
    except Exception as error:
        ReportPdf.objects.filter(pk=pdf_id).update(
            status=ComputationStatus.FAILED, error=str(error)[:2000]
        )
        raise
    ReportPdf.objects.filter(pk=pdf_id).update(
        status=ComputationStatus.DONE,
        content=content,
        built_at=timezone.now(),
        scores_version=pdf.round.scores_computed_at,
    )
