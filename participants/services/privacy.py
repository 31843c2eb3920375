"""Writes for the AVG (GDPR) duties: the audit log, exporting everything the apps hold about
a person, and erasing an account in every app. Each app's part lives in its `privacy.py`."""

from __future__ import annotations

import importlib
import importlib.util

from django.db import transaction
from django.utils import timezone

from ..enums import AuditAction
from ..models import AuditLog, User

PRIVACY_APPS = ("networks", "meetings", "participants", "evaluations")


def pseudonym(person_id: int | None) -> str:
    """How the audit log names a person whose account is gone. Pure; any caller."""
    return f"persoon #{person_id}" if person_id else ""


def audit(
    actor: User | None, action: str, subject: User | None = None, detail: str = ""
) -> AuditLog:
    """Write one audit log entry. Subjects are stored as id and pseudonym, never by name."""
    return AuditLog.objects.create(
        actor=actor if actor is not None and actor.is_authenticated else None,
        action=action,
        subject_id=subject.pk if subject else None,
        subject_pseudonym=pseudonym(subject.pk if subject else None),
        detail=detail[:300],
    )


def _privacy_modules():
    for app in PRIVACY_APPS:
        name = f"{app}.privacy"
        if importlib.util.find_spec(name) is not None:
            yield app, importlib.import_module(name)


def export_person_data(person: User, *, by: User) -> dict:
    """Everything the apps hold about the person, by app; the export is audited."""
    data = {"exported_at": timezone.now().isoformat()}
    for app, module in _privacy_modules():
        data[app] = module.export_person(person)
    audit(by, AuditAction.EXPORT_DATA, person)
    return data


@transaction.atomic
def erase_account(person: User, *, by: User) -> None:
    """Erase or pseudonymise the person's data in every app (aggregates stay as they were),
    then write the erasure to the audit log."""
    person_id = person.pk
    # participants last: the other apps may still need the person's row as it was.
    modules = sorted(_privacy_modules(), key=lambda item: item[0] == "participants")
    for _app, module in modules:
        module.erase_person(person)
    AuditLog.objects.create(
        actor=by if by.pk != person_id else None,
        action=AuditAction.ERASE_PERSON,
        subject_id=person_id,
        subject_pseudonym=pseudonym(person_id),
        detail="" if by.pk != person_id else "op eigen verzoek",
    )
