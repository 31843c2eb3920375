import uuid

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from .enums import AttendanceStatus, MeetingStatus, PollAnswerChoice, ResponseAnswer, SpeakerAnswer
from .querysets import (
    BuddyGroupQuerySet,
    CaseQuerySet,
    ContactMomentQuerySet,
    DatePollQuerySet,
    MeetingQuerySet,
)


class Meeting(models.Model):
    network = models.ForeignKey(
        "networks.Network",
        verbose_name=_("network"),
        on_delete=models.CASCADE,
        related_name="meetings",
    )
    title = models.CharField(_("title"), max_length=200)
    theme = models.CharField(_("theme"), max_length=300, blank=True)
    starts_at = models.DateTimeField(_("start"))
    ends_at = models.DateTimeField(_("end"))
    location = models.CharField(_("location"), max_length=200, blank=True)
    address = models.CharField(_("address"), max_length=300, blank=True)
    form = models.CharField(_("form"), max_length=200, blank=True)
    agenda = models.TextField(_("agenda"), blank=True)
    academy_invited = models.BooleanField(_("VO-academie invited"), default=False)
    status = models.CharField(
        _("status"), max_length=20, choices=MeetingStatus.choices, default=MeetingStatus.SCHEDULED
    )
    preparation_group = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("preparation group"),
        related_name="prepared_meetings",
        blank=True,
    )
    next_theme = models.CharField(
        _("theme chosen for the next meeting"), max_length=300, blank=True
    )
    uid = models.UUIDField(_("calendar UID"), default=uuid.uuid4, unique=True, editable=False)
    sequence = models.PositiveIntegerField(_("calendar sequence"), default=0)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    history = HistoricalRecords()
    objects = MeetingQuerySet.as_manager()

    class Meta:
        ordering = ["starts_at"]
        verbose_name = _("meeting")
        verbose_name_plural = _("meetings")
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__gt=F("starts_at")),
                name="meeting_end_after_start",
                violation_error_message=_("The end must be after the start."),
            ),
        ]
        indexes = [models.Index(fields=["network", "starts_at"])]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("meetings:meeting-detail", kwargs={"pk": self.pk})

    @property
    def duration_hours(self) -> float:
        return (self.ends_at - self.starts_at).total_seconds() / 3600

    @property
    def is_cancelled(self) -> bool:
        """For templates, which must not compare with enum values themselves."""
        return self.status == MeetingStatus.CANCELLED

    @property
    def is_scheduled(self) -> bool:
        return self.status == MeetingStatus.SCHEDULED


class Attendance(models.Model):
    meeting = models.ForeignKey(
        Meeting, verbose_name=_("meeting"), on_delete=models.CASCADE, related_name="attendances"
    )
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("person"),
        on_delete=models.CASCADE,
        related_name="attendances",
    )
    status = models.CharField(_("attendance"), max_length=20, choices=AttendanceStatus.choices)
    recorded_at = models.DateTimeField(_("recorded"), auto_now=True)

    class Meta:
        verbose_name = _("attendance")
        verbose_name_plural = _("attendance")
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "person"], name="attendance_unique_meeting_person"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.person} — {self.meeting}: {self.get_status_display()}"


class Case(models.Model):
    """A case (casus) a member brings in for a meeting; visible to that network only."""

    meeting = models.ForeignKey(
        Meeting, verbose_name=_("meeting"), on_delete=models.CASCADE, related_name="cases"
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("brought in by"),
        on_delete=models.CASCADE,
        related_name="cases",
    )
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    objects = CaseQuerySet.as_manager()

    class Meta:
        ordering = ["created_at"]
        verbose_name = _("case")
        verbose_name_plural = _("cases")

    def __str__(self) -> str:
        return self.title


