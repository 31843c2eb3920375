"""Round reports per network and overall: page, PDF (WeasyPrint) and CSV."""

from __future__ import annotations

from django.core.cache import cache
from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from django.template.loader import render_to_string
from django.utils.text import slugify
from django.utils.translation import get_language, pgettext
from django.utils.translation import gettext as _
from django.views.generic import TemplateView

from leernetwerk.exports import csv_response
from networks.models import Network

from .. import charts, numbers, selectors
from ..enums import SCALE_LABELS
from ..models import EvaluationRound
from ..rules import ReportRef
from .base import PermissionOr404Mixin


def _number(value, digits=2) -> str:
    return numbers.decimal(value, digits, empty="")


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


class ReportMixin(PermissionOr404Mixin):
    """Overall report (no slug): staff. Network report: staff, the network's facilitator,
    its members once published."""

    def get_round(self):
        if not hasattr(self, "round"):
            self.round = get_object_or_404(EvaluationRound, pk=self.kwargs["pk"])
        return self.round

    def get_network(self):
        slug = self.kwargs.get("slug")
        if slug is None:
            return None
        if not hasattr(self, "network"):
            self.network = get_object_or_404(
                Network.objects.filter(evaluation_rounds=self.get_round()), slug=slug
            )
        return self.network

    def get_permission_object(self):
        network = self.get_network()
        if network is None:
            self.permission_required = "evaluations.view_overall_report"
            return None
        self.permission_required = "evaluations.view_report"
        return ReportRef(round=self.get_round(), network=network)

    def report_context(self) -> dict:
        network = self.get_network()
        report = selectors.report_for(self.get_round(), network)
        prefix = f"r{self.get_round().pk}-{network.pk if network else 'all'}"
        return {
            "round": self.get_round(),
            "network": network,
            "report": report,
            "charts": build_charts(
                report, prefix, version=_version(self.get_round().scores_computed_at)
            ),
            "scale_labels": list(SCALE_LABELS.items()),
            "network_results": selectors.network_reports_for(self.get_round())
            if network is None
            else [],
        }

    def filename(self, extension: str) -> str:
        network = self.get_network()
        name = f"evaluatie-{self.get_round().pk}-{network.slug if network else 'totaal'}"
        return f"{slugify(name)}.{extension}"


class ReportView(ReportMixin, TemplateView):
    template_name = "evaluations/report.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(**self.report_context(), **kwargs)


class ReportPdfView(ReportMixin, TemplateView):
    def get(self, request, *args, **kwargs):
        from weasyprint import HTML

        html = render_to_string("evaluations/report_pdf.html", self.report_context(), request)
        pdf = HTML(string=html, base_url=request.build_absolute_uri("/")).write_pdf()
        response = HttpResponse(pdf, content_type="application/pdf")
        response["Content-Disposition"] = f'attachment; filename="{self.filename("pdf")}"'
        return response


class ReportCsvView(ReportMixin, TemplateView):
    def get(self, request, *args, **kwargs):
        context = self.report_context()
        header = [
            _("Question"),
            _("Respondents"),
            _("Mean"),
            _("Standard deviation"),
            *[str(v) for v in range(1, 6)],
            _("Share agreeing (4-5)"),
            _("Don't know / n/a"),
            _("Baseline mean"),
            pgettext("score difference", "Change"),
            _("Effect size (Cohen's d)"),
        ]
        rows = []
        for score in context["report"]["scores"]:
            if score.is_withheld:
                rows.append(
                    [score.item.text, _("fewer than %(n)s") % {"n": 5}, _("withheld")]
                    + [""] * (len(header) - 3)
                )
                continue
            rows.append(
                [
                    score.item.text,
                    score.n,
                    _number(score.mean),
                    _number(score.sd),
                    *score.distribution,
                    numbers.percent(score.share_agreeing, empty=""),
                    score.dont_know,
                    _number(score.baseline_mean),
                    _number(score.change),
                    _number(score.effect_size),
                ]
            )
        return csv_response(self.filename("csv"), rows, header=header)
