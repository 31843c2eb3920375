from django import template
from django.utils.formats import number_format

from networks.enums import Phase

from ..enums import OutcomeKind

register = template.Library()


@register.filter
def percent(value) -> str:
    """0.8 -> "80%" (localised); empty for None."""
    if value is None:
        return "—"
    return f"{number_format(round(value * 100), 0)}%"


@register.filter
def decimal(value, digits=2) -> str:
    if value is None:
        return "—"
    return number_format(round(value, int(digits)), int(digits))


@register.filter
def signed(value, digits=2) -> str:
    if value is None:
        return "—"
    text = number_format(round(value, int(digits)), int(digits))
    return f"+{text}" if value > 0 else text


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
