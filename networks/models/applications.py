"""An application (aanvraag) for a network and the people it names."""

from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from participants.enums import Function

from ..enums import (
    EDITABLE_APPLICATION_STATUSES,
    InviteeRole,
)
from ..querysets import ApplicationQuerySet
from .networks import Network

MAX_CONTRIBUTION = Decimal("25000")


def amount_field(verbose_name):
    return models.DecimalField(
        verbose_name,
        max_digits=8,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal("0")), MaxValueValidator(MAX_CONTRIBUTION)],
    )


class Application(models.Model):
    """A penvoerder's application (aanvraag) for academy support of a new network.

    The network facts live on the Network (in status DRAFT until granted); this keeps what
    only the application has: who applied, as what, the academy's invitation and the money."""

    network = models.OneToOneField(
        Network, verbose_name=_("network"), on_delete=models.CASCADE, related_name="application"
    )
    # SET_NULL: the application stays the academy's record when the applicant leaves.
    applicant = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("applicant"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="applications",
    )
    applicant_function = models.CharField(
        _("applicant's function"), max_length=30, choices=Function.choices, blank=True
    )
    applicant_school = models.ForeignKey(
        "participants.School",
        verbose_name=_("applicant's school"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    invited_meeting = models.CharField(
        _("meeting the academy will be invited to"),
        max_length=300,
        blank=True,
        help_text=_("For example: the opening meeting in September."),
    )
    requested_facilitation = amount_field(_("requested for facilitation (EUR)"))
    requested_speakers = amount_field(_("requested for guest speakers (EUR)"))
    requested_organisation = amount_field(_("requested for organisation (EUR)"))
    unmet_explanation = models.TextField(
        _("explanation of criteria not met"),
        blank=True,
        help_text=_(
            "Optional. If your network does not meet a criterion (yet), explain here why it "
            "still fits; academy staff read this when they review."
        ),
    )
    # Snapshot of the automatic result at the last save, for the review queue filter.
    unmet_criteria = models.CharField(_("criteria not met"), max_length=400, blank=True)
    met_count = models.PositiveSmallIntegerField(_("criteria met"), default=0)
    submitted_at = models.DateTimeField(_("submitted"), null=True, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    version = models.PositiveIntegerField(_("version"), default=1, editable=False)  # concurrency.py

    history = HistoricalRecords()
    objects = ApplicationQuerySet.as_manager()

    class Meta:
        ordering = ["-submitted_at", "-created_at"]
        verbose_name = _("application")
        verbose_name_plural = _("applications")

    def __str__(self) -> str:
        return str(self.network)

    def get_absolute_url(self) -> str:
        return reverse("networks:application-detail", kwargs={"pk": self.pk})

    @property
    def status(self) -> str:
        return self.network.status

    @property
    def is_editable(self) -> bool:

        return self.network.status in EDITABLE_APPLICATION_STATUSES

    @property
    def requested_total(self) -> Decimal:
        return sum(
            (a or Decimal("0"))
            for a in (
                self.requested_facilitation,
                self.requested_speakers,
                self.requested_organisation,
            )
        )


class ApplicationInvitee(models.Model):
    """A facilitator or planned fixed participant named in an application, by e-mail."""

    application = models.ForeignKey(
        Application,
        verbose_name=_("application"),
        on_delete=models.CASCADE,
        related_name="invitees",
    )
    role = models.CharField(_("role"), max_length=20, choices=InviteeRole.choices)
    email = models.EmailField(_("e-mail address"))
    name = models.CharField(_("name"), max_length=200, blank=True)
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("existing person"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="application_invitations",
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ["role", "email"]
        verbose_name = _("invitee")
        verbose_name_plural = _("invitees")
        constraints = [
            models.UniqueConstraint(
                fields=["application", "email"],
                name="invitee_unique_application_email",
                violation_error_message=_("This person is listed twice."),
            ),
        ]

    def __str__(self) -> str:
        return self.name or self.email
