"""Writes for people: a participant joining a network, a person's own profile, and a school
proposed for the list."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction

from leernetwerk.concurrency import claim_version
from networks.enums import Role
from networks.memberships import add_member, closed_to_new_members
from networks.models import Membership, Network

from ..models import School, User


def add_participant(network: Network, person: User) -> Membership:
    """Make the person a participant of the network from today (idempotent)."""
    reason = closed_to_new_members(network)
    if reason:
        raise ValidationError(reason)
    return add_member(network, person, role=Role.PARTICIPANT)


@transaction.atomic
def update_profile(person: User, *, data: dict, loaded_version: int | None = None) -> User:
    """Save the person's own profile fields. Only the person calls this. `loaded_version`:
    StaleEdit, nothing saved, if the profile was saved since it was loaded (concurrency.py)."""
    claim_version(person, loaded_version)
    for field in ("first_name", "last_name", "function", "school", "region", "phone"):
        if field in data:
            setattr(person, field, data[field])
    person.full_clean(exclude=["password"])
    person.save()
    return person


def propose_school(*, by: User, name: str, brin_code: str, town: str) -> School:
    """Record a school missing from the list, unapproved until staff approve it in the
    management site, and make it the proposer's school."""
    school = School.objects.create(
        name=name.strip(),
        brin_code=brin_code.strip().upper(),
        town=town.strip(),
        is_approved=False,
    )
    by.school = school
    by.save(update_fields=["school"])
    return school
