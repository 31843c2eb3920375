"""Between meetings: the contact log, buddy groups and the private calendar feed."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from ..enums import (
    CalendarAlarm,
)
from ..querysets import (
    BuddyGroupQuerySet,
    ContactMomentQuerySet,
)


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
    alarm = models.CharField(
        _("reminder in my calendar"),
        max_length=10,
        choices=CalendarAlarm.choices,
        default=CalendarAlarm.NONE,
    )
    created_at = models.DateTimeField(_("created"), auto_now=True)

    class Meta:
        verbose_name = _("calendar feed token")
        verbose_name_plural = _("calendar feed tokens")

    def __str__(self) -> str:
        return str(self.person)
