"""Slots this app fills on shared pages (navigation, start page, network page).

Each tag runs a fixed number of queries, whatever the amount of data. Permissions are asked of
the rules registry directly (`rules.has_perm`): through `user.has_perm` a refusal falls through
to Django's ModelBackend, which costs two permission queries on every page."""

import rules
from django import template

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
    from ..selectors import open_invitations_for, published_reports_for

    user = context["request"].user
    return {
        "request": context["request"],
        "user": user,
        "invitations": open_invitations_for(user),
        "published_reports": published_reports_for(user) if user.is_authenticated else [],
    }


@register.inclusion_tag("evaluations/_network_section.html", takes_context=True)
def evaluations_network_section(context, network):
    from ..models import Outcome, PhaseReport, RoundResult
    from ..rules import ReportRef
    from ..selectors import network_response_rates

    user = context["request"].user
    report = PhaseReport.objects.filter(network=network).order_by("-computed_on").first()
    latest_result = (
        RoundResult.objects.filter(network=network, round__status="closed")
        .select_related("round")
        .order_by("-round__opens_on", "-round__pk")
        .first()
    )
    if latest_result and not rules.has_perm(
        "evaluations.view_report", user, ReportRef(round=latest_result.round, network=network)
    ):
        latest_result = None
    return {
        "request": context["request"],
        "user": user,
        "network": network,
        "phase_report": report,
        "latest_result": latest_result,
        "outcome_count": Outcome.objects.visible_to(user).filter(network=network).count(),
        "can_view_phase": rules.has_perm("evaluations.view_phase", user, network),
        "can_add_outcome": rules.has_perm("evaluations.add_outcome", user, network),
        "live_rates": network_response_rates(network)
        if rules.has_perm("evaluations.view_response_rate", user, network)
        else None,
    }


@register.inclusion_tag("evaluations/_public_outcomes.html")
def evaluations_public_outcomes(network):
    """Outcomes their authors made public, for the network's page in the public directory."""
    from ..selectors import public_outcomes_for_network

    return {"outcomes": list(public_outcomes_for_network(network)[:20])}
