"""Reading uploaded spreadsheets safely: the one place that limits what an upload may cost.

Every upload of the app (member import, ballot import, the `import_ballots` command) is
read through here:

- the file itself is at most `max_bytes` (checked by `leernetwerk.forms.UploadField`);
- an .xlsx file is a zip archive: its unpacked size is added up from the archive's directory
  *before* anything is unpacked, so a 1 MB file that unpacks to hundreds of MB is refused at
  once (a "zip bomb");
- the number of data rows is capped, counted while streaming, so a file with millions of rows
  is refused after reading `max_rows` + 1 of them;
- the list of errors shown is capped (`cap_errors`), so a bad file gives a short page.

Messages are Dutch and meant for the file field of the form."""

from __future__ import annotations

import csv
import datetime
import io
import zipfile
from collections.abc import Iterator

from django.apps import apps
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from openpyxl import load_workbook

from .models import JobStatus, UploadJob

MAX_UPLOAD_BYTES = 2 * 1024 * 1024  # the largest file any upload form accepts
MAX_UNPACKED_BYTES = 20 * 1024 * 1024  # what an .xlsx may unpack to
MAX_ROWS = 5000  # data rows (the header not counted)
MAX_ERRORS_SHOWN = 50


def check_unpacked_size(content: bytes, *, limit: int = MAX_UNPACKED_BYTES) -> None:
    """Refuse an .xlsx (zip) archive whose members together unpack to more than `limit`
    bytes, or that is no zip archive at all. Reads only the archive's directory."""
    try:
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            unpacked = sum(info.file_size for info in archive.infolist())
    except (zipfile.BadZipFile, ValueError) as error:
        raise ValidationError(_("This file cannot be read as CSV or Excel.")) from error
    if unpacked > limit:
        raise ValidationError(
            _(
                "This Excel file unpacks to %(size)s, more than the %(limit)s allowed. "
                "Split it into smaller files."
            )
            % {"size": filesizeformat(unpacked), "limit": filesizeformat(limit)}
        )


def _too_many_rows(limit: int) -> ValidationError:
    return ValidationError(
        ngettext(
            "The file has more than %(limit)s row. Split it into smaller files.",
            "The file has more than %(limit)s rows. Split it into smaller files.",
            limit,
        )
        % {"limit": limit}
    )


def xlsx_rows(content: bytes, *, max_rows: int = MAX_ROWS) -> list[list[str]]:
    """The rows (header first) of the first sheet of an .xlsx file, as text. Refuses an
    archive that unpacks too large before parsing, and more than `max_rows` data rows while
    streaming."""
    check_unpacked_size(content)
    try:
        workbook = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
    except Exception as error:  # noqa: BLE001 - any unreadable workbook gets the same message
        raise ValidationError(_("This file cannot be read as CSV or Excel.")) from error
    try:
        rows = []
        for row in workbook.worksheets[0].iter_rows(values_only=True):
            if len(rows) > max_rows:
                raise _too_many_rows(max_rows)
            rows.append(["" if cell is None else str(cell) for cell in row])
        return rows
    finally:
        workbook.close()


def csv_rows(text: str, *, max_rows: int = MAX_ROWS, delimiter: str = ",") -> list[list[str]]:
    """The rows (header first) of a CSV text; refuses more than `max_rows` data rows."""
    rows: list[list[str]] = []
    reader: Iterator[list[str]] = csv.reader(io.StringIO(text), delimiter=delimiter)
    try:
        for row in reader:
            if len(rows) > max_rows:
                raise _too_many_rows(max_rows)
            rows.append(row)
    except csv.Error as error:
        raise ValidationError(_("This file cannot be read as CSV or Excel.")) from error
    return rows


def check_size(size: int, *, limit: int = MAX_UPLOAD_BYTES) -> None:
    """Refuse a file larger than `limit` bytes (an upload form's field does the same)."""
    if size > limit:
        raise ValidationError(
            _("The file is larger than %(limit)s.") % {"limit": filesizeformat(limit)}
        )


def utf8_csv_rows(content: bytes, *, max_rows: int = MAX_ROWS) -> list[list[str]]:
    """The rows (header first) of a UTF-8 CSV file; refuses other text and too many rows."""
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise ValidationError(_("The file is not UTF-8 text.")) from error
    return csv_rows(text, max_rows=max_rows)


def cap_errors(errors: list, *, limit: int = MAX_ERRORS_SHOWN) -> list:
    """The first `limit` errors, and one line saying how many more there are."""
    if len(errors) <= limit:
        return list(errors)
    rest = len(errors) - limit
    return [
        *errors[:limit],
        ngettext(
            "… and %(count)s more error. Correct these first and check the file again.",
            "… and %(count)s more errors. Correct these first and check the file again.",
            rest,
        )
        % {"count": rest},
    ]


# --- the job of an uploaded file (UploadJob): one lifecycle for every import ------------

PROGRESS_EVERY = 100  # rows between two progress writes


def start_job(job: UploadJob) -> bool:
    """Mark a job's step as running. False (and nothing changed) when the step is no longer
    waiting: a task delivered twice does its work once."""
    claimed = (
        type(job)
        ._default_manager.filter(pk=job.pk, status__in=[JobStatus.QUEUED, JobStatus.RUNNING])
        .update(status=JobStatus.RUNNING, rows_done=0)
    )
    if claimed:
        job.status, job.rows_done = JobStatus.RUNNING, 0
    return bool(claimed)


def report_progress(job: UploadJob, *, done: int, total: int) -> None:
    """Write how far the task is, for the page that refreshes itself."""
    job.rows_done, job.rows_total = done, total
    type(job)._default_manager.filter(pk=job.pk).update(rows_done=done, rows_total=total)


def finish_job(
    job: UploadJob,
    *,
    status: str,
    errors: list | None = None,
    result: dict | None = None,
    keep_content: bool = False,
) -> None:
    """End the job's step: `errors` (as shown: capped with `cap_errors` where they are
    made) or `result`. The file is emptied unless a next step still needs it."""
    job.status = status
    job.errors = [str(e) for e in errors or []]
    job.result = result or {}
    fields = ["status", "errors", "result", "rows_done"]
    if status in (JobStatus.DONE, JobStatus.FAILED):
        job.finished_at = timezone.now()
        fields.append("finished_at")
    if not keep_content:
        job.content = b""
        fields.append("content")
    if status in (JobStatus.CHECKED, JobStatus.DONE) and job.rows_total is not None:
        job.rows_done = job.rows_total
    job.save(update_fields=fields)


JOB_DAYS = 7  # how long an upload's job (the file, its preview, its errors) is kept


def delete_old_jobs(*, days: int = JOB_DAYS) -> int:
    """Delete the jobs of every upload (each concrete UploadJob: member imports, ballot
    imports) made more than `days` ago: their file, preview and errors hold personal data
    that must not outlive the work. Returns how many were deleted; running it twice deletes
    nothing more."""
    cutoff = timezone.now() - datetime.timedelta(days=days)
    deleted = 0
    for model in apps.get_models():
        if issubclass(model, UploadJob):
            count, _per_model = model._default_manager.filter(created_at__lt=cutoff).delete()
            deleted += count
    return deleted
