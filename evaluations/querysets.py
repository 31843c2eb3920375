from __future__ import annotations

from django.db import models
from django.db.models import Q
from django.utils import timezone

from networks.selectors import network_ids_of

from .enums import OutcomeVisibility, RoundStatus


class EvaluationRoundQuerySet(models.QuerySet):
    def open_today(self) -> EvaluationRoundQuerySet:
        """Rounds that accept answers today."""
        today = timezone.localdate()
        return self.filter(status=RoundStatus.OPEN, opens_on__lte=today, closes_on__gte=today)

    def visible_to(self, user) -> EvaluationRoundQuerySet:
        """Rounds whose management page the user may open: academy staff only."""
        if user.is_authenticated and user.is_academy_staff:
            return self.all()
        return self.none()


class InvitationQuerySet(models.QuerySet):
    def unused(self) -> InvitationQuerySet:
        return self.filter(is_used=False)

    def open_for(self, person) -> InvitationQuerySet:
        """The person's unused invitations for rounds open today."""
        from .models import EvaluationRound  # noqa: PLC0415 - cycle: the models module takes its managers from this one

        return self.unused().filter(person=person, round__in=EvaluationRound.objects.open_today())


class OutcomeQuerySet(models.QuerySet):
    """Shared by outcomes and value-creation stories (both have network and visibility)."""

    def public(self) -> OutcomeQuerySet:
        return self.filter(visibility=OutcomeVisibility.PUBLIC)

    def visible_to(self, user) -> OutcomeQuerySet:
        """Members read everything of their networks; academy staff what is shared with the
        academy or public; everyone else only what is public."""
        if not user.is_authenticated:
            return self.public()
        # Her networks from her current memberships (read once per request).
        condition = Q(visibility=OutcomeVisibility.PUBLIC) | Q(network_id__in=network_ids_of(user))
        if user.is_academy_staff:
            condition |= Q(visibility=OutcomeVisibility.ACADEMY)
        return self.filter(condition)


class PhaseReportQuerySet(models.QuerySet):
    def latest_for(self, network_ids) -> dict:
        """The newest report per network id, in one query."""
        latest: dict = {}
        for report in self.filter(network_id__in=network_ids).order_by(
            "network_id", "-computed_on"
        ):
            latest.setdefault(report.network_id, report)
        return latest
