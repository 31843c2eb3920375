"""Round reports per network and overall: page, PDF (WeasyPrint) and CSV."""

from __future__ import annotations

from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.text import slugify
from django.utils.translation import get_language, pgettext
from django.utils.translation import gettext as _
from django.views.generic import TemplateView

from leernetwerk.exports import csv_response
from leernetwerk.forms import Form
from leernetwerk.permissions import PermissionOr404Mixin
from leernetwerk.views import ServiceFormView
from networks.models import Network

from .. import numbers, reporting, selectors, services
from ..models import EvaluationRound, ReportPdf
from ..rules import ReportRef


def _number(value, digits=2) -> str:
    return numbers.decimal(value, digits, empty="")


def _response_cells(name: str, result) -> list:
    """One response line: who was invited and answered, as counts (the HTML report's)."""
    return [name, result.invited, result.responded, numbers.percent(result.response_rate)]


def _paired_cells(score) -> list:
    """The paired change of a score for the CSV: its figures, or why it is not shown."""
    if not score.item.code:
        return [""] * 5
    if score.paired_withheld or score.paired_n is None:
        reason = score.get_paired_withheld_display() if score.paired_withheld else ""
        return [_("not shown"), reason, "", "", ""]
    return [
        score.paired_n,
        _number(score.paired_change),
        _number(score.paired_ci_low),
        _number(score.paired_ci_high),
        _number(score.paired_effect_size),
    ]


class ReportMixin(PermissionOr404Mixin):
    """Overall report (no slug): staff. Network report: staff, the network's facilitator,
    its members once published."""

    def get_round(self):
        if not hasattr(self, "round"):
            self.round = get_object_or_404(
                EvaluationRound.objects.select_related("baseline_round"), pk=self.kwargs["pk"]
            )
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
        return reporting.report_context(self.get_round(), self.get_network())

    def pdf(self):
        return selectors.report_pdf_for(self.get_round(), self.get_network(), get_language())

    def report_url(self) -> str:
        network = self.get_network()
        if network is None:
            return reverse("evaluations:report", args=[self.get_round().pk])
        return reverse("evaluations:network-report", args=[self.get_round().pk, network.slug])

    def pdf_urls(self) -> dict:
        network = self.get_network()
        args = [self.get_round().pk] + ([network.slug] if network else [])
        prefix = "evaluations:network-report" if network else "evaluations:report"
        return {
            "pdf_url": reverse(f"{prefix}-pdf", args=args),
            "pdf_status_url": reverse(f"{prefix}-pdf-status", args=args),
        }

    def filename(self, extension: str) -> str:
        network = self.get_network()
        name = f"evaluatie-{self.get_round().pk}-{network.slug if network else 'totaal'}"
        return f"{slugify(name)}.{extension}"


class ReportView(ReportMixin, TemplateView):
    template_name = "evaluations/report.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            **self.report_context(), pdf=self.pdf(), **self.pdf_urls(), **kwargs
        )


class ReportPdfView(ReportMixin, ServiceFormView):
    """GET: the PDF once the worker has made it from the current figures, else its status
    (with the button). POST ("PDF maken"): ask the worker to make it; never built here."""

    template_name = "evaluations/report_pdf_status_page.html"
    form_class = Form

    def get(self, request, *args, **kwargs):
        pdf = self.pdf()
        if pdf is not None and pdf.is_current:
            content = ReportPdf.objects.values_list("content", flat=True).get(pk=pdf.pk)
            response = HttpResponse(bytes(content), content_type="application/pdf")
            response["Content-Disposition"] = f'attachment; filename="{self.filename("pdf")}"'
            return response
        return super().get(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            round=self.get_round(),
            network=self.get_network(),
            pdf=self.pdf(),
            report_url=self.report_url(),
            **self.pdf_urls(),
            **kwargs,
        )

    def perform(self, form):
        return services.request_report_pdf(
            self.get_round(), self.get_network(), by=self.request.user, language=get_language()
        )

    # No message: the status on the report page says what state the PDF is in (waiting,
    # being made, ready), one state at a time.

    def get_success_url(self):
        return self.report_url()


class ReportPdfStatusView(ReportMixin, TemplateView):
    """The PDF's status on the report page, polled by htmx while the worker makes it."""

    template_name = "evaluations/_report_pdf_status.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            round=self.get_round(),
            network=self.get_network(),
            pdf=self.pdf(),
            **self.pdf_urls(),
            **kwargs,
        )


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
        linked = context["report"]["is_linked"]
        if linked:
            header += [
                _("Pairs"),
                _("Mean change per person"),
                _("95% confidence interval, low"),
                _("95% confidence interval, high"),
                _("Paired effect size (d_z)"),
            ]
        rows = []
        for score in context["report"]["scores"]:
            paired = _paired_cells(score) if linked else []
            if score.is_withheld:
                group = [score.item.text, _("fewer than %(n)s") % {"n": 5}, _("withheld")]
                rows.append(group + [""] * (len(header) - len(group) - len(paired)) + paired)
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
                    *paired,
                ]
            )
        # The response lines of the HTML report: per network (overall report), then the
        # report's own scope; counts only, never who answered.
        rows += [[], [_("Network"), _("Invited"), _("Responded"), _("Response rate")]]
        for result in context["network_results"]:
            rows.append(_response_cells(result.network.name, result))
        result = context["report"]["result"]
        if result is not None:
            scope = context["network"].name if context["network"] else _("Total")
            rows.append(_response_cells(scope, result))
        return csv_response(self.filename("csv"), rows, header=header)
