"""Slots this app fills on shared pages (navigation, start page, network page).

Each tag runs a fixed number of queries, whatever the amount of data. Permissions are asked of
the rules registry directly (`rules.has_perm`): through `user.has_perm` a refusal falls through
to Django's ModelBackend, which costs two permission queries on every page."""

import rules
from django import template
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from .. import charts
from ..enums import SCALE_LABELS
from ..rules import ReportRef
from ..selectors import (
    latest_phase_report,
    latest_result_for_network,
    network_response_rates,
    open_invitations_for,
    outcome_count_for_network,
    public_outcomes_for_network,
    public_stories_for_network,
    published_reports_for,
    shared_results_for_network,
)

register = template.Library()


@register.inclusion_tag("evaluations/_nav.html", takes_context=True)
def evaluations_nav(context):
    user = context["request"].user
    return {
        "request": context["request"],
        "user": user,
        "can_manage": rules.has_perm("evaluations.manage_rounds", user),
    }


@register.inclusion_tag("evaluations/_start_section.html", takes_context=True)
def evaluations_start_section(context):
    user = context["request"].user
    return {
        "request": context["request"],
        "user": user,
        "invitations": open_invitations_for(user),
        "published_reports": published_reports_for(user) if user.is_authenticated else [],
    }


@register.inclusion_tag("evaluations/_network_section.html", takes_context=True)
def evaluations_network_section(context, network):
    user = context["request"].user
    report = latest_phase_report(network)
    latest_result = latest_result_for_network(network)
    # Every member sees which round is the latest (its name is no result); only who may
    # read the network's report gets the link to it.
    can_view_latest_report = bool(latest_result) and rules.has_perm(
        "evaluations.view_report", user, ReportRef(round=latest_result.round, network=network)
    )
    return {
        "request": context["request"],
        "user": user,
        "network": network,
        "phase_report": report,
        "latest_result": latest_result,
        "can_view_latest_report": can_view_latest_report,
        "outcome_count": outcome_count_for_network(network, user),
        "can_view_phase": rules.has_perm("evaluations.view_phase", user, network),
        "can_add_outcome": rules.has_perm("evaluations.add_outcome", user, network),
        "shared_results": _with_charts(shared_results_for_network(network), network)
        if rules.has_perm("evaluations.view_shared_results", user, network)
        else [],
        "live_rates": network_response_rates(network)
        if rules.has_perm("evaluations.view_response_rate", user, network)
        else None,
    }


def _with_charts(shared: list[dict], network) -> list[dict]:
    """Each shared round's chart of its shown items (drawn once per set of figures)."""
    for entry in shared:
        shown = [s for s in entry["scores"] if not s.is_withheld]
        entry["chart"] = ""
        if not shown:
            continue
        evaluation = entry["round"]
        computed = evaluation.scores_computed_at.timestamp() if evaluation.scores_computed_at else 0
        ids = "-".join(str(s.item_id) for s in shown)
        prefix = f"shared-{evaluation.pk}-{network.pk}"
        key = f"evaluations:shared:{prefix}:{computed:.6f}:{ids}:{get_language()}"
        entry["chart"] = charts.cached(
            key,
            lambda shown=shown, prefix=prefix, title=evaluation.title: charts.distribution_chart(
                _("Distribution of answers: %(round)s") % {"round": title},
                [(s.item.text, s.distribution) for s in shown],
                [str(label) for label in SCALE_LABELS.values()],
                prefix=prefix,
            ),
        )
    return shared


@register.inclusion_tag("evaluations/_public_outcomes.html")
def evaluations_public_outcomes(network):
    """Outcomes and value-creation stories their authors made public, for the network's
    page in the public directory."""
    return {
        "outcomes": list(public_outcomes_for_network(network)[:20]),
        "stories": list(public_stories_for_network(network)[:20]),
    }
