"""Writes for applications, review, re-check and the public directory.

Every service runs in one transaction, so bad input leaves nothing half-saved; e-mail goes
out through tasks dispatched on commit."""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from dataclasses import dataclass, replace
from decimal import Decimal
from typing import TYPE_CHECKING

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from leernetwerk.dispatch import enqueue
from mails.services import queue_mail

from . import eligibility
from .enums import (
    EDITABLE_APPLICATION_STATUSES,
    SUPPORTED_STATUSES,
    CriterionStatus,
    DecisionKind,
    InviteeRole,
    NetworkStatus,
    Role,
    Verdict,
)
from .memberships import add_member
from .models import (
    Application,
    ApplicationInvitee,
    CriterionJudgement,
    Decision,
    InterestRegistration,
    Network,
    RecheckResult,
)

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
    """Store which criteria the automatic check does not meet, for the review queue filter."""
    from .selectors import eligibility_for_network

    results = eligibility_for_network(application.network)
    unmet = [r.code for r in results if r.status == CriterionStatus.NOT_MET]
    application.unmet_criteria = f",{','.join(unmet)}," if unmet else ""
    application.met_count = sum(1 for r in results if r.status == CriterionStatus.MET)
    Application.objects.filter(pk=application.pk).update(
        unmet_criteria=application.unmet_criteria, met_count=application.met_count
    )


@transaction.atomic
def save_application(
    *,
    applicant: User,
    network_data: dict,
    application_data: dict,
    competences: Iterable = (),
    invitees: Iterable[Invitee] = (),
    application: Application | None = None,
) -> Application:
    """Create or change an application as a draft (or while more information is asked).

    A new application creates the Network in DRAFT and makes the applicant its penvoerder.
    Invitees are replaced by the given list. Callers: the penvoerder's application form
    (permission checked by the view), the demo seeder."""
    if application is not None and application.network.status not in EDITABLE_APPLICATION_STATUSES:
        raise ValidationError(_("This application can no longer be changed."))
    if application is None:
        network = Network(status=NetworkStatus.DRAFT)
    else:
        network = application.network
    for field, value in network_data.items():
        setattr(network, field, value)
    if not network.slug or (application is None):
        network.slug = _unique_slug(network.name, exclude_pk=network.pk)
    network._history_user = applicant
    network.full_clean(exclude=["focus_competences"])
    network.save()
    network.focus_competences.set(list(competences))

    if application is None:
        application = Application(network=network, applicant=applicant)
        add_member(network, applicant, role=Role.PENVOERDER, is_fixed=False)
    for field, value in application_data.items():
        setattr(application, field, value)
    application._history_user = applicant
    application.full_clean(exclude=["network", "applicant"])
    application.save()

    _sync_invitees(application, list(invitees), by=applicant)
    refresh_application_snapshot(application)
    return application


def _sync_invitees(application: Application, invitees: list[Invitee], *, by: User) -> None:
    """Make the application's invitees match the list, touching only what changed (so the
    history shows who was added, removed or renamed)."""
    wanted: dict[str, Invitee] = {}
    for invitee in invitees:
        email = invitee.email.strip().lower()
        if email in wanted:
            raise ValidationError(
                _("%(email)s is listed twice.") % {"email": email}, code="duplicate"
            )
        wanted[email] = invitee
    existing = {i.email: i for i in application.invitees.all()}
    for email, row in existing.items():
        if email not in wanted:
            row._history_user = by
            row.delete()
    for email, invitee in wanted.items():
        row = existing.get(email) or ApplicationInvitee(application=application, email=email)
        if row.pk and (row.role, row.name) == (invitee.role, invitee.name):
            continue
        row.role, row.name = invitee.role, invitee.name
        if row.person_id is None:
            row.person = get_user_model().objects.filter(email__iexact=email).first()
        row._history_user = by
        row.save()


def missing_for_submission(application: Application) -> list[str]:
    """What an application still lacks before it can be submitted (labels, form order)."""
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
    invitees = list(application.invitees.all())
    need(
        any(i.role == InviteeRole.FACILITATOR for i in invitees)
        or network.memberships.current().facilitators().exists(),
        _("facilitator"),
    )
    need(
        any(i.role == InviteeRole.PARTICIPANT for i in invitees)
        or network.memberships.current().participants().exists(),
        _("planned fixed participants"),
    )
    need(network.focus_competences.exists(), label(Network, "focus_competences"))
    need(network.monitoring_consent is not None, label(Network, "monitoring_consent"))
    need(application.invited_meeting.strip(), label(Application, "invited_meeting"))
    for field in ("requested_facilitation", "requested_speakers", "requested_organisation"):
        need(getattr(application, field) is not None, label(Application, field))
    return missing


