"""Writes for the penvoerder's application: save a draft, the live check, submit, mail.

Every service runs in one transaction, so bad input leaves nothing half-saved; e-mail goes
out through tasks dispatched on commit. The criteria are always read through the one facts
builder (`networks.facts`) over the saved rows, never from the form or an in-memory list."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import DatabaseError, transaction
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from leernetwerk.concurrency import claim_version
from leernetwerk.dispatch import enqueue

from .. import eligibility
from ..eligibility import CriterionResult
from ..enums import (
    EDITABLE_APPLICATION_STATUSES,
    CriterionStatus,
    InviteeRole,
    NetworkStatus,
    Role,
)
from ..facts import facts_for_network
from ..memberships import add_member
from ..models import Application, ApplicationInvitee, Competence, Membership, Network
from .invitations import mail_new_co_initiators

if TYPE_CHECKING:
    from participants.models import User


@dataclass(frozen=True)
class Invitee:
    role: str
    email: str
    name: str = ""


class ApplicationIncomplete(Exception):
    """Raised by submit_application; `missing` names what still has to be filled in."""

    def __init__(self, missing: list[str]):
        super().__init__(", ".join(missing))
        self.missing = missing


class ApplicationFallsShort(Exception):
    """Raised by submit_application when criteria are not met and the penvoerder has not
    confirmed she submits anyway; `results` are those criteria with the reason."""

    def __init__(self, results: list[CriterionResult]):
        super().__init__(", ".join(r.code for r in results))
        self.results = results


def _unique_slug(name: str, exclude_pk: int | None = None) -> str:
    base = slugify(name)[:180] or "leernetwerk"
    slug, n = base, 2
    others = Network.objects.all()
    if exclude_pk:
        others = others.exclude(pk=exclude_pk)
    while others.filter(slug=slug).exists():
        slug, n = f"{base}-{n}", n + 1
    return slug


def refresh_application_snapshot(application: Application) -> None:
    """Store which criteria the automatic check does not meet, for the review queue filter.

    Reads the saved data through the one facts builder; call it after every write that
    changes what the criteria look at. Safe to run twice."""
    results = eligibility.evaluate(facts_for_network(application.network))
    unmet = [r.code for r in results if r.status == CriterionStatus.NOT_MET]
    application.unmet_criteria = f",{','.join(unmet)}," if unmet else ""
    application.met_count = sum(1 for r in results if r.status == CriterionStatus.MET)
    Application.objects.filter(pk=application.pk).update(
        unmet_criteria=application.unmet_criteria, met_count=application.met_count
    )


def _write_application(
    *,
    applicant: User,
    network_data: dict,
    application_data: dict,
    competences: Iterable,
    invitees: Iterable[Invitee],
    application: Application | None,
    validate: bool,
) -> Application:
    if application is not None:
        # The saved row decides whether it may still change, not the caller's copy.
        application = Application.objects.select_related("network").get(pk=application.pk)
        if application.network.status not in EDITABLE_APPLICATION_STATUSES:
            raise ValidationError(_("This application can no longer be changed."))
    network = Network(status=NetworkStatus.DRAFT) if application is None else application.network
    for field, value in network_data.items():
        setattr(network, field, value)
    if not network.slug or (application is None):
        network.slug = _unique_slug(network.name, exclude_pk=network.pk)
    network._history_user = applicant
    if validate:
        network.full_clean(exclude=["focus_competences"])
    network.save()
    network.focus_competences.set(list(competences))

    if application is None:
        application = Application(network=network, applicant=applicant)
        add_member(network, applicant, role=Role.PENVOERDER, is_fixed=False)
    for field, value in application_data.items():
        setattr(application, field, value)
    application._history_user = applicant
    if validate:
        application.full_clean(exclude=["network", "applicant"])
    application.save()

    newly_named = _sync_invitees(application, list(invitees), by=applicant)
    refresh_application_snapshot(application)
    if validate:
        # A real save, never the live check (which rolls back): tell who is newly named.
        mail_new_co_initiators(application, newly_named, by=applicant)
    return application


@transaction.atomic
def save_application(
    *,
    applicant: User,
    network_data: dict,
    application_data: dict,
    competences: Iterable = (),
    invitees: Iterable[Invitee] = (),
    application: Application | None = None,
    loaded_version: int | None = None,
) -> Application:
    """Create or change an application as a draft (or while more information is asked).

    A new application creates the Network in DRAFT and makes the applicant its penvoerder;
    `applicant` is whoever saves (the penvoerder or a co-initiator). Invitees (facilitator,
    planned participants, co-initiators) are replaced by the given list. Callers: the
    application form (permission checked by the view), the demo seeder. Saving the same data
    twice changes nothing but `updated_at`. `loaded_version` is the version the editor's copy
    had: StaleEdit, nothing saved, if someone saved since (leernetwerk/concurrency.py)."""
    if application is not None:
        claim_version(application, loaded_version)
    return _write_application(
        applicant=applicant,
        network_data=network_data,
        application_data=application_data,
        competences=competences,
        invitees=invitees,
        application=application,
        validate=True,
    )


def check_application(
    *,
    applicant: User,
    network_data: dict,
    application_data: dict,
    competences: Iterable = (),
    invitees: Iterable[Invitee] = (),
    application: Application | None = None,
) -> list[CriterionResult]:
    """The live check: what the criteria say about the form as filled in so far.

    Saves the data in a savepoint exactly as `save_application` would, reads the criteria
    through the one facts builder over those saved rows, and rolls everything back: writes
    nothing (no row, no history, no mail). Fields the form found invalid are passed empty.
    Anyone signed in may call it for a new application; for an existing one the caller has
    checked `networks.change_application`."""
    try:
        with transaction.atomic():
            saved = _write_application(
                applicant=applicant,
                network_data=network_data,
                application_data=application_data,
                competences=competences,
                invitees=invitees,
                application=application,
                validate=False,
            )
            results = eligibility.evaluate(facts_for_network(saved.network))
            transaction.set_rollback(True)
    except (ValidationError, DatabaseError):
        # What the database refuses cannot be saved either: show the saved state.
        if application is None:
            return eligibility.evaluate(eligibility.NetworkFacts())
        return eligibility.evaluate(facts_for_network(application.network))
    return results


def _sync_invitees(
    application: Application, invitees: list[Invitee], *, by: User
) -> list[ApplicationInvitee]:
    """Make the application's invitees match the list, touching only what changed (so the
    history shows who was added, removed or renamed). Returns the rows newly named as
    co-initiator (added, or moved to that role)."""
    wanted: dict[str, Invitee] = {}
    for invitee in invitees:
        email = invitee.email.strip().lower()
        if email in wanted:
            raise ValidationError(
                _("%(email)s is listed twice.") % {"email": email}, code="duplicate"
            )
        wanted[email] = invitee
    existing = {i.email: i for i in ApplicationInvitee.objects.filter(application=application)}
    for email, row in existing.items():
        if email not in wanted:
            row._history_user = by
            row.delete()
    newly_named = []
    for email, invitee in wanted.items():
        row = existing.get(email) or ApplicationInvitee(application=application, email=email)
        if row.pk and (row.role, row.name) == (invitee.role, invitee.name):
            continue
        if invitee.role == InviteeRole.CO_INITIATOR and row.role != InviteeRole.CO_INITIATOR:
            newly_named.append(row)
        row.role, row.name = invitee.role, invitee.name
        if row.person_id is None:
            row.person = get_user_model().objects.filter(email__iexact=email).first()
        row._history_user = by
        row.save()
    return newly_named


def missing_for_submission(application: Application) -> list[str]:
    """What an application still lacks before it can be submitted (labels, form order).

    Reads the saved rows with fresh queries (never a list loaded before the last save)."""
    application = Application.objects.select_related("network").get(pk=application.pk)
    network = application.network
    missing = []

    def need(condition, label):
        if not condition:
            missing.append(str(label))

    def label(model, field):
        return model._meta.get_field(field).verbose_name

    for field in ("central_question", "theme", "description", "target_group", "field_statement"):
        need(getattr(network, field).strip(), label(Network, field))
    need(application.applicant_function, label(Application, "applicant_function"))
    need(application.applicant_school_id, label(Application, "applicant_school"))
    need(network.access, label(Network, "access"))
    need(network.start_date, label(Network, "start_date"))
    need(network.planned_end_date, label(Network, "planned_end_date"))
    need(network.meetings_per_year, label(Network, "meetings_per_year"))
    need(network.meeting_form.strip(), label(Network, "meeting_form"))
    need(network.contact_means or network.contact_other, label(Network, "contact_means"))
    roles = set(
        ApplicationInvitee.objects.filter(application=application).values_list("role", flat=True)
    )
    members = Membership.objects.current().filter(network=network)
    need(
        InviteeRole.FACILITATOR in roles or members.facilitators().exists(),
        _("facilitator"),
    )
    need(
        InviteeRole.PARTICIPANT in roles or members.participants().exists(),
        _("planned fixed participants"),
    )
    need(Competence.objects.filter(networks=network).exists(), label(Network, "focus_competences"))
    need(network.monitoring_consent is not None, label(Network, "monitoring_consent"))
    need(application.invited_meeting.strip(), label(Application, "invited_meeting"))
    for field in ("requested_facilitation", "requested_speakers", "requested_organisation"):
        need(getattr(application, field) is not None, label(Application, field))
    return missing


def submission_warnings(application: Application) -> list[CriterionResult]:
    """The criteria the saved application does not meet (or that are unknown), with why, to
    warn the penvoerder before she submits. The judged criteria that simply await staff's
    judgement are left out: she cannot change that. Read-only."""
    results = eligibility.evaluate(facts_for_network(application.network))
    return [
        r
        for r in eligibility.falls_short(results)
        if not (r.code in eligibility.JUDGED_CRITERIA and r.status == CriterionStatus.UNKNOWN)
    ]


def awaiting_judgement(application: Application) -> list[CriterionResult]:
    """The criteria only academy staff can judge that are still unknown: named beside the
    warning before she submits, though she need not confirm for them (she cannot change
    them). Read-only."""
    results = eligibility.evaluate(facts_for_network(application.network))
    return [
        r
        for r in results
        if r.code in eligibility.JUDGED_CRITERIA and r.status == CriterionStatus.UNKNOWN
    ]


@transaction.atomic
def submit_application(
    application: Application, *, by: User, confirmed: bool = False
) -> Application:
    """Submit a complete draft (or a changed application after more information was asked).

    Raises ApplicationIncomplete listing what is missing, or ApplicationFallsShort when
    criteria are not met and `confirmed` is false (she has not seen the warning); writes
    nothing then. On success the penvoerder(s), co-initiators and academy staff are mailed
    after commit. Callers have checked `networks.change_application`. Submitting twice is
    refused (the second finds the application submitted)."""
    application = (
        Application.objects.select_for_update().select_related("network").get(pk=application.pk)
    )
    network = application.network
    if network.status not in EDITABLE_APPLICATION_STATUSES:
        raise ValidationError(_("This application has already been submitted."))
    missing = missing_for_submission(application)
    if missing:
        raise ApplicationIncomplete(missing)
    warnings = submission_warnings(application)
    if warnings and not confirmed:
        raise ApplicationFallsShort(warnings)
    network.status = NetworkStatus.SUBMITTED
    network._history_user = by
    network.save(update_fields=["status", "updated_at"])
    application.submitted_at = timezone.now()
    application._history_user = by
    application.save(update_fields=["submitted_at", "updated_at"])
    refresh_application_snapshot(application)

    from ..tasks import task_send_submission_emails  # noqa: PLC0415 - the task module imports the services

    enqueue(
        task_send_submission_emails,
        application_id=application.pk,
        submitted_at=application.submitted_at.isoformat(),
    )
    return application
