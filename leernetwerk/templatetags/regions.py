"""Scrolling regions for wide content (issue 15): one way to keep a table usable on a phone.

    {% load regions %}
    {% scroll_region _("Members") %}<table class="table">...</table>{% endscroll_region %}

The table scrolls sideways inside its own region, so the page itself never gets wider than
the screen. The region is named (aria-label, use the table's caption) and can be reached and
scrolled with the keyboard (tabindex="0"), as WCAG 2.1.1 and axe's scrollable-region-focusable
ask. The look lives in static/css/leernetwerk.css (`.table-region`)."""

from __future__ import annotations

from django import template
from django.utils.html import format_html

register = template.Library()


@register.simple_block_tag
def scroll_region(content: str, label: str) -> str:
    """`content` inside a labelled, focusable region that scrolls sideways on its own."""
    return format_html(
        '<div class="table-region" role="region" aria-label="{}" tabindex="0">{}</div>',
        label,
        content,
    )
