from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from participants.enums import Function

from .enums import (
    APPLICATION_ONLY_STATUSES,
    EDITABLE_APPLICATION_STATUSES,
    Access,
    ContactMeans,
    Criterion,
    CriterionStatus,
    DecisionKind,
    InviteeRole,
    NetworkStatus,
    Phase,
    Role,
    Verdict,
)
from .querysets import ApplicationQuerySet, MembershipQuerySet, NetworkQuerySet


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


class Network(models.Model):
    name = models.CharField(_("name"), max_length=200)
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
    def is_open(self) -> bool:
        return self.access == Access.OPEN

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
MAX_CONTRIBUTION = Decimal("25000")


def _amount_field(verbose_name):
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
    requested_facilitation = _amount_field(_("requested for facilitation (EUR)"))
    requested_speakers = _amount_field(_("requested for guest speakers (EUR)"))
    requested_organisation = _amount_field(_("requested for organisation (EUR)"))
    # Snapshot of the automatic result at the last save, for the review queue filter.
    unmet_criteria = models.CharField(_("criteria not met"), max_length=400, blank=True)
    met_count = models.PositiveSmallIntegerField(_("criteria met"), default=0)
    submitted_at = models.DateTimeField(_("submitted"), null=True, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

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
    granted_facilitation = _amount_field(_("granted for facilitation (EUR)"))
    granted_speakers = _amount_field(_("granted for guest speakers (EUR)"))
    granted_organisation = _amount_field(_("granted for organisation (EUR)"))
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
