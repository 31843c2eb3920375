"""What a round's report shows, for its page, its PDF (built by the worker) and its CSV: one
builder, so the three agree on every number (issue 12.6)."""

from __future__ import annotations

from django.core.cache import cache
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from . import charts, selectors
from .enums import SCALE_LABELS


def _version(computed_at) -> str:
    return f"{computed_at.timestamp():.6f}" if computed_at else ""


def build_charts(report: dict, prefix: str, version: str = "") -> dict:
    """SVG charts of a report's shown item scores (none when everything is withheld).

    Drawing takes matplotlib a few hundred milliseconds, so a chart is kept in the cache for
    as long as the scores it shows stay the same (`version`: when they were computed)."""
    if not version:
        return _draw_charts(report, prefix)
    key = f"evaluations:charts:{prefix}:{version}:{get_language()}"
    charts_ = cache.get(key)
    if charts_ is None:
        charts_ = _draw_charts(report, prefix)
        cache.set(key, charts_, timeout=60 * 60 * 24)
    return charts_


def _draw_charts(report: dict, prefix: str) -> dict:
    shown = [s for s in report["scores"] if not s.is_withheld]
    result = {"distribution": "", "baseline": ""}
    if shown:
        result["distribution"] = charts.distribution_chart(
            _("Distribution of answers per item"),
            [(s.item.text, s.distribution) for s in shown],
            [str(label) for label in SCALE_LABELS.values()],
            prefix=f"{prefix}-dist",
        )
    with_baseline = [s for s in shown if s.baseline_mean is not None]
    if with_baseline:
        result["baseline"] = charts.baseline_chart(
            _("Mean at the baseline and now per item"),
            [(s.item.text, s.baseline_mean, s.mean) for s in with_baseline],
            (_("Baseline"), _("Now")),
            prefix=f"{prefix}-base",
        )
    return result


def report_context(evaluation, network=None) -> dict:
    """The template context of a round's report for the network (overall with None)."""
    report = selectors.report_for(evaluation, network)
    prefix = f"r{evaluation.pk}-{network.pk if network else 'all'}"
    return {
        "round": evaluation,
        "network": network,
        "report": report,
        "charts": build_charts(report, prefix, version=_version(evaluation.scores_computed_at)),
        "scale_labels": list(SCALE_LABELS.items()),
        "network_results": selectors.network_reports_for(evaluation) if network is None else [],
    }
