"""Reads for network pages. Each returns a queryset with what its page shows pre-fetched."""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from typing import TYPE_CHECKING

from django.db.models import Prefetch, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from participants.enums import LEADERSHIP_FUNCTIONS, Function

from . import eligibility
from .eligibility import NetworkFacts
from .enums import (
    EDITABLE_APPLICATION_STATUSES,
    SUPPORTED_STATUSES,
    InviteeRole,
    NetworkStatus,
    Role,
)
from .models import (
    Application,
    ApplicationInvitee,
    CriterionJudgement,
    Decision,
    Membership,
    Network,
    RecheckResult,
)

if TYPE_CHECKING:
    from participants.models import User


def networks_for_staff(*, filters: dict | None = None) -> QuerySet[Network]:
    """All networks with member counts and facilitators, for the staff overview."""
    return (
        Network.objects.all()
        .with_member_counts()
        .prefetch_related(
            Prefetch(
                "memberships",
                queryset=Membership.objects.current().facilitators().select_related("person"),
                to_attr="current_facilitators",
            )
        )
        .order_by("name")
    )


def memberships_for_person(person: User) -> QuerySet[Membership]:
    """The person's current memberships with their networks: the start page of a member."""
    return (
        Membership.objects.current()
        .filter(person=person)
        .select_related("network")
        .order_by("network__name", "role")
    )


def members_of_network(network: Network) -> QuerySet[Membership]:
    """Current memberships of a network with each person and school."""
    return (
        network.memberships.current()
        .select_related("person", "person__school")
        .order_by("role", "person__last_name", "person__first_name")
    )


# --- Eligibility facts ---------------------------------------------------------------------


def _application_of(network: Network) -> Application | None:
    try:
        return network.application
    except Application.DoesNotExist:
        return None


def _add_months(day: datetime.date, months: int) -> datetime.date:
    month = day.month - 1 + months
    year = day.year + month // 12
    month = month % 12 + 1
    import calendar

    return day.replace(
        year=year, month=month, day=min(day.day, calendar.monthrange(year, month)[1])
    )


def facts_for_network(network: Network, *, live: bool = False) -> NetworkFacts:
    """The eligibility facts of a network from the database.

    Planned (default): meetings per 12 months from `meetings_per_year`, else the scheduled
    meetings in the first 12 months; fixed participants and facilitators are current members
    plus the application's invitees. Live (the yearly re-check): meetings held in the last
    12 months and current members only. Read-only; anyone who may see the network may call."""
    application = _application_of(network)
    today = timezone.localdate()
    memberships = list(network.memberships.current().select_related("person", "person__school"))
    invitees = [] if (live or application is None) else list(application.invitees.all())

    participant_emails = {
        m.person.email.lower() for m in memberships if m.role == Role.PARTICIPANT and m.is_fixed
    }
    facilitator_emails = {m.person.email.lower() for m in memberships if m.role == Role.FACILITATOR}
    for invitee in invitees:
        target = (
            facilitator_emails if invitee.role == InviteeRole.FACILITATOR else participant_emails
        )
        target.add(invitee.email.lower())

    meetings = network.meetings.scheduled()
    if live:
        since = timezone.now() - datetime.timedelta(days=365)
        meetings_count = meetings.filter(starts_at__gte=since, ends_at__lt=timezone.now()).count()
        meetings_source = "held"
    elif network.meetings_per_year is not None:
        meetings_count = network.meetings_per_year
        meetings_source = "planned"
    else:
        start = network.start_date or today
        window_start = timezone.make_aware(datetime.datetime.combine(start, datetime.time.min))
        window_end = timezone.make_aware(
            datetime.datetime.combine(_add_months(start, 12), datetime.time.min)
        )
        counted = meetings.filter(starts_at__gte=window_start, starts_at__lt=window_end).count()
        meetings_count = counted or None
        meetings_source = "planned"

    academy_invited = meetings.filter(academy_invited=True).exists() or bool(
        application and application.invited_meeting.strip()
    )

    # The applicant: from the application's snapshot, else the network's first penvoerder.
    function, school = "", None
    if application is not None:
        function, school = application.applicant_function, application.applicant_school
    else:
        penvoerders = [m for m in memberships if m.role == Role.PENVOERDER]
        if penvoerders:
            function, school = penvoerders[0].person.function, penvoerders[0].person.school
    function_label = ""
    if function:
        function_label = str(Function(function).label)

    judgements = {}
    if application is not None:
        judgements = {
            j.criterion: j.status
            for j in application.judgements.all()
            if j.criterion in eligibility.JUDGED_CRITERIA
        }
    return NetworkFacts(
        field_statement=network.field_statement,
        applicant_function_is_leadership=(function in LEADERSHIP_FUNCTIONS) if function else None,
        applicant_function_label=function_label,
        applicant_school_is_vo=school.is_vo if school else None,
        applicant_school_name=school.name if school else "",
        name=network.name,
        description=network.description,
        access=network.access or None,
        listed_in_directory=network.listed_in_directory,
        focus_competence_count=network.focus_competences.count(),
        monitoring_consent=network.monitoring_consent,
        meetings_per_12_months=meetings_count,
        meetings_source=meetings_source,
        contact_means_count=len(network.contact_means or []) + (1 if network.contact_other else 0),
        fixed_participants=len(participant_emails),
        academy_invited=academy_invited,
        facilitator_count=len(facilitator_emails),
        start_date=network.start_date,
        planned_end_date=network.planned_end_date,
        judgements=judgements,
    )


