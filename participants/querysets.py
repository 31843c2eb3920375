from __future__ import annotations

from django.db import models
from django.db.models import Exists, OuterRef, Q
from django.utils import timezone

from networks.enums import Role
from networks.models import Membership

from .enums import QuestionStatus, Visibility


class LearningQuestionQuerySet(models.QuerySet):
    def visible_to(self, user) -> LearningQuestionQuerySet:
        """Questions the user may read: their own, and those shared with them.

        Shared with the facilitator: the facilitators of a network the question is linked to.
        Shared with the network: every current member of a linked network. Staff get no
        special right: a learning question is its owner's (docs/domain.md)."""
        if not user.is_authenticated:
            return self.none()

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

        return self.filter(status__in=[QuestionStatus.OPEN, QuestionStatus.IN_PROGRESS])


class BCScanQuerySet(models.QuerySet):
    def visible_to(self, user, *, in_network=None) -> BCScanQuerySet:
        """Scans the user may read: their own, and those shared with them.

        Sharing reaches only the networks the owner linked the scan to, and only while the
        owner is still a current member there: "facilitator" lets the current facilitators of
        such a network read it, "network" also every current member. With `in_network`, only
        what reaches the user through that one network counts (a facilitator elsewhere does
        not see a scan on a network page where they are a participant). Staff get no special
        right (the scan is its owner's)."""
        if not user.is_authenticated:
            return self.none()

        current = Membership.objects.current()
        # The user's membership of a network the scan is linked to, where the owner is still
        # a current member too: a link to a network the owner left reaches nobody there.
        owner_still_there = current.filter(
            person=OuterRef(OuterRef("owner")), network=OuterRef("network")
        )
        member_of_reachable = current.filter(
            person=user, network__shared_scans=OuterRef("pk")
        ).filter(Exists(owner_still_there))
        if in_network is not None:
            member_of_reachable = member_of_reachable.filter(network=in_network)
        facilitator_of_reachable = member_of_reachable.filter(role=Role.FACILITATOR)
        return self.filter(
            Q(owner=user)
            | (Q(visibility=Visibility.NETWORK) & Exists(member_of_reachable))
            | (
                Q(visibility__in=[Visibility.FACILITATOR, Visibility.NETWORK])
                & Exists(facilitator_of_reachable)
            )
        )


class InvitationQuerySet(models.QuerySet):
    def pending(self) -> InvitationQuerySet:

        return self.filter(accepted_at__isnull=True, expires_at__gt=timezone.now())
