"""The ballot upload as a background job (leernetwerk.uploads): the upload view stores the
file, a task reads and imports it all or nothing, the uploader's page shows how far it is."""

from __future__ import annotations

import logging

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from leernetwerk import uploads
from leernetwerk.dispatch import enqueue
from leernetwerk.models import JobStatus
from participants.models import User

from ..models import BallotImport, RankingSurvey
from ..ranking import BallotFileError
from ..tasks import task_import_ballot_file
from .ranking import check_ballot_rows, import_ballots

logger = logging.getLogger(__name__)


def start_ballot_import(
    survey: RankingSurvey, *, file_name: str, content: bytes, by: User
) -> BallotImport:
    """Store an uploaded ballot file as a job and enqueue its import. The upload form has
    checked size and type; the rows are read by the task."""
    job = BallotImport.objects.create(
        survey=survey,
        uploaded_by=by,
        file_name=file_name[:255],
        extension="csv",
        content=content,
    )
    enqueue(task_import_ballot_file, job_id=job.pk)
    return job


def _refusal(error: BallotFileError) -> list[str]:
    lines = [
        _("line %(line)s: %(message)s") % {"line": line, "message": message} if line else message
        for line, message in error.errors
    ]
    return [_("The file was refused; nothing has been stored."), *uploads.cap_errors(lines)]


def run_ballot_import(job: BallotImport) -> None:
    """The task's work, in two passes. The check pass reads every row outside any write
    transaction and writes the job's progress every `uploads.PROGRESS_EVERY` rows, each
    committed at once, so the uploader's page (polled) sees it move. The write pass then
    checks again and stores every ballot in one transaction with the job's end (DONE with
    the count); any error ends the job FAILED with the errors (line numbers) and nothing
    stored. Running it twice imports once."""
    if not uploads.start_job(job):
        return
    try:
        rows = uploads.utf8_csv_rows(bytes(job.content))
        total = max(len(rows) - 1, 0)
        uploads.report_progress(job, done=0, total=total)
        check_ballot_rows(
            survey_name=job.survey.name,
            rows=rows,
            create=False,
            on_progress=lambda done: uploads.report_progress(job, done=done, total=total),
        )
        uploads.report_progress(job, done=total, total=total)
        with transaction.atomic():
            _survey, count = import_ballots(
                survey_name=job.survey.name, rows=rows, create=False, by=job.uploaded_by
            )
            uploads.finish_job(job, status=JobStatus.DONE, result={"imported": count})
    except BallotFileError as error:
        uploads.finish_job(job, status=JobStatus.FAILED, errors=_refusal(error))
    except ValidationError as error:
        uploads.finish_job(job, status=JobStatus.FAILED, errors=error.messages)
    except Exception:
        logger.exception("ballot import %s failed", job.pk)
        uploads.finish_job(
            job, status=JobStatus.FAILED, errors=[_("The import failed; nothing was imported.")]
        )
