"""The start page's slot for the minutes: the person's open actions (a fixed number of
queries, read through a selector)."""

from django import template

from ..selectors import open_actions_for_person

register = template.Library()


@register.inclusion_tag("meetings/_my_actions.html", takes_context=True)
def meetings_my_actions(context):
    user = context["request"].user
    actions = open_actions_for_person(user) if user.is_authenticated else []
    return {"request": context["request"], "user": user, "actions": actions}
