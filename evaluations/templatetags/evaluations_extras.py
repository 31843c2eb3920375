from django import template

from networks.enums import Phase

from .. import numbers
from ..enums import OutcomeKind

register = template.Library()


@register.filter
def percent(value) -> str:
    """0.8 -> "80%"; "—" for None (evaluations/numbers.py: the one rounding)."""
    return numbers.percent(value)


@register.filter
def decimal(value, digits=2) -> str:
    return numbers.decimal(value, int(digits))


@register.filter
def signed(value, digits=2) -> str:
    return numbers.signed(value, int(digits))


@register.filter
def phase_label(value) -> str:
    if not value:
        return "—"
    return str(dict(Phase.choices).get(value, value))


@register.filter
def outcome_kind_label(value) -> str:
    return str(dict(OutcomeKind.choices).get(value, value))


@register.filter
def get_item(mapping, key):
    return mapping.get(key) if mapping else None
