"""Phases and harvest: phase reports, outcomes, value-creation stories."""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from ..enums import (
    ComputationStatus,
    OutcomeKind,
    OutcomeVisibility,
    ValueCycle,
)
from ..querysets import (
    OutcomeQuerySet,
    PhaseReportQuerySet,
)


class PhaseReport(models.Model):
    """Evidence for a network's phase conditions on a day, computed by Celery."""

    network = models.ForeignKey(
        "networks.Network",
        verbose_name=_("network"),
        on_delete=models.CASCADE,
        related_name="phase_reports",
    )
    computed_on = models.DateField(_("date"))
    proposed_phase = models.CharField(_("proposed phase"), max_length=20, blank=True)
    phase = models.CharField(_("phase"), max_length=20, blank=True)
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=ComputationStatus.choices,
        default=ComputationStatus.PENDING,
    )
    data = models.JSONField(_("evidence"), default=dict, blank=True)
    error = models.TextField(_("error"), blank=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = PhaseReportQuerySet.as_manager()

    class Meta:
        ordering = ["network", "-computed_on"]
        verbose_name = _("phase report")
        verbose_name_plural = _("phase reports")
        constraints = [
            models.UniqueConstraint(
                fields=["network", "computed_on"], name="phase_report_unique_day"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.network} {self.computed_on}"


class Outcome(models.Model):
    """An outcome (opbrengst) of a network, recorded by a member or facilitator."""

    network = models.ForeignKey(
        "networks.Network",
        verbose_name=_("network"),
        on_delete=models.CASCADE,
        related_name="outcomes",
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recorded by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="outcomes",
    )
    kind = models.CharField(_("kind"), max_length=30, choices=OutcomeKind.choices)
    description = models.TextField(_("description"))
    visibility = models.CharField(
        _("who may read this"),
        max_length=10,
        choices=OutcomeVisibility.choices,
        default=OutcomeVisibility.NETWORK,
    )
    created_at = models.DateTimeField(_("recorded"), auto_now_add=True)
    version = models.PositiveIntegerField(_("version"), default=1, editable=False)  # concurrency.py

    objects = OutcomeQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("outcome")
        verbose_name_plural = _("outcomes")

    def __str__(self) -> str:
        return self.description[:60]


class ValueStory(models.Model):
    """A value-creation story (waardecreatieverhaal), one step per value cycle."""

    network = models.ForeignKey(
        "networks.Network",
        verbose_name=_("network"),
        on_delete=models.CASCADE,
        related_name="value_stories",
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("written by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="value_stories",
    )
    title = models.CharField(_("title"), max_length=200)
    visibility = models.CharField(
        _("who may read this"),
        max_length=10,
        choices=OutcomeVisibility.choices,
        default=OutcomeVisibility.NETWORK,
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    version = models.PositiveIntegerField(_("version"), default=1, editable=False)  # concurrency.py

    objects = OutcomeQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("value-creation story")
        verbose_name_plural = _("value-creation stories")

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse(
            "evaluations:story-detail", kwargs={"slug": self.network.slug, "pk": self.pk}
        )


class ValueStep(models.Model):
    story = models.ForeignKey(
        ValueStory, verbose_name=_("story"), on_delete=models.CASCADE, related_name="steps"
    )
    cycle = models.CharField(_("value cycle"), max_length=20, choices=ValueCycle.choices)
    position = models.PositiveSmallIntegerField(_("position"))
    text = models.TextField(_("what happened"))

    class Meta:
        ordering = ["story", "position"]
        verbose_name = _("value-creation step")
        verbose_name_plural = _("value-creation steps")
        constraints = [
            models.UniqueConstraint(fields=["story", "cycle"], name="step_unique_cycle"),
        ]

    def __str__(self) -> str:
        return f"{self.story}: {self.get_cycle_display()}"
