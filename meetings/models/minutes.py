"""The minutes (verslag) of a meeting: its text and decisions, the action items with an
owner and a due date, and the corrections attendees suggest while the draft is shared.

Minutes are network-internal: no public page, directory, API or calendar reads them."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from ..enums import MinutesStatus
from ..minutes import corrections_open_until
from ..querysets import ActionItemQuerySet, MinutesQuerySet


class Minutes(models.Model):
    """One per meeting. Not registered in the management site: network-internal text."""

    meeting = models.OneToOneField(
        "meetings.Meeting",
        verbose_name=_("meeting"),
        on_delete=models.CASCADE,
        related_name="minutes",
    )
    summary = models.TextField(_("what was discussed"), blank=True)
    decisions = models.TextField(_("decisions"), blank=True, help_text=_("One decision per line."))
    status = models.CharField(
        _("status"), max_length=20, choices=MinutesStatus.choices, default=MinutesStatus.DRAFT
    )
    written_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("written by"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    shared_at = models.DateTimeField(_("shared as draft"), null=True, blank=True)
    published_at = models.DateTimeField(_("published"), null=True, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = MinutesQuerySet.as_manager()

    class Meta:
        verbose_name = _("minutes")
        verbose_name_plural = _("minutes")

    def __str__(self) -> str:
        return str(self.meeting)

    def get_absolute_url(self) -> str:
        return reverse("meetings:minutes", kwargs={"pk": self.meeting_id})

    @property
    def decision_list(self) -> list[str]:
        return [line.strip() for line in self.decisions.splitlines() if line.strip()]

    @property
    def is_draft(self) -> bool:
        return self.status == MinutesStatus.DRAFT

    @property
    def is_shared(self) -> bool:
        return self.status == MinutesStatus.SHARED

    @property
    def is_published(self) -> bool:
        return self.status == MinutesStatus.PUBLISHED

    @property
    def corrections_until(self):
        return corrections_open_until(self.shared_at)


class ActionItem(models.Model):
    """Who does what by when, agreed at a meeting; the owner ticks it done."""

    minutes = models.ForeignKey(
        Minutes, verbose_name=_("minutes"), on_delete=models.CASCADE, related_name="actions"
    )
    description = models.CharField(_("what"), max_length=300)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("who"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="action_items",
    )
    due_date = models.DateField(_("due date"))
    done_at = models.DateTimeField(_("done"), null=True, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    objects = ActionItemQuerySet.as_manager()

    class Meta:
        ordering = ["due_date", "pk"]
        verbose_name = _("action item")
        verbose_name_plural = _("action items")
        indexes = [models.Index(fields=["owner", "done_at"])]

    def __str__(self) -> str:
        # Not the description: the management site lists objects by name (e.g. what a
        # deletion takes along), and the text is for the network's members only.
        return _("Action item %(number)s") % {"number": self.pk}

    @property
    def is_done(self) -> bool:
        return self.done_at is not None


class MinutesCorrection(models.Model):
    """A correction an attendee suggests to the shared draft; the writers read it."""

    minutes = models.ForeignKey(
        Minutes, verbose_name=_("minutes"), on_delete=models.CASCADE, related_name="corrections"
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("suggested by"),
        on_delete=models.CASCADE,
        related_name="minutes_corrections",
    )
    text = models.TextField(_("suggested correction"))
    created_at = models.DateTimeField(_("suggested"), auto_now_add=True)

    class Meta:
        ordering = ["created_at"]
        verbose_name = _("suggested correction")
        verbose_name_plural = _("suggested corrections")

    def __str__(self) -> str:
        return f"{self.author}: {self.minutes}"
