"""Bulk import of network members from CSV or Excel (django-import-export).

All or nothing: every row is checked first and the file is refused as a whole, with a Dutch
message per bad row, when any row is wrong. Row numbers are those of the spreadsheet: row 1
is the header, so the first person is on row 2.

The rows are never read in the web request. The upload view checks what is cheap (size,
type, unpacked size) and calls `start_member_import`, which stores the file as a
`MemberImport` job and enqueues the check; the uploader's job page shows the progress, then
the preview or the errors. Confirming enqueues the import itself."""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass, field

import tablib
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from import_export import fields, resources
from import_export.widgets import ForeignKeyWidget

from leernetwerk import uploads
from leernetwerk.dispatch import enqueue
from leernetwerk.exports import is_formula_like
from leernetwerk.models import JobStatus
from leernetwerk.text import contains_control_characters
from networks.memberships import closed_to_new_members
from networks.models import Membership, Network

from .models import MemberImport, School, User
from .services import add_participant
from .tasks import task_check_member_import, task_import_members, task_send_import_welcome

logger = logging.getLogger(__name__)

COLUMNS = ("email", "first_name", "last_name", "brin")
HEADER_ALIASES = {
    "email": "email",
    "e-mail": "email",
    "e-mailadres": "email",
    "emailadres": "email",
    "mail": "email",
    "first_name": "first_name",
    "voornaam": "first_name",
    "last_name": "last_name",
    "achternaam": "last_name",
    "brin": "brin",
    "brin_code": "brin",
    "brin-code": "brin",
    "brincode": "brin",
    "school": "brin",
}


class MemberResource(resources.ModelResource):
    """People by e-mail address; existing people keep their own profile untouched."""

    school = fields.Field(
        attribute="school", column_name="brin", widget=ForeignKeyWidget(School, "brin_code")
    )

    class Meta:
        model = User
        fields = ("email", "first_name", "last_name", "school")
        import_id_fields = ("email",)
        skip_unchanged = False
        use_bulk = False

    def skip_row(self, instance, original, row, import_validation_errors=None):
        return bool(original is not None and original.pk)

    def before_save_instance(self, instance, row, **kwargs):
        if instance.pk is None:
            # No password: the person sets their own through the mailed link. (Hashing a
            # random one took about a second per row, so a full file outran the task.)
            instance.set_unusable_password()


@dataclass
class ImportCheck:
    """The outcome of checking a file: rows to import or errors; never both."""

    rows: list[dict] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors and bool(self.rows)

    @property
    def has_formula_like_names(self) -> bool:
        return any(row["neutralised_on_export"] for row in self.rows)


def read_file(content: bytes, extension: str) -> tablib.Dataset:
    """Parse CSV or XLSX bytes into a dataset with our column names. Raises ValidationError
    (Dutch, for the file field) for a file that is unreadable, unpacks too large or has too
    many rows (leernetwerk.uploads)."""
    if extension == "xlsx":
        rows = uploads.xlsx_rows(content)
    else:
        try:
            text = content.decode("utf-8-sig")
        except UnicodeDecodeError:
            text = content.decode("cp1252", errors="replace")  # what Excel on Windows writes
        # Accept semicolons, which Dutch Excel writes in CSV files.
        first_line = text.splitlines()[0] if text.strip() else ""
        delimiter = ";" if first_line.count(";") > first_line.count(",") else ","
        rows = uploads.csv_rows(text, delimiter=delimiter)
    header, body = (rows[0], rows[1:]) if rows else ([], [])
    headers = [HEADER_ALIASES.get(str(h or "").strip().lower(), "") for h in header]
    data = tablib.Dataset(headers=list(COLUMNS))
    for row in body:
        values = dict(zip(headers, row, strict=False))
        data.append([str(values.get(col) or "").strip() for col in COLUMNS])
    data.missing_columns = [c for c in ("email", "first_name", "last_name") if c not in headers]
    return data


def _text_problems(row: dict) -> list[str]:
    """What the columns cannot hold: a line break or control character, or too many
    characters for the column (the limits of the User model)."""
    problems = []
    labels = {
        "email": _("the e-mail address"),
        "first_name": _("the first name"),
        "last_name": _("the last name"),
        "brin": _("the BRIN code"),
    }
    for column, label in labels.items():
        value = row[column]
        if contains_control_characters(value):
            problems.append(
                _("%(column)s contains a line break or a control character") % {"column": label}
            )
        model_field = School._meta.get_field("brin_code") if column == "brin" else None
        limit = (model_field or User._meta.get_field(column)).max_length
        if len(value) > limit:
            problems.append(
                _("%(column)s is longer than %(limit)s characters")
                % {"column": label, "limit": limit}
            )
    return problems


