"""A meeting and what hangs on it directly: attendance, cases, guest speakers, answers."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from ..enums import (
    AttendanceStatus,
    MeetingStatus,
    ResponseAnswer,
    SpeakerAnswer,
)
from ..querysets import (
    CaseQuerySet,
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
    version = models.PositiveIntegerField(_("version"), default=1, editable=False)  # concurrency.py

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

    @property
    def has_accepted(self) -> bool:
        return self.answer == SpeakerAnswer.ACCEPTED


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
