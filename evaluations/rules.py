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
# Results staff shared back to the network: its members only (issue 12.5).
rules.add_perm("evaluations.view_shared_results", is_member)
rules.add_perm("evaluations.view_response_rate", is_academy_staff | is_facilitator)
rules.add_perm("evaluations.manage_surveys", is_academy_staff)
rules.add_perm("evaluations.view_dashboard", is_academy_staff)
rules.add_perm("evaluations.set_phase", is_academy_staff | is_facilitator)
rules.add_perm("evaluations.view_phase", is_academy_staff | is_facilitator | is_penvoerder)
rules.add_perm("evaluations.add_outcome", is_member)


@rules.predicate
def is_outcome_author(user, outcome) -> bool:
    """The author of an outcome or a story, while a member of its network."""
    return outcome is not None and outcome.author_id == user.pk and is_member(user, outcome.network)


@rules.predicate
def facilitates_outcome_network(user, outcome) -> bool:
    return outcome is not None and is_facilitator(user, outcome.network)


# Who recorded an outcome may correct or remove it while a member; so may the facilitator.
# (Not "change_outcome": the admin asks that model permission without an object.)
rules.add_perm("evaluations.edit_outcome", is_outcome_author | facilitates_outcome_network)
rules.add_perm("evaluations.view_outcomes", is_academy_staff | is_member)
# A value-creation story is its author's own account: only she rewrites or removes it, while
# a member (product rule, DOMAIN.md; the facilitator records outcomes, not others' stories).
rules.add_perm("evaluations.edit_story", is_outcome_author)


@rules.predicate
def is_uploader(user, job) -> bool:
    return bool(
        user and user.is_authenticated and job is not None and job.uploaded_by_id == user.pk
    )


# A ballot upload's job page (progress, errors, result) is the uploader's own working state:
# only the uploader, while she may still run surveys (as the upload itself).
rules.add_perm("evaluations.view_ballotimport", is_uploader & is_academy_staff)
