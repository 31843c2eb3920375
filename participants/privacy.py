"""The participants app's part of "download my data" and "delete my account" (AVG)."""

from __future__ import annotations

import uuid

from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from allauth.socialaccount.models import SocialAccount
from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.contrib.admin.models import LogEntry
from django.contrib.contenttypes.models import ContentType

from leernetwerk.labels import labelled

from .enums import ERASED_NAME
from .models import AuditLog, Invitation, User


def _date(value):
    return value.isoformat() if value else None


def export_person(user) -> dict:
    """Profile, learning questions with reflections, BC-Scans, invitations and audit entries
    about the person: everything this app holds on them, as plain JSON values."""

    school = user.school
    questions = []
    for question in user.learning_questions.prefetch_related(
        "networks", "competences", "reflections__meeting"
    ):
        questions.append(
            {
                "title": question.title,
                "description": question.description,
                "goal": question.goal,
                **labelled(question, "visibility"),
                **labelled(question, "status"),
                "networks": [n.name for n in question.networks.all()],
                "competences": [
                    {"number": c.number, "name": c.name} for c in question.competences.all()
                ],
                "created_at": _date(question.created_at),
                "reflections": [
                    {
                        "date": _date(r.date),
                        "note": r.note,
                        "meeting": r.meeting.title if r.meeting else None,
                    }
                    for r in question.reflections.all()
                ],
            }
        )
    return {
        "profile": {
            "email": user.email,
            "first_name": user.first_name,
            "last_name": user.last_name,
            **labelled(user, "function"),
            "school": {"name": school.name, "brin_code": school.brin_code, "town": school.town}
            if school
            else None,
            **labelled(user, "region"),
            "phone": user.phone,
            "date_joined": _date(user.date_joined),
            "last_login": _date(user.last_login),
        },
        "learning_questions": questions,
        "bc_scans": [
            {
                "taken_at": _date(scan.taken_at),
                "answers": scan.answers,
                "action_plans": scan.action_plans,
                **labelled(scan, "visibility"),
                "networks": [n.name for n in scan.networks.all()],
            }
            for scan in user.bc_scans.prefetch_related("networks")
        ],
        "invitations": [
            {
                "network": inv.network.name,
                "created_at": _date(inv.created_at),
                "accepted_at": _date(inv.accepted_at),
            }
            for inv in Invitation.objects.filter(email__iexact=user.email).select_related("network")
        ],
        "audit_log": [
            {**labelled(entry, "action"), "at": _date(entry.at), "detail": entry.detail}
            for entry in AuditLog.objects.filter(subject_id=user.pk)
        ],
    }


def erase_person(user) -> None:
    """Delete learning questions, scans and invitations; pseudonymise the account row.

    The row stays (inactive, unusable password) so memberships and attendance still count in
    aggregate figures; nothing in it identifies the person any more."""

    old_email = user.email
    user.learning_questions.all().delete()
    user.bc_scans.all().delete()
    Invitation.objects.filter(email__iexact=old_email).delete()
    Invitation.objects.filter(invited_by=user).update(invited_by=None)
    try:
        for model in (AccessAttempt, AccessLog, AccessFailureLog):
            model.objects.filter(username__iexact=old_email).delete()
    except ImportError:  # pragma: no cover - axes is installed in every set-up
        pass
    # Addresses, authenticators and school sign-in links (django-allauth) identify her too.
    EmailAddress.objects.filter(user=user).delete()
    Authenticator.objects.filter(user=user).delete()
    SocialAccount.objects.filter(user=user).delete()
    # The management site's change log names the object edited; keep the entry, not the name.

    LogEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(User), object_id=str(user.pk)
    ).update(object_repr=ERASED_NAME, change_message="")
    user.first_name = ERASED_NAME
    user.last_name = ""
    user.email = f"verwijderd-{uuid.uuid4().hex}@verwijderd.invalid"
    user.phone = ""
    user.function = ""
    user.region = ""
    user.school = None
    user.is_active = False
    user.is_staff = False
    user.is_superuser = False
    user.set_unusable_password()
    user.last_login = None
    user.save()
    user.groups.clear()
    user.user_permissions.clear()
    # The unusable password changes the session hash, so every session of the person ends.
