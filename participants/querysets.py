from __future__ import annotations

from django.db import models
from django.db.models import Exists, OuterRef, Q
from django.utils import timezone

from networks.enums import Role
from networks.models import Membership
from networks.querysets import MembershipQuerySet
from networks.selectors import current_roles_by_network

from .enums import QuestionStatus, Visibility


def _reachable_memberships(user, link: str) -> MembershipQuerySet:
    """The user's current memberships of a network the object is linked to (through `link`,
    the network's reverse name) where the object's owner is still a current member too: a
    link to a network the owner left reaches nobody there."""
    current = Membership.objects.current()
    owner_still_there = current.filter(
        person=OuterRef(OuterRef("owner")), network=OuterRef("network")
    )
    return current.filter(person=user, **{f"network__{link}": OuterRef("pk")}).filter(
        Exists(owner_still_there)
    )


def _shared_with(user, link: str, in_network) -> Q:
    """Own objects, and those whose owner's choice reaches the user: "facilitator" the
    current facilitators of a linked network, "network" also every current member there.
    Never a penvoerder as such, never staff as such.

    With `in_network` (the objects are linked to it, the caller filters so), the same rule
    for that one network: the user's roles there are known from her current memberships
    (read once per request), so only "is the owner still a current member there" is left
    to the database."""
    own = Q(owner=user)
    if in_network is not None:
        network_id = getattr(in_network, "pk", in_network)
        roles = current_roles_by_network(user).get(network_id, frozenset())
        if not roles:
            return own
        owner_still_there = Exists(
            Membership.objects.current().filter(person=OuterRef("owner"), network_id=network_id)
        )
        reaching = [Visibility.NETWORK]
        if Role.FACILITATOR in roles:
            reaching.append(Visibility.FACILITATOR)
        return own | (Q(visibility__in=reaching) & owner_still_there)
    reachable = _reachable_memberships(user, link)
    as_facilitator = reachable.filter(role=Role.FACILITATOR)
    return (
        own
        | (Q(visibility=Visibility.NETWORK) & Exists(reachable))
        | (Q(visibility__in=[Visibility.FACILITATOR, Visibility.NETWORK]) & Exists(as_facilitator))
    )


class LearningQuestionQuerySet(models.QuerySet):
    def visible_to(self, user, *, in_network=None) -> LearningQuestionQuerySet:
        """The one rule for who reads a learning question (its text, goal, reflections): its
        owner, and those the owner shared it with through a network it is linked to, while
        the owner is still a current member there. "Facilitator" means the facilitator(s) of
        that network, not its penvoerder and not staff. With `in_network`, only what reaches
        the user through that one network (a meeting's preparation page, a network page).
        Every page, mail, PDF, CSV, feed, API answer and briefing that shows question text
        reads through this; the rules predicate `can_read_question` asks it too."""
        if not user.is_authenticated:
            return self.none()
        if in_network is not None:
            # Through one network: the owner's own questions count only when linked to it.
            return self.filter(networks=in_network).filter(
                _shared_with(user, "learning_questions", in_network)
            )
        return self.filter(_shared_with(user, "learning_questions", None))

    def shared_with_members_of(self, network) -> LearningQuestionQuerySet:
        """Questions linked to the network that every member of it may read."""
        return self.filter(networks=network, visibility=Visibility.NETWORK)

    def owned_by(self, user) -> LearningQuestionQuerySet:
        return self.filter(owner=user)

    def open(self) -> LearningQuestionQuerySet:
        return self.filter(status__in=[QuestionStatus.OPEN, QuestionStatus.IN_PROGRESS])


class ReflectionEntryQuerySet(models.QuerySet):
    def visible_to(self, user, *, in_network=None) -> ReflectionEntryQuerySet:
        """A reflection is read by whoever may read its learning question (the owner's one
        choice covers the question and its log)."""
        from .models import LearningQuestion  # noqa: PLC0415 - models.py imports this module

        return self.filter(
            question__in=LearningQuestion.objects.visible_to(user, in_network=in_network)
        )


class BCScanQuerySet(models.QuerySet):
    def visible_to(self, user, *, in_network=None) -> BCScanQuerySet:
        """The one rule for who reads a BC-Scan (answers, scores, action plans, and any
        comparison built from it): its owner, and those the owner shared it with through a
        network it is linked to while the owner is still a current member there ("facilitator":
        that network's current facilitators; "network": also every current member). With
        `in_network`, only what reaches the user through that one network counts (a
        facilitator elsewhere does not see a scan on a network page where they are a
        participant). Staff get no special right (the scan is its owner's)."""
        if not user.is_authenticated:
            return self.none()
        queryset = self
        if in_network is not None:
            queryset = queryset.filter(networks=in_network)
        return queryset.filter(_shared_with(user, "shared_scans", in_network))


class InvitationQuerySet(models.QuerySet):
    def pending(self) -> InvitationQuerySet:
        return self.filter(accepted_at__isnull=True, expires_at__gt=timezone.now())


class UserQuerySet(models.QuerySet):
    def contact_visible_to(self, viewer) -> UserQuerySet:
        """The people whose contact details (address, phone, function, school) the viewer may
        read: herself; as a current facilitator or penvoerder, the current members of that
        network; academy staff everyone (docs/domain.md, "Who sees what"). Every page, export
        and mail that shows contact details reads them through this."""
        if not viewer.is_authenticated:
            return self.none()
        if viewer.is_academy_staff:
            return self.all()
        organised = [
            network_id
            for network_id, roles in current_roles_by_network(viewer).items()
            if roles & {Role.FACILITATOR, Role.PENVOERDER}
        ]
        if not organised:
            return self.filter(pk=viewer.pk)
        in_organised_network = Membership.objects.current().filter(
            person=OuterRef("pk"), network_id__in=organised
        )
        return self.filter(Q(pk=viewer.pk) | Exists(in_organised_network))
