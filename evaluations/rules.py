"""Who may do what with evaluations, reports, the Leer-top 3, phases and outcomes."""

from __future__ import annotations

from dataclasses import dataclass

import rules

from networks.rules import is_academy_staff, is_facilitator, is_member, is_penvoerder


@dataclass(frozen=True)
class ReportRef:
    """A round's report for one network: the object the report permission is about."""

    round: object
    network: object


@rules.predicate
def is_report_facilitator(user, ref: ReportRef) -> bool:
    return is_facilitator(user, ref.network)


@rules.predicate
def is_report_member(user, ref: ReportRef) -> bool:
    return is_member(user, ref.network)


@rules.predicate
def is_published(user, ref: ReportRef) -> bool:
    return bool(ref.round.is_published)


rules.add_perm("evaluations.manage_rounds", is_academy_staff)
rules.add_perm("evaluations.view_overall_report", is_academy_staff)
rules.add_perm(
    "evaluations.view_report",
    is_academy_staff | is_report_facilitator | (is_report_member & is_published),
)
rules.add_perm("evaluations.view_response_rate", is_academy_staff | is_facilitator)
rules.add_perm("evaluations.manage_surveys", is_academy_staff)
rules.add_perm("evaluations.view_dashboard", is_academy_staff)
rules.add_perm("evaluations.set_phase", is_academy_staff | is_facilitator)
rules.add_perm("evaluations.view_phase", is_academy_staff | is_facilitator | is_penvoerder)
rules.add_perm("evaluations.add_outcome", is_member)


@rules.predicate
def is_outcome_author(user, outcome) -> bool:
    return outcome is not None and outcome.author_id == user.pk and is_member(user, outcome.network)


@rules.predicate
def facilitates_outcome_network(user, outcome) -> bool:
    return outcome is not None and is_facilitator(user, outcome.network)


# Who recorded an outcome may correct or remove it while a member; so may the facilitator.
# (Not "change_outcome": the admin asks that model permission without an object.)
rules.add_perm("evaluations.edit_outcome", is_outcome_author | facilitates_outcome_network)
rules.add_perm("evaluations.view_outcomes", is_academy_staff | is_member)
