"""Networks, their members and roles, the competences they work on, and interest from visitors."""

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from ..enums import (
    APPLICATION_ONLY_STATUSES,
    Access,
    ContactMeans,
    NetworkStatus,
    Phase,
    Role,
)
from ..querysets import MembershipQuerySet, NetworkQuerySet


class Competence(models.Model):
    """One of the five competences of the Beroepsstandaard Schoolleiders VO (2014)."""

    number = models.PositiveSmallIntegerField(_("number"), unique=True)
    name = models.CharField(_("name"), max_length=200)
    description = models.TextField(_("description"), blank=True)

    class Meta:
        ordering = ["number"]
        verbose_name = _("competence")
        verbose_name_plural = _("competences")

    def __str__(self) -> str:
        return f"{self.number}. {self.name}"


# How long a network's short name may be: it leads calendar titles and mail subjects.
SHORT_NAME_LENGTH = 30


class Network(models.Model):
    name = models.CharField(_("name"), max_length=200)
    short_name = models.CharField(
        _("short name"),
        max_length=SHORT_NAME_LENGTH,
        blank=True,
        help_text=_(
            "Optional, at most 30 characters, e.g. “VL1”. Calendar entries and e-mail subjects "
            "use it instead of the full name."
        ),
    )
    slug = models.SlugField(_("slug"), max_length=200, unique=True)
    central_question = models.TextField(_("central question"), blank=True)
    theme = models.CharField(_("theme"), max_length=200, blank=True)
    description = models.TextField(_("description"), blank=True)
    target_group = models.CharField(_("target group"), max_length=300, blank=True)
    access = models.CharField(
        _("open or closed"), max_length=10, choices=Access.choices, blank=True
    )
    status = models.CharField(
        _("status"), max_length=20, choices=NetworkStatus.choices, default=NetworkStatus.DRAFT
    )
    start_date = models.DateField(_("start"), null=True, blank=True)
    planned_end_date = models.DateField(_("planned end"), null=True, blank=True)
    meetings_per_year = models.PositiveSmallIntegerField(
        _("planned meetings per year"), null=True, blank=True
    )
    meeting_form = models.CharField(
        _("form and length of meetings"),
        max_length=300,
        blank=True,
        help_text=_("For example: three times a year, 16:00-19:00."),
    )
    contact_means = models.JSONField(
        _("means of contact between meetings"), default=list, blank=True
    )
    contact_other = models.CharField(_("other means of contact"), max_length=200, blank=True)
    focus_competences = models.ManyToManyField(
        Competence, verbose_name=_("focus competences"), related_name="networks", blank=True
    )
    field_statement = models.TextField(
        _("statement of need from the field"),
        blank=True,
        help_text=_("Why do school leaders themselves need this network?"),
    )
    monitoring_consent = models.BooleanField(
        _("consents to involvement and monitoring by the academy"), null=True, blank=True
    )
    listed_in_directory = models.BooleanField(_("listed in the public directory"), default=True)
    max_participants = models.PositiveIntegerField(
        _("maximum number of participants"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1)],
        help_text=_(
            "Empty: no maximum. When the network is full, new registrations join a waiting list."
        ),
    )
    phase_override = models.CharField(
        _("phase set by the facilitator"), max_length=20, choices=Phase.choices, blank=True
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    history = HistoricalRecords()
    objects = NetworkQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name = _("learning network")
        verbose_name_plural = _("learning networks")
        # The staff overview, the dashboard and the directory list networks by name, a page
        # at a time: the index gives the first page without sorting every network.
        indexes = [models.Index(fields=["name"], name="network_name")]
        constraints = [
            models.CheckConstraint(
                condition=Q(planned_end_date__isnull=True)
                | Q(start_date__isnull=True)
                | Q(planned_end_date__gt=F("start_date")),
                name="network_end_after_start",
                violation_error_message=_("The planned end must be after the start."),
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("networks:network-detail", kwargs={"slug": self.slug})

    @property
    def short_label(self) -> str:
        """How calendar titles and mail subjects name the network: its short name when it
        has one, else its name."""
        return self.short_name or self.name

    @property
    def is_open(self) -> bool:
        return self.access == Access.OPEN

    @property
    def is_full(self) -> bool:
        """Open with a maximum that its participants and offered places reach: a new
        registration joins the waiting list. Needs `Network.objects.with_places_taken()`."""
        return (
            self.is_open
            and self.max_participants is not None
            and self.places_taken >= self.max_participants
        )

    @property
    def is_application_only(self) -> bool:
        """Still an application: its people are the ones the application plans."""
        return self.status in APPLICATION_ONLY_STATUSES

    @property
    def contact_means_labels(self) -> list[str]:
        """The means of contact between meetings as labels, "other" as typed in."""
        labels = [
            str(ContactMeans(m).label)
            for m in self.contact_means or []
            if m in ContactMeans.values and m != ContactMeans.OTHER
        ]
        if self.contact_other:
            labels.append(self.contact_other)
        return labels


class Membership(models.Model):
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("person"),
        on_delete=models.CASCADE,
        related_name="memberships",
    )
    network = models.ForeignKey(
        Network, verbose_name=_("network"), on_delete=models.CASCADE, related_name="memberships"
    )
    role = models.CharField(_("role"), max_length=20, choices=Role.choices)
    is_fixed = models.BooleanField(
        _("fixed participant"), default=True, help_text=_("Fixed (vast) or guest.")
    )
    joined_on = models.DateField(_("joined on"))
    left_on = models.DateField(_("left on"), null=True, blank=True)

    history = HistoricalRecords()
    objects = MembershipQuerySet.as_manager()

    class Meta:
        ordering = ["network", "role", "person"]
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        constraints = [
            models.UniqueConstraint(
                fields=["person", "network", "role"],
                name="membership_unique_person_network_role",
                violation_error_message=_("This person already has this role in this network."),
            ),
            models.CheckConstraint(
                condition=Q(left_on__isnull=True) | Q(left_on__gte=F("joined_on")),
                name="membership_left_after_joined",
                violation_error_message=_("Leaving cannot be before joining."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.person} — {self.network} ({self.get_role_display()})"


# A stimulation contribution per category for year one; more than this is a typing error.


class InterestRegistration(models.Model):
    """A visitor's interest in joining an open network; the facilitator is told by e-mail."""

    network = models.ForeignKey(
        Network,
        verbose_name=_("network"),
        on_delete=models.CASCADE,
        related_name="interest_registrations",
    )
    name = models.CharField(_("name"), max_length=200)
    email = models.EmailField(_("e-mail address"))
    message = models.TextField(_("message"), blank=True)
    created_at = models.DateTimeField(_("registered"), auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("registration of interest")
        verbose_name_plural = _("registrations of interest")
        constraints = [
            models.UniqueConstraint(
                fields=["network", "email"], name="interest_unique_network_email"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name} — {self.network}"