def check_rows(
    network: Network,
    data: tablib.Dataset,
    *,
    on_progress: Callable[[int, int], None] | None = None,
) -> ImportCheck:
    """Check every row; the messages name the spreadsheet row and the problem in Dutch.
    `on_progress(done, total)` is told how far the check is, every few rows."""

    check = ImportCheck()
    reason = closed_to_new_members(network)
    if reason:
        check.errors.append(reason)
        return check
    missing = getattr(data, "missing_columns", [])
    if missing:
        check.errors.append(
            _("The file lacks the column(s) %(columns)s. Use: email, first_name, last_name, brin.")
            % {"columns": ", ".join(missing)}
        )
        return check
    if not len(data):
        check.errors.append(_("The file contains no rows."))
        return check
    # Only values the database can compare (a NUL byte is refused per row below).
    brins = {b.upper() for b in data["brin"] if b and not contains_control_characters(b)}
    known_brins = set(
        School.objects.filter(brin_code__in=brins, is_approved=True).values_list(
            "brin_code", flat=True
        )
    )
    emails = [e.lower() for e in data["email"] if not contains_control_characters(e)]
    members = set(
        Membership.objects.current()
        .filter(network=network, person__email__in=[e for e in emails if e])
        .values_list("person__email", flat=True)
    )
    first_seen: dict[str, int] = {}
    for index, row in enumerate(data.dict, start=2):
        if on_progress and (index - 2) % uploads.PROGRESS_EVERY == 0:
            on_progress(index - 2, len(data))
        email = row["email"].lower()
        problems = _text_problems(row)
        if problems:
            check.errors.append(
                _("Row %(row)s: %(problems)s.") % {"row": index, "problems": "; ".join(problems)}
            )
            continue
        if not row["first_name"] or not row["last_name"]:
            problems.append(_("the name is empty"))
        if not email:
            problems.append(_("the e-mail address is empty"))
        else:
            try:
                validate_email(email)
            except ValidationError:
                problems.append(_("“%(email)s” is not a valid e-mail address") % {"email": email})
            else:
                if email in first_seen:
                    problems.append(
                        _("the address %(email)s is repeated (also on row %(row)s)")
                        % {"email": email, "row": first_seen[email]}
                    )
                else:
                    first_seen[email] = index
                if email in members:
                    problems.append(
                        _("%(email)s is already a member of this network") % {"email": email}
                    )
        if row["brin"] and row["brin"].upper() not in known_brins:
            problems.append(_("unknown school (BRIN %(brin)s)") % {"brin": row["brin"]})
        if problems:
            check.errors.append(
                _("Row %(row)s: %(problems)s.") % {"row": index, "problems": "; ".join(problems)}
            )
        else:
            check.rows.append(
                {
                    "row": index,
                    "email": email,
                    "first_name": row["first_name"],
                    "last_name": row["last_name"],
                    "brin": row["brin"].upper(),
                    "neutralised_on_export": is_formula_like(row["first_name"])
                    or is_formula_like(row["last_name"]),
                }
            )
    if check.errors:
        check.rows = []
        check.errors = uploads.cap_errors(check.errors)
    else:
        existing = set(User.objects.filter(email__in=emails).values_list("email", flat=True))
        for row in check.rows:
            row["existing"] = row["email"] in existing
    return check


def _resource_dataset(rows: list[dict]) -> tablib.Dataset:
    data = tablib.Dataset(headers=["email", "first_name", "last_name", "brin"])
    for row in rows:
        data.append([row["email"], row["first_name"], row["last_name"], row["brin"] or None])
    return data


@transaction.atomic
def import_members(network: Network, data: tablib.Dataset, *, by: User) -> int:
    """Import every row or none: people are created through the resource, then each becomes
    a participant. Raises ValidationError (and writes nothing) when any row is wrong."""

    check = check_rows(network, data)
    if not check.ok:
        raise ValidationError(check.errors or [_("The file contains no rows.")])
    emails = [row["email"] for row in check.rows]
    had_account = set(User.objects.filter(email__in=emails).values_list("email", flat=True))
    result = MemberResource().import_data(
        _resource_dataset(check.rows), dry_run=False, raise_errors=True, use_transactions=True
    )
    if result.has_errors() or result.has_validation_errors():
        raise ValidationError(_("The import failed; nothing was imported."))
    people = {u.email: u for u in User.objects.filter(email__in=emails)}
    for row in check.rows:
        person = people[row["email"]]
        add_participant(network, person)
        # After the commit, so a failed import mails nobody.
        enqueue(
            task_send_import_welcome,
            network_id=network.pk,
            person_id=person.pk,
            new_account=person.email not in had_account,
        )
    return len(check.rows)


