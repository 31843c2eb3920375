"""Writes for the academy's review: judging the criteria and deciding on an application.

The rules for who may judge or decide (academy staff, never a member of the network: conflict
of interest) live in `networks.rules`; the services check them again, so no path skips them.
Every judgement and decision is a history record (django-simple-history) shown to staff."""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal
from typing import TYPE_CHECKING

import rules
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from leernetwerk.dispatch import enqueue

from .. import eligibility
from ..enums import (
    JUDGEABLE_APPLICATION_STATUSES,
    CriterionStatus,
    DecisionKind,
    InviteeRole,
    NetworkStatus,
    Role,
    Verdict,
)
from ..facts import CriterionRow, automatic_result, criteria_rows, shortfalls
from ..memberships import add_member
from ..models import Application, CriterionJudgement, Decision
from ..rules import is_party_to_application
from .applications import refresh_application_snapshot

if TYPE_CHECKING:
    from participants.models import User


def _check_no_conflict(application: Application, by: User) -> None:
    if is_party_to_application(by, application):
        raise ValidationError(
            _(
                "You are a member of this network or named in its application, so you may "
                "not judge or decide it (conflict of interest)."
            ),
            code="conflict_of_interest",
        )


def _judgement_status(code: str, verdict: str, motivation: str, automatic: str) -> str:
    """The result a judgement gives, or ValidationError naming the field at fault."""
    if verdict == Verdict.AGREE:
        if automatic == CriterionStatus.UNKNOWN:
            raise ValidationError(
                {"verdict": _("There is no automatic result to agree with; choose met or not met.")}
            )
        return automatic
    if verdict not in (Verdict.MET, Verdict.NOT_MET):
        raise ValidationError({"verdict": _("Choose a judgement.")})
    # Deciding against (or in place of) the automatic result always needs a motivation.
    if (verdict != automatic or code in eligibility.JUDGED_CRITERIA) and not motivation:
        raise ValidationError(
            {"motivation": _("Give a motivation when you decide against or judge a criterion.")}
        )
    return verdict


@transaction.atomic
def judge_criteria(
    application: Application, *, judgements: Mapping[str, tuple[str, str]], by: User
) -> list[CriterionJudgement]:
    """Record staff's judgements of several criteria at once: `{code: (verdict, motivation)}`.

    An empty verdict means "no judgement" (an earlier one is removed). Agreeing needs an
    automatic met / not met result; deciding against it, judging an unknown criterion or a
    judged criterion needs a written motivation. All or nothing: one bad entry raises a
    ValidationError keyed `<code>-verdict` / `<code>-motivation` and writes nothing.
    Academy staff who are not party to the network (networks.judge_application) only.
    Saving the same judgements twice changes nothing."""
    if not rules.has_perm("networks.review_application", by):
        raise ValidationError(_("Only academy staff judge applications."))
    _check_no_conflict(application, by)
    application = Application.objects.select_related("network").get(pk=application.pk)
    if application.network.status not in JUDGEABLE_APPLICATION_STATUSES:
        raise ValidationError(_("Only a submitted application can be judged."))
    unknown = set(judgements) - set(eligibility.CRITERIA)
    if unknown:
        raise ValidationError({"criterion": _("Unknown criterion.")})
    existing = {j.criterion: j for j in CriterionJudgement.objects.filter(application=application)}
    errors: dict[str, list] = {}
    planned = []
    for code, (verdict, motivation) in judgements.items():
        motivation = (motivation or "").strip()
        if not verdict:
            planned.append((code, None, None, motivation))
            continue
        automatic = automatic_result(application.network, code).status
        try:
            status = _judgement_status(code, verdict, motivation, automatic)
        except ValidationError as error:
            for field, messages in error.message_dict.items():
                errors[f"{code}-{field}"] = messages
            continue
        planned.append((code, verdict, (automatic, status), motivation))
    if errors:
        raise ValidationError(errors)
    saved = []
    now = timezone.now()
    for code, verdict, statuses, motivation in planned:
        judgement = existing.get(code)
        if verdict is None:
            if judgement is not None:
                judgement._history_user = by
                judgement.delete()
            continue
        automatic, status = statuses
        if judgement is not None and (
            judgement.verdict,
            judgement.automatic_status,
            judgement.status,
            judgement.motivation,
        ) == (verdict, automatic, status, motivation):
            saved.append(judgement)
            continue
        judgement = judgement or CriterionJudgement(application=application, criterion=code)
        judgement.verdict = verdict
        judgement.automatic_status = automatic
        judgement.status = status
        judgement.motivation = motivation
        judgement.judged_by = by
        judgement.judged_at = now
        judgement._history_user = by
        judgement.save()
        saved.append(judgement)
    refresh_application_snapshot(application)
    return saved