def eligibility_for_network(network: Network) -> list[eligibility.CriterionResult]:
    """The automatic result per criterion (judged criteria with staff's judgement)."""
    return eligibility.evaluate(facts_for_network(network))


# --- Applications ----------------------------------------------------------------------------


def applications_for_person(person: User) -> QuerySet[Application]:
    """The applications the person may open as penvoerder, newest first."""
    return (
        Application.objects.filter(network__in=Network.objects.with_role(person, Role.PENVOERDER))
        .select_related("network")
        .order_by("-created_at")
    )


def applications_for_review() -> QuerySet[Application]:
    """All non-draft applications with what the staff queue shows, oldest submission first."""
    from .enums import NetworkStatus

    return (
        Application.objects.exclude(network__status=NetworkStatus.DRAFT)
        .select_related("network", "applicant", "applicant_school")
        .order_by("submitted_at", "pk")
    )


def application_for_page(pk: int, user: User) -> Application:
    """One application the user may see, with its network, invitees and decisions loaded."""
    from django.shortcuts import get_object_or_404

    return get_object_or_404(
        Application.objects.visible_to(user)
        .select_related("network", "applicant", "applicant_school")
        .prefetch_related(
            "invitees",
            "network__focus_competences",
            Prefetch("decisions", queryset=Decision.objects.select_related("decided_by")),
            Prefetch("judgements", queryset=CriterionJudgement.objects.select_related("judged_by")),
        ),
        pk=pk,
    )


def review_rows(application: Application) -> list[dict]:
    """Per criterion: the automatic result beside staff's judgement (if any), in order."""
    from .enums import Criterion

    results = eligibility_for_network(application.network)
    judgements = {j.criterion: j for j in application.judgements.all()}
    rows = []
    for result in results:
        judgement = judgements.get(result.code)
        rows.append(
            {
                "code": result.code,
                "label": Criterion(result.code).label,
                "result": result,
                "judgement": judgement,
                "effective": judgement.status if judgement else result.status,
            }
        )
    return rows