class ContactMoment(models.Model):
    """Contact between meetings (a buddy-group talk, a school visit): the contact log."""

    network = models.ForeignKey(
        "networks.Network",
        verbose_name=_("network"),
        on_delete=models.CASCADE,
        related_name="contact_moments",
    )
    date = models.DateField(_("date"))
    participants = models.ManyToManyField(
        settings.AUTH_USER_MODEL, verbose_name=_("who"), related_name="contact_moments"
    )
    note = models.CharField(_("short note"), max_length=500, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recorded by"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    objects = ContactMomentQuerySet.as_manager()

    class Meta:
        ordering = ["-date"]
        verbose_name = _("contact moment")
        verbose_name_plural = _("contact moments")

    def __str__(self) -> str:
        return f"{self.network} {self.date}"


class GuestSpeaker(models.Model):
    """A guest speaker at a meeting. The briefing is never stored: it is built from the
    members' current choices each time it is shown or sent (selectors.speaker_briefing)."""

    meeting = models.ForeignKey(
        Meeting, verbose_name=_("meeting"), on_delete=models.CASCADE, related_name="speakers"
    )
    name = models.CharField(_("name"), max_length=200)
    email = models.EmailField(_("e-mail address"), blank=True)
    organisation = models.CharField(_("organisation"), max_length=200, blank=True)
    topic = models.CharField(_("topic"), max_length=300, blank=True)
    # The secret of the speaker's answer link; set when the invitation is sent. It only
    # answers this speaker's invitation.
    token = models.CharField(_("token"), max_length=64, unique=True, null=True, blank=True)
    invited_at = models.DateTimeField(_("invitation sent"), null=True, blank=True)
    answer = models.CharField(
        _("answer"), max_length=20, choices=SpeakerAnswer.choices, default=SpeakerAnswer.PENDING
    )
    answered_at = models.DateTimeField(_("answered"), null=True, blank=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("guest speaker")
        verbose_name_plural = _("guest speakers")

    def __str__(self) -> str:
        return self.name

    @property
    def has_answered(self) -> bool:
        return self.answer != SpeakerAnswer.PENDING


class Response(models.Model):
    """A member's answer to a meeting: coming, not coming (with an apology) or maybe."""

    meeting = models.ForeignKey(
        Meeting, verbose_name=_("meeting"), on_delete=models.CASCADE, related_name="responses"
    )
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("person"),
        on_delete=models.CASCADE,
        related_name="meeting_responses",
    )
    answer = models.CharField(_("answer"), max_length=20, choices=ResponseAnswer.choices)
    apology = models.CharField(_("apology"), max_length=500, blank=True)
    answered_at = models.DateTimeField(_("answered"), auto_now=True)

    class Meta:
        ordering = ["meeting", "person"]
        verbose_name = _("response")
        verbose_name_plural = _("responses")
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "person"], name="response_unique_meeting_person"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.person} — {self.meeting}: {self.get_answer_display()}"


class DatePoll(models.Model):
    """A date poll (prikken): candidate dates members answer yes / if need be / no."""

    network = models.ForeignKey(
        "networks.Network",
        verbose_name=_("network"),
        on_delete=models.CASCADE,
        related_name="date_polls",
    )
    title = models.CharField(_("title"), max_length=200)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    meeting = models.OneToOneField(
        Meeting,
        verbose_name=_("resulting meeting"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="date_poll",
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    objects = DatePollQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("date poll")
        verbose_name_plural = _("date polls")

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("meetings:poll-detail", kwargs={"pk": self.pk})

    @property
    def is_closed(self) -> bool:
        return self.meeting_id is not None


class PollOption(models.Model):
    poll = models.ForeignKey(
        DatePoll, verbose_name=_("date poll"), on_delete=models.CASCADE, related_name="options"
    )
    starts_at = models.DateTimeField(_("start"))
    ends_at = models.DateTimeField(_("end"))

    class Meta:
        ordering = ["starts_at"]
        verbose_name = _("candidate date")
        verbose_name_plural = _("candidate dates")
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__gt=F("starts_at")),
                name="polloption_end_after_start",
                violation_error_message=_("The end must be after the start."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.poll}: {self.starts_at:%Y-%m-%d %H:%M}"


class PollAnswer(models.Model):
    option = models.ForeignKey(
        PollOption,
        verbose_name=_("candidate date"),
        on_delete=models.CASCADE,
        related_name="answers",
    )
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("person"),
        on_delete=models.CASCADE,
        related_name="poll_answers",
    )
    answer = models.CharField(_("answer"), max_length=20, choices=PollAnswerChoice.choices)

    class Meta:
        verbose_name = _("poll answer")
        verbose_name_plural = _("poll answers")
        constraints = [
            models.UniqueConstraint(
                fields=["option", "person"], name="pollanswer_unique_option_person"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.person}: {self.get_answer_display()}"


class BuddyGroup(models.Model):
    """A buddy group (maatjesgroep) of two to five members of one network."""

    network = models.ForeignKey(
        "networks.Network",
        verbose_name=_("network"),
        on_delete=models.CASCADE,
        related_name="buddy_groups",
    )
    name = models.CharField(_("name"), max_length=200)
    members = models.ManyToManyField(
        settings.AUTH_USER_MODEL, verbose_name=_("members"), related_name="buddy_groups"
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    objects = BuddyGroupQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name = _("buddy group")
        verbose_name_plural = _("buddy groups")

    def __str__(self) -> str:
        return self.name


class CalendarFeedToken(models.Model):
    """The secret in a person's personal calendar feed URL; resetting it revokes old links."""

    person = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("person"),
        on_delete=models.CASCADE,
        related_name="calendar_feed_token",
    )
    token = models.CharField(_("token"), max_length=64, unique=True)
    created_at = models.DateTimeField(_("created"), auto_now=True)

    class Meta:
        verbose_name = _("calendar feed token")
        verbose_name_plural = _("calendar feed tokens")

    def __str__(self) -> str:
        return str(self.person)