def judge_criterion(
    application: Application, *, code: str, verdict: str, motivation: str, by: User
) -> CriterionJudgement:
    """One judgement (see judge_criteria); errors are keyed `verdict` / `motivation`."""
    if code not in eligibility.CRITERIA:
        raise ValidationError({"criterion": _("Unknown criterion.")})
    try:
        return judge_criteria(application, judgements={code: (verdict, motivation)}, by=by)[0]
    except ValidationError as error:
        if hasattr(error, "error_dict"):
            raise ValidationError(
                {k.removeprefix(f"{code}-"): v for k, v in error.error_dict.items()}
            ) from None
        raise


def grant_blockers(application: Application, rows: list[CriterionRow] | None = None) -> list[str]:
    """Why a grant would be refused: each criterion not met or unknown that has no staff
    judgement in its favour (which always carries a motivation), as "label (status)".
    Empty means granting is allowed as far as the criteria go. Read-only. `rows`: the
    application's `criteria_rows` when the caller has them already (the review page)."""
    labels = dict(CriterionStatus.choices)
    if rows is None:
        rows = criteria_rows(application.network)
    return [
        _("%(criterion)s (%(status)s)")
        % {"criterion": row.label, "status": str(labels[row.effective]).lower()}
        for row in shortfalls(rows)
    ]


def _add_invitees_as_members(application: Application, *, by: User) -> None:
    """On a grant, people named in the application join: those with an account become members
    today; the others get an invitation by e-mail to create one and join (participants'
    invitation service), unless a closed network has already started."""
    from participants.services import (  # noqa: PLC0415 - participants sits above networks (invitations live there)
        invite_member,
    )

    roles = {
        InviteeRole.FACILITATOR: Role.FACILITATOR,
        InviteeRole.PARTICIPANT: Role.PARTICIPANT,
        InviteeRole.CO_INITIATOR: Role.PENVOERDER,
    }
    for invitee in application.invitees.select_related("person"):
        role = roles[invitee.role]
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

    Always needs a motivation; a grant needs the contribution per category and is refused,
    naming them, while a criterion is not met or unknown without a staff judgement in its
    favour. Sets the network's status and e-mails the applicant's side after commit. Academy
    staff who are not party to the network only (networks.decide_application). Deciding twice
    is refused (the second finds the application no longer submitted)."""
    if not rules.has_perm("networks.review_application", by):
        raise ValidationError(_("Only academy staff decide on applications."))
    _check_no_conflict(application, by)
    application = (
        Application.objects.select_for_update().select_related("network").get(pk=application.pk)
    )
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
        blockers = grant_blockers(application)
        if blockers:
            errors["kind"] = _(
                "Granting is refused: these criteria are not met or unknown and have no "
                "judgement of the academy with a motivation in their favour: %(criteria)s."
            ) % {"criteria": ", ".join(blockers)}
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

    from ..tasks import task_send_decision_email  # noqa: PLC0415 - the task module imports the services

    enqueue(task_send_decision_email, decision_id=decision.pk)
    return decision


@transaction.atomic
def review_application(
    application: Application,
    *,
    judgements: Mapping[str, tuple[str, str]],
    decision: dict | None = None,
    by: User,
) -> Decision | None:
    """The review form in one go: save the judgements, then (if given) decide with
    `decision` = {kind, motivation, granted}. All or nothing: a refused decision also leaves
    the judgements unsaved. Same callers and rules as judge_criteria and decide_application;
    errors are keyed as the review form names its fields: `<code>-verdict` /
    `<code>-motivation` for a judgement, `decision-<field>` for the decision."""
    judge_criteria(application, judgements=judgements, by=by)
    if decision is None:
        return None
    try:
        return decide_application(application, by=by, **decision)
    except ValidationError as error:
        if hasattr(error, "error_dict"):
            raise ValidationError(
                {f"decision-{field}": errors for field, errors in error.error_dict.items()}
            ) from None
        raise
