"""Bulk import of network members from CSV or Excel (django-import-export).

All or nothing: every row is checked first and the file is refused as a whole, with a Dutch
message per bad row, when any row is wrong. Row numbers are those of the spreadsheet: row 1
is the header, so the first person is on row 2."""

from __future__ import annotations

import secrets
from dataclasses import dataclass, field

import tablib
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.utils.translation import gettext as _
from import_export import fields, resources
from import_export.formats import base_formats
from import_export.widgets import ForeignKeyWidget

from leernetwerk.dispatch import enqueue
from networks.memberships import closed_to_new_members
from networks.models import Membership, Network

from .models import School, User
from .services import add_participant
from .tasks import task_send_import_welcome

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
FORMATS = {"csv": base_formats.CSV, "xlsx": base_formats.XLSX}


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
            # A random password: the person sets their own through "forgot password".
            instance.set_password(secrets.token_urlsafe(32))


@dataclass
class ImportCheck:
    """The outcome of checking a file: rows to import or errors; never both."""

    rows: list[dict] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors and bool(self.rows)


def read_file(content: bytes, extension: str) -> tablib.Dataset:
    """Parse CSV or XLSX bytes into a dataset with our column names."""
    fmt = FORMATS[extension]()
    if not fmt.is_binary():
        try:
            content = content.decode("utf-8-sig")
        except UnicodeDecodeError:
            content = content.decode("cp1252")  # what Excel on Windows writes
        # Accept semicolons, which Dutch Excel writes in CSV files.
        first_line = content.splitlines()[0] if content.strip() else ""
        if first_line.count(";") > first_line.count(","):
            content = content.replace(";", ",")
    raw = fmt.create_dataset(content)
    headers = [HEADER_ALIASES.get(str(h or "").strip().lower(), "") for h in (raw.headers or [])]
    data = tablib.Dataset(headers=list(COLUMNS))
    for row in raw:
        values = dict(zip(headers, row, strict=False))
        data.append([str(values.get(col) or "").strip() for col in COLUMNS])
    data.missing_columns = [c for c in ("email", "first_name", "last_name") if c not in headers]
    return data


def check_rows(network: Network, data: tablib.Dataset) -> ImportCheck:
    """Check every row; the messages name the spreadsheet row and the problem in Dutch."""

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
    brins = {b.upper() for b in data["brin"] if b}
    known_brins = set(
        School.objects.filter(brin_code__in=brins, is_approved=True).values_list(
            "brin_code", flat=True
        )
    )
    emails = [e.lower() for e in data["email"]]
    members = set(
        Membership.objects.current()
        .filter(network=network, person__email__in=[e for e in emails if e])
        .values_list("person__email", flat=True)
    )
    first_seen: dict[str, int] = {}
    for index, row in enumerate(data.dict, start=2):
        email = row["email"].lower()
        problems = []
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
                }
            )
    if check.errors:
        check.rows = []
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
