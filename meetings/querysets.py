from __future__ import annotations

import datetime

from django.db import models
from django.db.models import Q
from django.utils import timezone

from networks.models import Network

from .enums import MeetingStatus, MinutesStatus
from .minutes import CORRECTION_WINDOW


def _visible_networks(user):
    return Network.objects.visible_to(user)


class MeetingQuerySet(models.QuerySet):
    def scheduled(self) -> MeetingQuerySet:
        return self.filter(status=MeetingStatus.SCHEDULED)

    def upcoming(self) -> MeetingQuerySet:
        return self.scheduled().filter(starts_at__gte=timezone.now()).order_by("starts_at")

    def not_ended(self) -> MeetingQuerySet:
        """Meetings not yet ended, cancelled ones included (so members see the cancellation)."""
        return self.filter(ends_at__gte=timezone.now()).order_by("starts_at")

    def held(self) -> MeetingQuerySet:
        """Scheduled meetings that have ended."""
        return self.scheduled().filter(ends_at__lt=timezone.now()).order_by("-starts_at")

    def past(self) -> MeetingQuerySet:
        return self.filter(ends_at__lt=timezone.now()).order_by("-starts_at")

    def visible_to(self, user) -> MeetingQuerySet:
        """Meetings of the networks the user may open: staff all, members their own."""
        return self.filter(network__in=_visible_networks(user))

    def of_networks_of(self, person) -> MeetingQuerySet:
        """Meetings of every network where the person currently holds a role (the feed)."""
        return self.filter(network__in=Network.objects.with_role(person))


class CaseQuerySet(models.QuerySet):
    def visible_to(self, user) -> CaseQuerySet:
        """Cases are for the meeting's network only (and staff, who read everything)."""
        return self.filter(meeting__network__in=_visible_networks(user))


class ContactMomentQuerySet(models.QuerySet):
    def visible_to(self, user) -> ContactMomentQuerySet:
        return self.filter(network__in=_visible_networks(user))


class BuddyGroupQuerySet(models.QuerySet):
    def visible_to(self, user) -> BuddyGroupQuerySet:
        return self.filter(network__in=_visible_networks(user))


class DatePollQuerySet(models.QuerySet):
    def visible_to(self, user) -> DatePollQuerySet:
        return self.filter(network__in=_visible_networks(user))

    def open(self) -> DatePollQuerySet:
        return self.filter(meeting__isnull=True)

    def taking_answers(self, now: datetime.datetime | None = None) -> DatePollQuerySet:
        """Open polls whose deadline (if any) has not passed: members may still answer."""
        now = now or timezone.now()
        return self.open().filter(Q(deadline__isnull=True) | Q(deadline__gt=now))


class MinutesQuerySet(models.QuerySet):
    def due_for_publishing(self, now: datetime.datetime) -> MinutesQuerySet:
        """Drafts shared for corrections whose week is over (meetings/minutes.py): the daily
        run publishes them."""
        return self.filter(
            status=MinutesStatus.SHARED, shared_at__lte=now - CORRECTION_WINDOW
        ).order_by("shared_at", "pk")


class ActionItemQuerySet(models.QuerySet):
    def open(self) -> ActionItemQuerySet:
        return self.filter(done_at__isnull=True)

    def published(self) -> ActionItemQuerySet:
        """Actions of published minutes: the network sees them, owners are reminded."""
        return self.filter(minutes__status=MinutesStatus.PUBLISHED)
