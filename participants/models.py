import uuid

from django.conf import settings
from django.contrib.auth.base_user import AbstractBaseUser, BaseUserManager
from django.contrib.auth.models import PermissionsMixin
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _

from leernetwerk.models import UploadJob
from networks.enums import Role

from .enums import (
    LEADERSHIP_FUNCTIONS,
    AuditAction,
    Function,
    QuestionStatus,
    Region,
    Visibility,
)
from .querysets import (
    BCScanQuerySet,
    InvitationQuerySet,
    LearningQuestionQuerySet,
    ReflectionEntryQuerySet,
    UserQuerySet,
)


class School(models.Model):
    name = models.CharField(_("name"), max_length=200)
    brin_code = models.CharField(_("BRIN code"), max_length=6, unique=True)
    town = models.CharField(_("town"), max_length=100)
    school_types = models.JSONField(_("school types"), default=list, blank=True)
    is_vo = models.BooleanField(_("secondary education (VO)"), default=True)
    is_approved = models.BooleanField(_("approved"), default=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("school")
        verbose_name_plural = _("schools")

    def __str__(self) -> str:
        return f"{self.name} ({self.town})"


class UserManager(BaseUserManager.from_queryset(UserQuerySet)):
    use_in_migrations = True

    def _create_user(self, email, password, **extra_fields):
        if not email:
            raise ValueError("An e-mail address is required")
        email = self.normalize_email(email).lower()
        user = self.model(email=email, **extra_fields)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", False)
        extra_fields.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra_fields)

    def create_superuser(self, email, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", True)
        extra_fields.setdefault("is_superuser", True)
        return self._create_user(email, password, **extra_fields)

    def get_by_natural_key(self, username):
        return self.get(**{f"{self.model.USERNAME_FIELD}__iexact": username})


class User(AbstractBaseUser, PermissionsMixin):
    """A person: account and profile in one. Signs in with the e-mail address."""

    email = models.EmailField(_("e-mail address"), unique=True)
    first_name = models.CharField(_("first name"), max_length=100, blank=True)
    last_name = models.CharField(_("last name"), max_length=150, blank=True)
    function = models.CharField(_("function"), max_length=30, choices=Function.choices, blank=True)
    school = models.ForeignKey(
        School,
        verbose_name=_("school"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="people",
    )
    region = models.CharField(_("region"), max_length=20, choices=Region.choices, blank=True)
    phone = models.CharField(_("phone number"), max_length=30, blank=True)
    is_staff = models.BooleanField(
        _("admin access"),
        default=False,
        help_text=_("May sign in to the management site."),
    )
    is_active = models.BooleanField(_("active"), default=True)
    date_joined = models.DateTimeField(_("date joined"), default=timezone.now)
    version = models.PositiveIntegerField(_("version"), default=1, editable=False)  # concurrency.py

    objects = UserManager()

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS: list[str] = []

    class Meta:
        ordering = ["last_name", "first_name", "email"]
        verbose_name = _("person")
        verbose_name_plural = _("people")

    def __str__(self) -> str:
        return self.full_name or self.email

    @property
    def full_name(self) -> str:
        return f"{self.first_name} {self.last_name}".strip()

    def get_full_name(self) -> str:
        return self.full_name

    def get_short_name(self) -> str:
        return self.first_name or self.email

    @property
    def is_leader(self) -> bool:
        return self.function in LEADERSHIP_FUNCTIONS

    @cached_property
    def is_academy_staff(self) -> bool:
        """Academy staff are the members of the staff group (or superusers)."""
        if not self.is_active:
            return False
        if self.is_superuser:
            return True
        return self.groups.filter(name=settings.ACADEMY_STAFF_GROUP).exists()


class LearningQuestion(models.Model):
    """A participant's personal learning question (leervraag). Private unless shared."""

    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("owner"),
        on_delete=models.CASCADE,
        related_name="learning_questions",
    )
    title = models.CharField(_("question"), max_length=300)
    description = models.TextField(_("explanation"), blank=True)
    goal = models.TextField(_("goal"), blank=True)
    networks = models.ManyToManyField(
        "networks.Network",
        verbose_name=_("networks"),
        related_name="learning_questions",
        blank=True,
    )
    competences = models.ManyToManyField(
        "networks.Competence",
        verbose_name=_("competences"),
        related_name="learning_questions",
        blank=True,
    )
    visibility = models.CharField(
        _("who may read this"),
        max_length=20,
        choices=Visibility.choices,
        default=Visibility.PRIVATE,
    )
    status = models.CharField(
        _("status"), max_length=20, choices=QuestionStatus.choices, default=QuestionStatus.OPEN
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    version = models.PositiveIntegerField(_("version"), default=1, editable=False)  # concurrency.py

    objects = LearningQuestionQuerySet.as_manager()

    class Meta:
        ordering = ["-updated_at"]
        verbose_name = _("learning question")
        verbose_name_plural = _("learning questions")

    def __str__(self) -> str:
        # Metadata only: the name shows in the management site (lists, history, delete
        # confirmations, the change log), where the owner's text must never appear.
        return _("Learning question %(number)s") % {"number": self.pk or "-"}

    def get_absolute_url(self) -> str:
        return reverse("participants:question-detail", kwargs={"pk": self.pk})


class ReflectionEntry(models.Model):
    """A dated note in a learning question's reflection log, optionally about a meeting."""

    question = models.ForeignKey(
        LearningQuestion,
        verbose_name=_("learning question"),
        on_delete=models.CASCADE,
        related_name="reflections",
    )
    date = models.DateField(_("date"), default=timezone.localdate)
    note = models.TextField(_("reflection"))
    meeting = models.ForeignKey(
        "meetings.Meeting",
        verbose_name=_("meeting"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    objects = ReflectionEntryQuerySet.as_manager()

    class Meta:
        ordering = ["-date", "-created_at"]
        verbose_name = _("reflection")
        verbose_name_plural = _("reflections")

    def __str__(self) -> str:
        return f"{self.date:%Y-%m-%d}"


class BCScan(models.Model):
    """One BC-Scan self-assessment: answers per statement (1-5) and an action plan per
    competence. Private unless its owner shares it, like a learning question: sharing
    reaches only the networks the owner links it to."""

    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("owner"),
        on_delete=models.CASCADE,
        related_name="bc_scans",
    )
    taken_at = models.DateTimeField(_("taken on"), default=timezone.now)
    answers = models.JSONField(_("answers"), default=dict)
    action_plans = models.JSONField(_("action plans"), default=dict, blank=True)
    networks = models.ManyToManyField(
        "networks.Network",
        verbose_name=_("networks"),
        related_name="shared_scans",
        blank=True,
    )
    visibility = models.CharField(
        _("who may read this"),
        max_length=20,
        choices=Visibility.choices,
        default=Visibility.PRIVATE,
    )

    objects = BCScanQuerySet.as_manager()

    class Meta:
        ordering = ["-taken_at", "-pk"]
        verbose_name = _("BC-Scan")
        verbose_name_plural = _("BC-Scans")

    def __str__(self) -> str:
        return f"BC-Scan {timezone.localtime(self.taken_at):%Y-%m-%d}"

    def get_absolute_url(self) -> str:
        return reverse("participants:scan-detail", kwargs={"pk": self.pk})


class Invitation(models.Model):
    """An invitation by e-mail to join a network: single use, valid for a limited time."""

    network = models.ForeignKey(
        "networks.Network",
        verbose_name=_("network"),
        on_delete=models.CASCADE,
        related_name="invitations",
    )
    email = models.EmailField(_("e-mail address"))
    role = models.CharField(
        _("role"), max_length=20, choices=Role.choices, default=Role.PARTICIPANT
    )
    token = models.UUIDField(_("token"), default=uuid.uuid4, unique=True, editable=False)
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("invited by"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    expires_at = models.DateTimeField(_("expires"))
    accepted_at = models.DateTimeField(_("accepted"), null=True, blank=True)
    accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("accepted by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    waiting_entry = models.ForeignKey(
        "networks.WaitingListEntry",
        verbose_name=_("offered place from the waiting list"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="offers",
    )

    objects = InvitationQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")

    def __str__(self) -> str:
        return f"{self.email} → {self.network}"


class AuditLog(models.Model):
    """Who looked at, exported or erased whose personal data, and when (AVG).

    The subject is kept as an id and a pseudonym, never a name or address, so the log itself
    survives an erasure without holding the erased person's data."""

    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("by"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    action = models.CharField(_("action"), max_length=30, choices=AuditAction.choices)
    subject_id = models.PositiveBigIntegerField(_("person id"), null=True, blank=True)
    subject_pseudonym = models.CharField(_("person"), max_length=50, blank=True)
    at = models.DateTimeField(_("at"), default=timezone.now)
    detail = models.CharField(_("detail"), max_length=300, blank=True)

    class Meta:
        ordering = ["-at", "-pk"]
        verbose_name = _("audit log entry")
        verbose_name_plural = _("audit log")
        indexes = [models.Index(fields=["-at"])]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.get_action_display()}"


class MemberImport(UploadJob):
    """A member file uploaded for a network: checked by a task (the preview), then, once the
    uploader confirms, imported by a task, all rows or none."""

    network = models.ForeignKey(
        "networks.Network",
        on_delete=models.CASCADE,
        related_name="member_imports",
        verbose_name=_("network"),
    )
    confirmed_at = models.DateTimeField(_("confirmed"), null=True, blank=True)

    class Meta(UploadJob.Meta):
        verbose_name = _("member import")
        verbose_name_plural = _("member imports")

    def __str__(self) -> str:
        return f"{self.file_name} ({self.get_status_display()})"

    def get_absolute_url(self) -> str:
        return reverse("participants:import-job", args=[self.network.slug, self.pk])
