"""Slots this app fills on shared pages (navigation, start page, network page).

Each tag runs a fixed number of queries, whatever the amount of data."""

import rules
from django import template

from ..selectors import (
    latest_scan_for_owner,
    open_questions_for_owner,
    shared_question_count,
    shared_questions_in_network,
)

register = template.Library()


@register.inclusion_tag("participants/_nav.html", takes_context=True)
def participants_nav(context):
    user = context["request"].user
    return {
        "request": context["request"],
        "user": user,
        # The rules registry directly: a refusal through `user.has_perm` would cost
        # ModelBackend's two permission queries (networks_slots says why).
        "is_staff_viewer": user.is_authenticated
        and rules.has_perm("participants.view_people", user),
    }


@register.inclusion_tag("participants/_start_section.html", takes_context=True)
def participants_start_section(context):

    user = context["request"].user
    data = {"request": context["request"], "user": user}
    if user.is_authenticated:
        data["open_questions"], data["open_question_count"] = open_questions_for_owner(user)
        data["latest_scan"] = latest_scan_for_owner(user)
    return data


@register.inclusion_tag("participants/_network_section.html", takes_context=True)
def participants_network_section(context, network):

    user = context["request"].user
    data = {"request": context["request"], "user": user, "network": network}
    if user.is_authenticated:
        data["can_manage_members"] = user.has_perm("participants.view_member_list", network)
        # Only members have a page of questions shared with them (staff: 404), so only they
        # get the link and its count (issue 15: no link to a page the person may not see).
        data["can_read_shared"] = user.has_perm("participants.view_shared_questions", network)
        if data["can_read_shared"]:
            data["shared_question_count"] = shared_question_count(user, network)
    return data


@register.inclusion_tag("participants/_shared_questions_list.html", takes_context=True)
def participants_shared_questions(context, network, heading_level=2):
    """The learning questions of a network's members that the viewer may read (for a
    facilitator: those shared with the facilitator or the network), e.g. on a meeting's
    preparation page. Two queries, whatever the number of questions."""

    user = context["request"].user
    questions = list(shared_questions_in_network(user, network)) if user.is_authenticated else []
    return {"network": network, "questions": questions, "heading_level": heading_level}