@transaction.atomic
def submit_application(application: Application, *, by: User) -> Application:
    """Submit a complete draft (or a changed application after more information was asked).

    Raises ApplicationIncomplete listing what is missing; writes nothing then."""
    network = application.network
    if network.status not in EDITABLE_APPLICATION_STATUSES:
        raise ValidationError(_("This application has already been submitted."))
    missing = missing_for_submission(application)
    if missing:
        raise ApplicationIncomplete(missing)
    network.status = NetworkStatus.SUBMITTED
    network._history_user = by
    network.save(update_fields=["status", "updated_at"])
    application.submitted_at = timezone.now()
    application._history_user = by
    application.save(update_fields=["submitted_at", "updated_at"])
    refresh_application_snapshot(application)
    return application


@transaction.atomic
def judge_criterion(
    application: Application, *, code: str, verdict: str, motivation: str, by: User
) -> CriterionJudgement:
    """Record staff's judgement of one criterion (replacing an earlier one).

    Agreeing needs an automatic met / not met result; deciding against it needs a written
    motivation. Only academy staff call this (the review view checks)."""
    from .selectors import facts_for_network

    if code not in eligibility.CRITERIA:
        raise ValidationError({"criterion": _("Unknown criterion.")})
    # The automatic result from the data alone, without any earlier staff judgement.
    facts = replace(facts_for_network(application.network), judgements={})
    automatic_status = eligibility.evaluate(facts, [code])[0].status
    existing = application.judgements.filter(criterion=code).first()
    motivation = (motivation or "").strip()
    if verdict == Verdict.AGREE:
        if automatic_status == CriterionStatus.UNKNOWN:
            raise ValidationError(
                {"verdict": _("There is no automatic result to agree with; choose met or not met.")}
            )
        status = automatic_status
    elif verdict in (Verdict.MET, Verdict.NOT_MET):
        status = verdict
        overrides = automatic_status != CriterionStatus.UNKNOWN and status != automatic_status
        if (overrides or code in eligibility.JUDGED_CRITERIA) and not motivation:
            raise ValidationError(
                {"motivation": _("Give a motivation when you decide against or judge a criterion.")}
            )
    else:
        raise ValidationError({"verdict": _("Choose a judgement.")})
    judgement = existing or CriterionJudgement(application=application, criterion=code)
    judgement.verdict = verdict
    judgement.automatic_status = automatic_status
    judgement.status = status
    judgement.motivation = motivation
    judgement.judged_by = by
    judgement.judged_at = timezone.now()
    judgement._history_user = by
    judgement.save()
    refresh_application_snapshot(application)
    return judgement


def _add_invitees_as_members(application: Application, *, by: User) -> None:
    """On a grant, people named in the application join: those with an account become members
    today; the others get an invitation by e-mail to create one and join (participants'
    invitation service), unless a closed network has already started."""
    from participants.services import invite_member

    for invitee in application.invitees.select_related("person"):
        role = Role.FACILITATOR if invitee.role == InviteeRole.FACILITATOR else Role.PARTICIPANT
        person = (
            invitee.person or get_user_model().objects.filter(email__iexact=invitee.email).first()
        )
        if person is None:
            try:
                invite_member(application.network, email=invitee.email, by=by, role=role)
            except ValidationError:
                pass  # a closed network that has started takes no new participants
            continue
        add_member(application.network, person, role=role, is_fixed=role == Role.PARTICIPANT)


@transaction.atomic
def decide_application(
    application: Application,
    *,
    kind: str,
    motivation: str,
    by: User,
    granted: dict[str, Decimal | None] | None = None,
) -> Decision:
    """Grant, reject or ask more information on a submitted application.

    Always needs a motivation; a grant needs the contribution per category. Sets the
    network's status and e-mails the penvoerder after commit. Academy staff only."""
    network = application.network
    if network.status != NetworkStatus.SUBMITTED:
        raise ValidationError(_("Only a submitted application can be decided on."))
    motivation = (motivation or "").strip()
    errors = {}
    if not motivation:
        errors["motivation"] = _("A decision needs a written motivation.")
    granted = granted or {}
    if kind == DecisionKind.GRANT:
        for field in ("granted_facilitation", "granted_speakers", "granted_organisation"):
            if granted.get(field) is None:
                errors[field] = _("Give the contribution for this category (0 if none).")
    elif kind not in (DecisionKind.REJECT, DecisionKind.REQUEST_INFO):
        errors["kind"] = _("Choose a decision.")
    if errors:
        raise ValidationError(errors)
    decision = Decision(
        application=application,
        kind=kind,
        motivation=motivation,
        decided_by=by,
        decided_at=timezone.now(),
        **(granted if kind == DecisionKind.GRANT else {}),
    )
    decision._history_user = by
    decision.full_clean()
    decision.save()
    network.status = {
        DecisionKind.GRANT: NetworkStatus.GRANTED,
        DecisionKind.REJECT: NetworkStatus.REJECTED,
        DecisionKind.REQUEST_INFO: NetworkStatus.NEEDS_INFO,
    }[kind]
    network._history_user = by
    network.save(update_fields=["status", "updated_at"])
    if kind == DecisionKind.GRANT:
        _add_invitees_as_members(application, by=by)

    from .tasks import task_send_decision_email

    enqueue(task_send_decision_email, decision_id=decision.pk)
    return decision


