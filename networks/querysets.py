from __future__ import annotations

import datetime

from django.db import models
from django.db.models import Count, Exists, F, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce
from django.utils import timezone

from .enums import SUPPORTED_STATUSES, InviteeRole, NetworkStatus, Role, WaitingStatus


def _today() -> datetime.date:
    return timezone.localdate()


class MembershipQuerySet(models.QuerySet):
    def current(self, on: datetime.date | None = None) -> MembershipQuerySet:
        """Memberships in force on a date (today by default)."""
        on = on or _today()
        return self.filter(joined_on__lte=on).filter(Q(left_on__isnull=True) | Q(left_on__gt=on))

    def not_ended(self, on: datetime.date | None = None) -> MembershipQuerySet:
        """Memberships in force on a date or still to begin (not left by then)."""
        on = on or _today()
        return self.filter(Q(left_on__isnull=True) | Q(left_on__gt=on))

    def participants(self) -> MembershipQuerySet:
        return self.filter(role=Role.PARTICIPANT)

    def facilitators(self) -> MembershipQuerySet:
        return self.filter(role=Role.FACILITATOR)

    def penvoerders(self) -> MembershipQuerySet:
        return self.filter(role=Role.PENVOERDER)

    def fixed(self) -> MembershipQuerySet:
        return self.filter(is_fixed=True)


class NetworkQuerySet(models.QuerySet):
    def supported(self) -> NetworkQuerySet:
        return self.filter(status__in=SUPPORTED_STATUSES)

    def in_directory(self) -> NetworkQuerySet:
        """What a visitor sees: supported networks that are listed."""
        return self.supported().filter(listed_in_directory=True)

    def with_role(self, user, *roles: str) -> NetworkQuerySet:
        """Networks where the user currently holds one of the roles (any role if none given)."""
        from .models import Membership  # noqa: PLC0415 - cycle: models build their managers from these querysets

        memberships = Membership.objects.current().filter(person=user, network=OuterRef("pk"))
        if roles:
            memberships = memberships.filter(role__in=roles)
        return self.filter(Exists(memberships))

    def visible_to(self, user) -> NetworkQuerySet:
        """Networks whose member pages the user may open: staff all, others their own."""
        if not user.is_authenticated:
            return self.none()
        if user.is_academy_staff:
            return self.all()
        return self.with_role(user)

    def with_member_counts(self) -> NetworkQuerySet:
        """Current participants and fixed participants per network, each as a subquery: no
        join and GROUP BY over all memberships, and a count of the list (the paginator's)
        leaves them out."""
        from .models import Membership  # noqa: PLC0415 - cycle: models build their managers from these querysets

        participants = Membership.objects.current().filter(
            network=OuterRef("pk"), role=Role.PARTICIPANT
        )

        def count(memberships):
            return Coalesce(
                Subquery(
                    memberships.order_by().values("network").annotate(n=Count("pk")).values("n")[:1]
                ),
                0,
            )

        return self.annotate(
            participant_count=count(participants),
            fixed_participant_count=count(participants.filter(is_fixed=True)),
        )

    def with_places_taken(self) -> NetworkQuerySet:
        """`participant_count`, `offered_count` (places offered from the waiting list, not
        yet expired) and their sum `places_taken`: the one count of the maximum
        (`Network.is_full`, docs/domain.md "Waiting list")."""
        from .models import WaitingListEntry  # noqa: PLC0415 - cycle: models build their managers from these querysets

        offered = (
            WaitingListEntry.objects.filter(
                network=OuterRef("pk"),
                status=WaitingStatus.OFFERED,
                offered_until__gt=timezone.now(),
            )
            .order_by()
            .values("network")
            .annotate(n=Count("pk"))
            .values("n")[:1]
        )
        return (
            self.with_member_counts()
            .annotate(offered_count=Coalesce(Subquery(offered), 0))
            .annotate(places_taken=F("participant_count") + F("offered_count"))
        )

    def with_planned_counts(self) -> NetworkQuerySet:
        """The fixed participants an application plans (`planned_fixed_count`), as a
        subquery: what the staff overview shows for a network that has no members yet."""
        from .models import ApplicationInvitee  # noqa: PLC0415 - cycle: models build their managers from these querysets

        planned = (
            ApplicationInvitee.objects.filter(
                application__network=OuterRef("pk"), role=InviteeRole.PARTICIPANT
            )
            .order_by()
            .values("application")
            .annotate(n=Count("pk"))
            .values("n")[:1]
        )
        return self.annotate(planned_fixed_count=Coalesce(Subquery(planned), 0))


class ApplicationQuerySet(models.QuerySet):
    def of_initiator(self, user) -> ApplicationQuerySet:
        """Applications the user made or helps make: penvoerder of the network, or named as
        co-initiator (by account or address). Agrees with rules.is_application_initiator."""
        if not user.is_authenticated:
            return self.none()
        from .models import (  # noqa: PLC0415 - cycle: models build their managers from these querysets
            ApplicationInvitee,
            Membership,
        )

        penvoerder = Membership.objects.current().filter(
            person=user, network=OuterRef("network"), role=Role.PENVOERDER
        )
        co_initiator = ApplicationInvitee.objects.filter(
            Q(person=user) | Q(email__iexact=user.email),
            application=OuterRef("pk"),
            role=InviteeRole.CO_INITIATOR,
        )
        return self.filter(Q(Exists(penvoerder)) | Q(Exists(co_initiator)))

    def visible_to(self, user) -> ApplicationQuerySet:
        """Applications the user may open: staff all, initiators their own."""
        if not user.is_authenticated:
            return self.none()
        if user.is_academy_staff:
            return self.all()
        return self.of_initiator(user)

    def awaiting_review(self) -> ApplicationQuerySet:

        return self.filter(network__status=NetworkStatus.SUBMITTED)

    def with_unmet(self, code: str) -> ApplicationQuerySet:
        """Applications whose last automatic result did not meet `code`."""
        return self.filter(unmet_criteria__contains=f",{code},")
