"""What a BC-Scan result page and the learning record show: scores, comparison, chart."""

from __future__ import annotations

from django.utils.formats import get_format
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from . import bcscan
from .models import BCScan


def scan_result(scan: BCScan, earlier: BCScan | None) -> dict:
    """Scores, comparison, chart and table rows for one scan (also used by the PDF)."""
    scores = bcscan.competence_scores(scan.answers)
    earlier_scores = bcscan.competence_scores(earlier.answers) if earlier else None
    changes = bcscan.compare(scores, earlier_scores)
    labels = {n: str(name) for n, name in bcscan.COMPETENCE_NAMES.items()}
    chart = bcscan.chart_svg(
        scores,
        title=_("BC-Scan result per competence"),
        description=_("Average score from 1 to 5 per competence; the numbers are in the table."),
        labels=labels,
        current_label=_("This scan"),
        earlier=earlier_scores,
        earlier_label=_("Earlier scan"),
        decimal_separator=get_format("DECIMAL_SEPARATOR"),
    )
    rows = [
        {
            "number": n,
            "name": labels[n],
            "score": score,
            "earlier": (earlier_scores or {}).get(n),
            "change": changes.get(n),
            "plan": scan.action_plans.get(str(n), ""),
        }
        for n, score in scores.items()
    ]
    return {
        "chart": mark_safe(chart),  # noqa: S308 - built by bcscan.chart_svg, every text escaped
        "rows": rows,
        "earlier": earlier,
        "develop_next": [labels[n] for n in bcscan.weakest(scores)],
    }