def send_decision_email(decision: Decision) -> None:
    """E-mail the decision and its motivation to the application's penvoerders."""
    from django.template.loader import render_to_string

    application = decision.application
    recipients = set(
        application.network.memberships.current()
        .penvoerders()
        .values_list("person__email", flat=True)
    )
    if application.applicant is not None:
        recipients.add(application.applicant.email)
    if not recipients:
        return
    recipients = sorted(recipients)
    context = {"decision": decision, "application": application, "network": application.network}
    subject = _("Decision on your application for %(network)s") % {
        "network": application.network.name
    }
    body = render_to_string("networks/email/decision.txt", context)
    for address in recipients:
        queue_mail(
            key=f"networks.decision:{decision.pk}:{address.lower()}",
            to=address,
            kind="decision",
            subject=str(subject),
            body=body,
        )


# --- Yearly re-check -----------------------------------------------------------------------


def _anniversary(start: datetime.date, on: datetime.date) -> datetime.date:
    """The latest anniversary of `start` on or before `on`."""
    from .selectors import _add_months

    years = on.year - start.year
    candidate = _add_months(start, 12 * years)
    if candidate > on:
        candidate = _add_months(start, 12 * (years - 1))
    return candidate


@transaction.atomic
def recheck_network(network: Network, *, on: datetime.date | None = None) -> RecheckResult:
    """Re-evaluate a supported network on live data for its current support year.

    Writes one RecheckResult per (network, support year), updated in place: running twice
    gives the same row. An exception staff approved with a motivation counts as met."""
    from .selectors import facts_for_network

    on = on or timezone.localdate()
    results = eligibility.evaluate(
        facts_for_network(network, live=True), eligibility.RECHECK_CRITERIA
    )
    approved = {}
    application = Application.objects.filter(network=network).first()
    if application is not None:
        approved = {
            j.criterion: j for j in application.judgements.filter(status=CriterionStatus.MET)
        }
    findings = []
    for result in results:
        finding = result.as_dict()
        judgement = approved.get(result.code)
        if result.status != CriterionStatus.MET and judgement is not None:
            finding["status"] = CriterionStatus.MET
            finding["explanation"] = _("%(explanation)s Exception approved: %(motivation)s") % {
                "explanation": result.explanation,
                "motivation": judgement.motivation,
            }
        findings.append(finding)
    flagged = any(f["status"] != CriterionStatus.MET for f in findings)
    row, _created = RecheckResult.objects.update_or_create(
        network=network,
        period_start=_anniversary(network.start_date, on),
        defaults={"flagged": flagged, "findings": findings},
    )
    return row


@transaction.atomic
def start_granted_networks(*, on: datetime.date | None = None) -> int:
    """Granted networks whose start date has come become active. Returns how many.

    Idempotent; run daily by the re-check task before re-checking."""
    on = on or timezone.localdate()
    count = 0
    for network in Network.objects.filter(
        status=NetworkStatus.GRANTED, start_date__isnull=False, start_date__lte=on
    ):
        network.status = NetworkStatus.ACTIVE
        network.save(update_fields=["status", "updated_at"])
        count += 1
    return count


def recheck_supported_networks(*, on: datetime.date | None = None) -> list[RecheckResult]:
    """Re-check every supported network that started at least a year ago (beat, daily)."""
    from .selectors import networks_due_for_recheck

    return [recheck_network(network, on=on) for network in networks_due_for_recheck(on)]


# --- Public directory ----------------------------------------------------------------------


@transaction.atomic
def register_interest(
    network: Network, *, name: str, email: str, message: str = ""
) -> InterestRegistration:
    """A visitor registers interest in an open network; its facilitators get an e-mail.

    Registering twice with the same address keeps one registration. Anyone may call."""
    if network.status not in SUPPORTED_STATUSES or not network.is_open:
        raise ValidationError(_("This network does not take new members."))
    registration, created = InterestRegistration.objects.get_or_create(
        network=network,
        email=email.strip().lower(),
        defaults={"name": name.strip(), "message": message.strip()},
    )
    if created:
        from .tasks import task_notify_interest

        enqueue(task_notify_interest, registration_id=registration.pk)
    return registration


def notify_interest(registration: InterestRegistration) -> None:
    """E-mail the network's current facilitators about a registration of interest."""
    from django.template.loader import render_to_string

    network = registration.network
    recipients = list(
        network.memberships.current().facilitators().values_list("person__email", flat=True)
    )
    if not recipients:
        # A facilitator named in the application who has no account yet.
        recipients = list(
            ApplicationInvitee.objects.filter(
                application__network=network, role=InviteeRole.FACILITATOR
            ).values_list("email", flat=True)
        )
    if not recipients:
        return
    subject = _("Interest in %(network)s") % {"network": network.name}
    body = render_to_string(
        "networks/email/interest.txt", {"registration": registration, "network": network}
    )
    for address in recipients:
        queue_mail(
            key=f"networks.interest:{registration.pk}:{address.lower()}",
            to=address,
            kind="interest",
            subject=str(subject),
            body=body,
        )
