"""Small display helpers for network templates."""

from django import template

from ..enums import Criterion, CriterionStatus
from ..selectors import public_facilitator_names

register = template.Library()

_BADGES = {
    CriterionStatus.MET: "text-bg-success",
    CriterionStatus.NOT_MET: "text-bg-danger",
    CriterionStatus.UNKNOWN: "text-bg-secondary",
}


@register.filter
def status_label(status: str) -> str:
    try:
        return CriterionStatus(status).label
    except ValueError:
        return status


@register.filter
def status_badge(status: str) -> str:
    return _BADGES.get(status, "text-bg-secondary")


@register.filter
def criterion_label(code: str) -> str:
    try:
        return Criterion(code).label
    except ValueError:
        return code


@register.filter
def facilitator_names(network) -> str:
    """Public facilitator names of a directory network, comma separated, or a dash."""

    return ", ".join(public_facilitator_names(network)) or "—"
