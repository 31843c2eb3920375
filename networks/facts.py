"""The one eligibility-facts builder: every reading of the criteria starts here.

The live check on the application form, the application page, the review page, the review
queue's stored result, the decision guard, the yearly re-check and `manage.py eligibility` all
call `facts_for_network` (or `criteria_rows`, built on it). It reads the SAVED data with fresh
queries and never a relation an earlier query left in memory (a prefetched invitee list, a
cached count): a draft that just lost its facilitator reads as having none. The one exception
is a page that has itself just read the application, with its relations, in the same request
and changes nothing before showing it (the review page): it hands that application over and
its rows are used (`application=`); a test keeps both readings equal. The criteria
themselves are the pure `networks.eligibility` module."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, replace

from django.db.models import Prefetch
from django.utils import timezone

from participants.enums import LEADERSHIP_FUNCTIONS, Function

from . import eligibility
from .eligibility import CriterionResult, NetworkFacts
from .enums import Criterion, InviteeRole, Role
from .models import (
    Application,
    CriterionJudgement,
    Membership,
    Network,
)


def facts_for_network(
    network: Network, *, live: bool = False, application: Application | None = None
) -> NetworkFacts:
    """The eligibility facts of a network as saved in the database.

    Planned (default): meetings per 12 months from `meetings_per_year`, else the scheduled
    meetings in the first 12 months; fixed participants and facilitators are current members
    plus the people the application names in that role. Live (the yearly re-check): meetings
    held in the last 12 months and current members only. Read-only; safe to call any time.
    Callers have checked that the viewer may see the network.

    `application`: the network's application as the caller read it from the database in
    this request, unchanged since, with its network, applicant school, invitees, judgements
    and the network's focus competences loaded (`application_for_page`); those rows are
    used instead of being read again. Anything else passes nothing."""
    if application is None:
        network = Network.objects.get(pk=network.pk)  # the saved row, not the caller's copy
        application = (
            Application.objects.select_related("applicant_school").filter(network=network).first()
        )
    else:
        if application.network_id != network.pk:
            raise ValueError("the application is not this network's")
        network = application.network
    today = timezone.localdate()
    # Only the columns the criteria read: a page builds these facts on every view.
    memberships = list(
        Membership.objects.current()
        .filter(network=network)
        .values(
            "role",
            "is_fixed",
            "person__email",
            "person__function",
            "person__school__name",
            "person__school__is_vo",
        )
    )
    invitees = [] if (live or application is None) else list(application.invitees.all())

    participant_emails = {
        m["person__email"].lower()
        for m in memberships
        if m["role"] == Role.PARTICIPANT and m["is_fixed"]
    }
    facilitator_emails = {
        m["person__email"].lower() for m in memberships if m["role"] == Role.FACILITATOR
    }
    for invitee in invitees:
        if invitee.role == InviteeRole.FACILITATOR:
            facilitator_emails.add(invitee.email.lower())
        elif invitee.role == InviteeRole.PARTICIPANT:
            participant_emails.add(invitee.email.lower())

    meetings = network.meetings.scheduled()  # meetings sit above networks: the reverse relation
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
            datetime.datetime.combine(eligibility.add_months(start, 12), datetime.time.min)
        )
        counted = meetings.filter(starts_at__gte=window_start, starts_at__lt=window_end).count()
        meetings_count = counted or None
        meetings_source = "planned"

    academy_invited = meetings.filter(academy_invited=True).exists() or bool(
        application and application.invited_meeting.strip()
    )

    # The applicant: from the application's snapshot, else the network's first penvoerder.
    function, school_name, school_is_vo = "", "", None
    if application is not None:
        function = application.applicant_function
        if application.applicant_school is not None:
            school_name = application.applicant_school.name
            school_is_vo = application.applicant_school.is_vo
    else:
        penvoerders = [m for m in memberships if m["role"] == Role.PENVOERDER]
        if penvoerders:
            first = penvoerders[0]
            function = first["person__function"]
            school_name = first["person__school__name"] or ""  # None: she names no school
            school_is_vo = first["person__school__is_vo"]

    judgements = {}
    if application is not None:
        judgements = {
            judgement.criterion: judgement.status
            for judgement in application.judgements.all()
            if judgement.criterion in eligibility.JUDGED_CRITERIA
        }
    return NetworkFacts(
        field_statement=network.field_statement,
        applicant_function_is_leadership=(function in LEADERSHIP_FUNCTIONS) if function else None,
        applicant_function_label=str(Function(function).label) if function else "",
        applicant_school_is_vo=school_is_vo,
        applicant_school_name=school_name,
        name=network.name,
        description=network.description,
        access=network.access or None,
        listed_in_directory=network.listed_in_directory,
        focus_competence_count=len(network.focus_competences.all()),
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


def automatic_result(network: Network, code: str) -> CriterionResult:
    """The automatic result of one criterion from the data alone, without staff judgement."""
    facts = replace(facts_for_network(network), judgements={})
    return eligibility.evaluate(facts, [code])[0]


@dataclass(frozen=True)
class CriterionRow:
    """One criterion as every page shows it: the automatic result beside staff's judgement."""

    code: str
    label: str
    result: CriterionResult
    judgement: CriterionJudgement | None

    @property
    def effective(self) -> str:
        """Staff's judgement where there is one, else the automatic result."""
        return self.judgement.status if self.judgement else self.result.status

    @property
    def is_met(self) -> bool:
        return self.effective == eligibility.MET


def criteria_rows(network: Network, application: Application | None = None) -> list[CriterionRow]:
    """Per criterion, in DOMAIN.md order: the automatic result from the data alone (a judged
    criterion's without staff's judgement, so it never repeats the judgement) beside staff's
    judgement, from the saved data; `effective` combines them. Read-only. `application`: the
    network's application with its judgements loaded, when the caller has it (the review
    page); otherwise it is read here."""
    facts = facts_for_network(network, application=application)
    results = eligibility.evaluate(replace(facts, judgements={}))
    if application is None:
        application = (
            Application.objects.filter(network_id=network.pk)
            .prefetch_related(
                Prefetch(
                    "judgements", queryset=CriterionJudgement.objects.select_related("judged_by")
                )
            )
            .first()
        )
    judgements = (
        {j.criterion: j for j in application.judgements.all()} if application is not None else {}
    )
    return [
        CriterionRow(
            code=result.code,
            label=str(Criterion(result.code).label),
            result=result,
            judgement=judgements.get(result.code),
        )
        for result in results
    ]


def shortfalls(rows: list[CriterionRow]) -> list[CriterionRow]:
    """The criteria that are not met (not met or unknown) after staff's judgements."""
    return [row for row in rows if not row.is_met]
