"""Slots this app fills on shared pages (navigation, start page, network page).

Each tag runs a fixed number of queries, whatever the amount of data. Permissions without an
object are asked of the rules registry directly (`rules.has_perm`): through `user.has_perm`
a refusal falls through to Django's ModelBackend, which costs two permission queries on every
page (these rules-only permissions have no Django permission rows it could find)."""

import rules
from django import template

from ..selectors import (
    application_of_network,
    flagged_rechecks,
    open_applications_for_person,
    recheck_flags_for_networks,
    review_queue_count,
)

register = template.Library()


@register.inclusion_tag("networks/_nav.html", takes_context=True)
def networks_nav(context):
    user = context["request"].user
    return {
        "request": context["request"],
        "user": user,
        "can_review": rules.has_perm("networks.review_application", user),
    }


@register.inclusion_tag("networks/_start_section.html", takes_context=True)
def networks_start_section(context):
    """Penvoerders: their open applications. Staff: the review count and re-check flags."""

    user = context["request"].user
    data = {"request": context["request"], "user": user}
    if not user.is_authenticated:
        return data
    data["open_applications"] = open_applications_for_person(user)
    if rules.has_perm("networks.review_application", user):
        data["can_review"] = True
        data["awaiting_count"] = review_queue_count()
        data["flagged"] = flagged_rechecks()
    return data


@register.inclusion_tag("networks/_network_section.html", takes_context=True)
def networks_network_section(context, network):
    """A link to the network's application (penvoerders, staff) and staff's re-check flag."""

    user = context["request"].user
    data = {"request": context["request"], "user": user, "network": network}
    application = application_of_network(network)
    if application is not None:
        data["application"] = application
        data["can_view_application"] = user.has_perm("networks.view_application", application)
    if rules.has_perm("networks.view_recheck", user):
        data["can_review"] = True
        data["recheck"] = recheck_flags_for_networks([network.pk]).get(network.pk)
    return data