def history_for_application(application: Application) -> list[dict]:
    """Every recorded change to the application, its network, judgements and decisions:
    who, when, what — newest first."""
    entries = []

    def collect(records, label_for):
        previous = {}
        for record in sorted(records, key=lambda r: (r.history_date, r.history_id)):
            key = record.id
            changes = []
            old = previous.get(key)
            if old is not None:
                delta = record.diff_against(old)
                changes = [
                    str(record.instance._meta.get_field(c.field).verbose_name)
                    for c in delta.changes
                ]
            previous[key] = record
            entries.append(
                {
                    "when": record.history_date,
                    "who": record.history_user,
                    "what": label_for(record),
                    "type": record.get_history_type_display(),
                    "changes": changes,
                }
            )

    collect(
        Network.history.filter(id=application.network_id).select_related("history_user"),
        lambda r: _("Network"),
    )
    collect(
        Application.history.filter(id=application.pk).select_related("history_user"),
        lambda r: _("Application"),
    )
    collect(
        CriterionJudgement.history.filter(application_id=application.pk).select_related(
            "history_user"
        ),
        lambda r: _("Judgement: %(criterion)s") % {"criterion": r.get_criterion_display()},
    )
    collect(
        ApplicationInvitee.history.filter(application_id=application.pk).select_related(
            "history_user"
        ),
        lambda r: _("%(role)s: %(email)s") % {"role": r.get_role_display(), "email": r.email},
    )
    collect(
        Decision.history.filter(application_id=application.pk).select_related("history_user"),
        lambda r: _("Decision: %(kind)s") % {"kind": r.get_kind_display()},
    )
    entries.sort(key=lambda e: e["when"], reverse=True)
    return entries


# --- Directory and API -----------------------------------------------------------------------


def networks_for_directory() -> QuerySet[Network]:
    """Supported, listed networks with their current facilitators and, for networks whose
    facilitator has no account yet, the facilitator named in the application."""
    return (
        Network.objects.in_directory()
        .prefetch_related(
            Prefetch(
                "memberships",
                queryset=Membership.objects.current().facilitators().select_related("person"),
                to_attr="current_facilitators",
            ),
            Prefetch(
                "application__invitees",
                queryset=ApplicationInvitee.objects.filter(role=InviteeRole.FACILITATOR),
                to_attr="invited_facilitators",
            ),
        )
        .order_by("name")
    )


def public_facilitator_names(network: Network) -> list[str]:
    """The facilitator names a visitor may see (names only, never addresses).

    Expects a network from `networks_for_directory()` (prefetched, no extra queries)."""
    names = [m.person.full_name for m in getattr(network, "current_facilitators", [])]
    if names:
        return names
    try:
        application = network.application
    except Application.DoesNotExist:
        return []
    return [i.name for i in getattr(application, "invited_facilitators", []) if i.name]


# --- Yearly re-check -------------------------------------------------------------------------


def networks_due_for_recheck(on: datetime.date | None = None) -> QuerySet[Network]:
    """Supported networks that started at least a year ago."""
    on = on or timezone.localdate()
    year_ago = _add_months(on, -12)
    return Network.objects.filter(
        status__in=SUPPORTED_STATUSES, start_date__isnull=False, start_date__lte=year_ago
    ).order_by("pk")


def recheck_flags_for_networks(network_ids: Iterable[int]) -> dict[int, RecheckResult]:
    """The latest flagged re-check per network id (only flagged ones), in one query.

    For dashboards: `{network_id: RecheckResult}`; `result.shortfalls` lists the evidence."""
    latest: dict[int, RecheckResult] = {}
    for result in RecheckResult.objects.filter(network_id__in=list(network_ids)).order_by(
        "network_id", "-period_start"
    ):
        latest.setdefault(result.network_id, result)
    return {nid: r for nid, r in latest.items() if r.flagged}


def flagged_rechecks() -> list[RecheckResult]:
    """The latest re-check of every supported network that falls short, for staff."""
    results = (
        RecheckResult.objects.filter(network__status__in=SUPPORTED_STATUSES)
        .select_related("network")
        .order_by("network__name", "-period_start")
    )
    latest: dict[int, RecheckResult] = {}
    for result in results:
        latest.setdefault(result.network_id, result)
    return [r for r in latest.values() if r.flagged]


def open_applications_for_person(person: User) -> list[Application]:
    """The person's applications still being written or awaiting review (the start page of a
    penvoerder). Read-only; for the person themself."""
    return list(
        applications_for_person(person).filter(
            network__status__in=[*EDITABLE_APPLICATION_STATUSES, NetworkStatus.SUBMITTED]
        )
    )


def review_queue_count() -> int:
    """How many applications await review. Read-only; for staff who may review."""
    return Application.objects.awaiting_review().count()


def application_of_network(network: Network) -> Application | None:
    """The network's application, if it was started through one. Read-only; the caller
    checks `networks.view_application` before showing it."""
    return Application.objects.filter(network=network).first()
