"""Small display helpers for network templates."""

from decimal import Decimal

from django import template
from django.template.defaultfilters import floatformat

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
def with_status(results, status: str) -> list:
    """The criterion results with this status ("met", "not_met", "unknown"), in order."""
    return [r for r in results if r.status == status]


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


@register.filter
def euro(amount: Decimal | int | None) -> str:
    """An amount in the Dutch way, with the euro sign: € 4.000,00 (a dash when unknown).

    Grouping and decimal mark follow the active language's formats (floatformat "2g")."""
    if amount is None or amount == "":
        return "—"
    return "€\u00a0" + floatformat(amount, "2g")


@register.filter
def attr_field(form, name: str):
    """The bound field `name` of a form, for names a template cannot spell (`decision-kind`)."""
    return form[name]
