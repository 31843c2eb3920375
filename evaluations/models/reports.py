"""Report PDFs made by the worker (issue 12.6): a row with a status the report page shows."""

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from ..enums import ComputationStatus
from .rounds import EvaluationRound


class ReportPdf(models.Model):
    """The PDF of a round's report for one network (or overall: network empty) in one
    language. Built by a Celery task from the stored scores; `scores_version` is when those
    were computed, so a PDF of older figures is not offered as current."""

    round = models.ForeignKey(
        EvaluationRound, verbose_name=_("round"), on_delete=models.CASCADE, related_name="pdfs"
    )
    network = models.ForeignKey(
        "networks.Network",
        verbose_name=_("network"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
    )
    language = models.CharField(_("language"), max_length=10)
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=ComputationStatus.choices,
        default=ComputationStatus.PENDING,
    )
    content = models.BinaryField(_("PDF"), null=True, blank=True, editable=False)
    error = models.TextField(_("error"), blank=True)
    requested_at = models.DateTimeField(_("requested at"))
    built_at = models.DateTimeField(_("built at"), null=True, blank=True)
    scores_version = models.DateTimeField(_("scores computed at"), null=True, blank=True)

    class Meta:
        verbose_name = _("report PDF")
        verbose_name_plural = _("report PDFs")
        constraints = [
            models.UniqueConstraint(
                fields=["round", "network", "language"],
                condition=Q(network__isnull=False),
                name="report_pdf_unique_network",
            ),
            models.UniqueConstraint(
                fields=["round", "language"],
                condition=Q(network__isnull=True),
                name="report_pdf_unique_overall",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.round} — {self.network or _('overall')} ({self.language})"

    @property
    def is_current(self) -> bool:
        """Built, from the figures the round has now."""
        return (
            self.status == ComputationStatus.DONE
            and self.scores_version == self.round.scores_computed_at
        )

    @property
    def is_running(self) -> bool:
        return self.status == ComputationStatus.RUNNING

    @property
    def is_failed(self) -> bool:
        return self.status == ComputationStatus.FAILED

    @property
    def is_busy(self) -> bool:
        return self.status in (ComputationStatus.PENDING, ComputationStatus.RUNNING)
