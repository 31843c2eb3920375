"""Reads for outcomes and value-creation stories."""

from __future__ import annotations

from django.db.models import QuerySet

from networks.models import Network
from participants.models import User

from ..models import Outcome, ValueStory


def outcomes_for_network(network: Network, user: User) -> QuerySet[Outcome]:
    """The network's outcomes `user` may read (Outcome.objects.visible_to), newest first."""
    return (
        Outcome.objects.visible_to(user)
        .filter(network=network)
        .select_related("author", "network")
        .order_by("-created_at", "-pk")
    )


def outcome_count_for_network(network: Network, user: User) -> int:
    """How many of the network's outcomes `user` may read (the network page's link)."""
    return Outcome.objects.visible_to(user).filter(network=network).count()


def stories_for_network(network: Network, user: User) -> QuerySet[ValueStory]:
    """The network's value-creation stories `user` may read, newest first, with their steps."""
    return (
        ValueStory.objects.visible_to(user)
        .filter(network=network)
        .prefetch_related("steps")
        .select_related("author")
        .order_by("-created_at", "-pk")
    )


def public_outcomes_for_network(network: Network) -> QuerySet[Outcome]:
    """For the public directory (issue 3): outcomes shared with everyone."""
    return Outcome.objects.public().filter(network=network).order_by("-created_at")


def public_stories_for_network(network: Network) -> QuerySet[ValueStory]:
    """For the public directory: value-creation stories their authors set to "Iedereen",
    with their steps."""
    return (
        ValueStory.objects.public()
        .filter(network=network)
        .prefetch_related("steps")
        .order_by("-created_at", "-pk")
    )
