"""Date polls (prikpoll): a poll, its candidate dates and the members' answers."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ..enums import (
    PollAnswerChoice,
)
from ..querysets import (
    DatePollQuerySet,
)
from .meetings import Meeting


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
    deadline = models.DateTimeField(_("answer before"), null=True, blank=True)
    # When the deadline reminder and the "everybody answered" notice went out: each once.
    deadline_reminded_at = models.DateTimeField(_("deadline reminder sent"), null=True, blank=True)
    complete_notified_at = models.DateTimeField(
        _("facilitator told everybody answered"), null=True, blank=True
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

    @property
    def deadline_passed(self) -> bool:
        return self.deadline is not None and self.deadline <= timezone.now()

    @property
    def accepts_answers(self) -> bool:
        """Members answer until a date is chosen or the deadline has passed."""
        return not self.is_closed and not self.deadline_passed


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
