"""Slots this app fills on shared pages (navigation, start page, network page), and the
labels for stored answers.

Each tag runs a fixed number of queries, whatever the amount of data."""

from django import template
from django.utils.translation import gettext as _

from ..enums import PollAnswerChoice, ResponseAnswer
from ..selectors import network_section, open_polls_for_person, upcoming_meetings_for_person

register = template.Library()


@register.inclusion_tag("meetings/_nav.html", takes_context=True)
def meetings_nav(context):
    return {"request": context["request"], "user": context["request"].user}


@register.inclusion_tag("meetings/_start_section.html", takes_context=True)
def meetings_start_section(context):
    user = context["request"].user
    meetings = upcoming_meetings_for_person(user) if user.is_authenticated else []
    return {
        "request": context["request"],
        "user": user,
        "meetings": meetings,
        "open_polls": open_polls_for_person(user),
    }


@register.inclusion_tag("meetings/_network_section.html", takes_context=True)
def meetings_network_section(context, network):
    user = context["request"].user
    return {
        "request": context["request"],
        "user": user,
        "network": network,
        "section": network_section(network),
        "can_organise": user.has_perm("meetings.add_meeting", network),
    }


@register.filter
def answer_label(value) -> str:
    """The label of a stored meeting answer, or "not answered yet"."""
    if not value:
        return _("Not answered yet")
    return str(ResponseAnswer(value).label)


@register.filter
def poll_answer_label(value) -> str:
    return str(PollAnswerChoice(value).label) if value else "—"
