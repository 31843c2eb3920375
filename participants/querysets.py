from __future__ import annotations

from django.db import models
from django.db.models import Exists, OuterRef, Q

from .enums import Visibility


class LearningQuestionQuerySet(models.QuerySet):
    def visible_to(self, user) -> LearningQuestionQuerySet:
        """Questions the user may read: their own, and those shared with them.

        Shared with the facilitator: the facilitators of a network the question is linked to.
        Shared with the network: every current member of a linked network. Staff get no
        special right: a learning question is its owner's (DOMAIN.md)."""
        if not user.is_authenticated:
            return self.none()
        from networks.enums import Role
        from networks.models import Membership

        member_of_linked = Membership.objects.current().filter(
            person=user, network__learning_questions=OuterRef("pk")
        )
        facilitator_of_linked = member_of_linked.filter(role=Role.FACILITATOR)
        return self.filter(
            Q(owner=user)
            | (Q(visibility=Visibility.NETWORK) & Exists(member_of_linked))
            | (
                Q(visibility__in=[Visibility.FACILITATOR, Visibility.NETWORK])
                & Exists(facilitator_of_linked)
            )
        )

    def shared_with_facilitators_of(self, network) -> LearningQuestionQuerySet:
        """Questions linked to the network that its facilitator may read."""
        return self.filter(
            networks=network, visibility__in=[Visibility.FACILITATOR, Visibility.NETWORK]
        )

    def owned_by(self, user) -> LearningQuestionQuerySet:
        return self.filter(owner=user)

    def open(self) -> LearningQuestionQuerySet:
        from .enums import QuestionStatus

        return self.filter(status__in=[QuestionStatus.OPEN, QuestionStatus.IN_PROGRESS])


class BCScanQuerySet(models.QuerySet):
    def visible_to(self, user) -> BCScanQuerySet:
        """Scans the user may read: their own, and those shared with them.

        A scan is linked to no network, so sharing reaches the owner's current networks:
        "facilitator" lets the facilitators of those networks read it, "network" also every
        current member. Staff get no special right (the scan is its owner's)."""
        if not user.is_authenticated:
            return self.none()
        from networks.enums import Role
        from networks.models import Membership

        current = Membership.objects.current()
        my_networks = current.filter(person=user).values("network")
        my_facilitated = current.filter(person=user, role=Role.FACILITATOR).values("network")
        owner_in_my_networks = current.filter(person=OuterRef("owner"), network__in=my_networks)
        owner_in_facilitated = current.filter(person=OuterRef("owner"), network__in=my_facilitated)
        return self.filter(
            Q(owner=user)
            | (Q(visibility=Visibility.NETWORK) & Exists(owner_in_my_networks))
            | (
                Q(visibility__in=[Visibility.FACILITATOR, Visibility.NETWORK])
                & Exists(owner_in_facilitated)
            )
        )


class InvitationQuerySet(models.QuerySet):
    def pending(self) -> InvitationQuerySet:
        from django.utils import timezone

        return self.filter(accepted_at__isnull=True, expires_at__gt=timezone.now())
