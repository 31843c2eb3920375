"""The academy's review of an application: judgements per criterion, decisions, and the
yearly re-check."""

from decimal import Decimal

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from ..enums import (
    DECISION_OUTCOMES,
    Criterion,
    CriterionStatus,
    DecisionKind,
    Verdict,
)
from .applications import Application, amount_field
from .networks import Network


class CriterionJudgement(models.Model):
    """Staff's judgement of one criterion of an application: agree, or decide otherwise."""

    application = models.ForeignKey(
        Application,
        verbose_name=_("application"),
        on_delete=models.CASCADE,
        related_name="judgements",
    )
    criterion = models.CharField(_("criterion"), max_length=40, choices=Criterion.choices)
    verdict = models.CharField(_("judgement"), max_length=20, choices=Verdict.choices)
    automatic_status = models.CharField(
        _("automatic result"), max_length=20, choices=CriterionStatus.choices
    )
    status = models.CharField(_("result"), max_length=20, choices=CriterionStatus.choices)
    motivation = models.TextField(_("motivation"), blank=True)
    judged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("judged by"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    judged_at = models.DateTimeField(_("judged at"))

    history = HistoricalRecords()

    class Meta:
        ordering = ["application", "criterion"]
        verbose_name = _("criterion judgement")
        verbose_name_plural = _("criterion judgements")
        constraints = [
            models.UniqueConstraint(
                fields=["application", "criterion"], name="judgement_unique_application_criterion"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.application}: {self.get_criterion_display()} — {self.get_status_display()}"

    @property
    def is_override(self) -> bool:
        return self.verdict != Verdict.AGREE and self.status != self.automatic_status


class Decision(models.Model):
    """The academy's decision on an application; the latest one sets the network's status."""

    application = models.ForeignKey(
        Application,
        verbose_name=_("application"),
        on_delete=models.CASCADE,
        related_name="decisions",
    )
    kind = models.CharField(_("decision"), max_length=20, choices=DecisionKind.choices)
    motivation = models.TextField(_("motivation"))
    granted_facilitation = amount_field(_("granted for facilitation (EUR)"))
    granted_speakers = amount_field(_("granted for guest speakers (EUR)"))
    granted_organisation = amount_field(_("granted for organisation (EUR)"))
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("decided by"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    decided_at = models.DateTimeField(_("decided at"))

    history = HistoricalRecords()

    class Meta:
        ordering = ["-decided_at", "-pk"]
        get_latest_by = "decided_at"
        verbose_name = _("decision")
        verbose_name_plural = _("decisions")

    def __str__(self) -> str:
        return f"{self.application}: {self.get_kind_display()}"

    def get_outcome_display(self) -> str:
        """The decision as a status ("Toegekend"), for lists, history and the decision mail."""
        return DECISION_OUTCOMES[self.kind]

    @property
    def is_grant(self) -> bool:
        """For templates and mails, which must not compare with enum values themselves."""
        return self.kind == DecisionKind.GRANT

    @property
    def granted_total(self) -> Decimal:
        return sum(
            (a or Decimal("0"))
            for a in (self.granted_facilitation, self.granted_speakers, self.granted_organisation)
        )


class RecheckResult(models.Model):
    """The yearly re-check of a supported network on live data, one row per support year.

    Re-running the check updates the same row, so running it twice changes nothing."""

    network = models.ForeignKey(
        Network,
        verbose_name=_("network"),
        on_delete=models.CASCADE,
        related_name="recheck_results",
    )
    period_start = models.DateField(_("support year starting"))
    flagged = models.BooleanField(_("falls short"), default=False)
    findings = models.JSONField(_("findings"), default=list)
    created_at = models.DateTimeField(_("first checked"), auto_now_add=True)

    class Meta:
        ordering = ["-period_start", "network"]
        verbose_name = _("yearly re-check")
        verbose_name_plural = _("yearly re-checks")
        constraints = [
            models.UniqueConstraint(
                fields=["network", "period_start"], name="recheck_unique_network_period"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.network} ({self.period_start})"

    @property
    def shortfalls(self) -> list[dict]:
        return [f for f in self.findings if f.get("status") != "met"]