# --- the job: checked and imported in the background ------------------------------------


def start_member_import(
    network: Network, *, file_name: str, extension: str, content: bytes, by: User
) -> MemberImport:
    """Store an uploaded member file as a job and enqueue its check. The caller (the upload
    form) has checked its size, type and unpacked size; nothing else is read here."""
    job = MemberImport.objects.create(
        network=network,
        uploaded_by=by,
        file_name=file_name[:255],
        extension=extension,
        content=content,
    )
    enqueue(task_check_member_import, job_id=job.pk)
    return job


def _read(job: MemberImport) -> tablib.Dataset:
    try:
        return read_file(bytes(job.content), job.extension)
    except ValidationError:
        raise
    except Exception as error:  # noqa: BLE001 - any unreadable file gets the same message
        raise ValidationError(_("This file cannot be read as CSV or Excel.")) from error


def check_member_import(job: MemberImport) -> None:
    """The task's work: read the file with the limits of leernetwerk.uploads, check every
    row (writing the progress) and end as CHECKED with the preview rows, or FAILED with the
    errors. Writes nothing but the job; running it twice does it once."""
    if job.confirmed_at is not None or not uploads.start_job(job):
        return
    try:
        data = _read(job)
        check = check_rows(
            job.network,
            data,
            on_progress=lambda done, total: uploads.report_progress(job, done=done, total=total),
        )
    except ValidationError as error:
        uploads.finish_job(job, status=JobStatus.FAILED, errors=error.messages)
        return
    uploads.report_progress(job, done=len(data), total=len(data))
    if check.ok:
        uploads.finish_job(
            job, status=JobStatus.CHECKED, result={"rows": check.rows}, keep_content=True
        )
    else:
        uploads.finish_job(
            job, status=JobStatus.FAILED, errors=check.errors or [_("The file contains no rows.")]
        )


def confirm_member_import(job: MemberImport, *, by: User) -> MemberImport:
    """The uploader confirms the preview: enqueue the import. Refused (ValidationError) unless
    the check ended with a preview that has not been confirmed yet."""
    with transaction.atomic():
        job = MemberImport.objects.select_for_update().get(pk=job.pk)
        if job.status != JobStatus.CHECKED or job.confirmed_at is not None:
            raise ValidationError(_("Upload the file again, please."))
        job.confirmed_at = timezone.now()
        job.status = JobStatus.QUEUED
        job.rows_done = 0
        job.save(update_fields=["confirmed_at", "status", "rows_done"])
        enqueue(task_import_members, job_id=job.pk)
    return job


def run_member_import(job: MemberImport) -> None:
    """The task's work after confirmation: check the file again and import every row or
    none (`import_members`), ending DONE with the count or FAILED with the errors, in the
    same transaction as the rows. Running it twice imports once."""
    if job.confirmed_at is None or not uploads.start_job(job):
        return
    try:
        with transaction.atomic():
            count = import_members(job.network, _read(job), by=job.uploaded_by)
            uploads.finish_job(job, status=JobStatus.DONE, result={"imported": count})
    except ValidationError as error:
        uploads.finish_job(job, status=JobStatus.FAILED, errors=error.messages)
    except Exception:
        logger.exception("member import %s failed", job.pk)
        uploads.finish_job(
            job, status=JobStatus.FAILED, errors=[_("The import failed; nothing was imported.")]
        )


IMPORT_JOB_DAYS = uploads.JOB_DAYS  # how long an upload's job is kept


def delete_old_member_imports() -> int:
    """Delete the upload jobs made more than IMPORT_JOB_DAYS ago, member imports and the
    other uploads' jobs (ballot imports) alike (`uploads.delete_old_jobs`): their file,
    preview and errors hold names and addresses that must not outlive the work. Returns how
    many were deleted; running it twice deletes nothing more. Called by the daily beat task."""
    return uploads.delete_old_jobs(days=IMPORT_JOB_DAYS)
