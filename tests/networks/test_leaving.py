"""Ending a membership (docs/domain.md, "Membership" and "Waiting list"): the row is kept with
the day she left, `member_left` is announced, the network keeps a facilitator, and a place
freed in a full network goes at once to the first person waiting, once."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from mails.models import Mail
from networks.enums import Role, WaitingStatus
from networks.memberships import end_membership, leave_network
from networks.models import Membership, WaitingListEntry
from networks.services import register_interest
from networks.signals import member_left
from participants.models import Invitation
from participants.waiting import offer_free_places
from tests.factories import NetworkFactory, make_facilitator, make_member, make_penvoerder

pytestmark = pytest.mark.django_db


def membership_of(network, person, role=Role.PARTICIPANT):
    return Membership.objects.get(network=network, person=person, role=role)


def full_network_with_waiting(names=("Anna", "Bram")):
    network = NetworkFactory(max_participants=2)
    make_facilitator(network)
    leaver = make_member(network)
    make_member(network)
    for name in names:
        register_interest(network, name=name, email=f"{name.lower()}@school.example.nl")
    return network, leaver


def offers_to(name):
    return Invitation.objects.filter(waiting_entry__registration__name=name)


@pytest.fixture
def heard():
    received = []

    def receiver(sender, *, membership, **kwargs):
        received.append(membership.pk)

    member_left.connect(receiver, dispatch_uid="test.member_left")
    yield received
    member_left.disconnect(dispatch_uid="test.member_left")


def test_ending_keeps_the_row_with_today_as_the_day_she_left(heard):
    network = NetworkFactory()
    make_facilitator(network)
    person = make_member(network)
    membership = membership_of(network, person)

    assert end_membership(membership, by=None) is True

    membership.refresh_from_db()
    assert membership.left_on == timezone.localdate()
    assert not Membership.objects.current().filter(pk=membership.pk).exists()
    assert membership.history.count() == 2  # created, then ended: the history is kept
    assert heard == [membership.pk]


def test_ending_twice_changes_nothing_and_announces_once(heard):
    network = NetworkFactory()
    make_facilitator(network)
    membership = membership_of(network, make_member(network))
    end_membership(membership, by=None)

    assert end_membership(membership, by=None) is False
    assert heard == [membership.pk]


def test_a_membership_still_to_begin_ends_on_its_first_day():
    network = NetworkFactory()
    make_facilitator(network)
    person = make_member(network)
    membership = membership_of(network, person)
    start = timezone.localdate() + datetime.timedelta(days=10)
    Membership.objects.filter(pk=membership.pk).update(joined_on=start)

    leave_network(network, person)

    membership.refresh_from_db()
    assert membership.left_on == start
    assert not Membership.objects.not_ended(start).filter(pk=membership.pk).exists()


def test_leaving_ends_every_role_she_holds_in_the_network(heard):
    network = NetworkFactory()
    make_facilitator(network)
    person = make_penvoerder(network)
    make_member(network, person=person)
    other = NetworkFactory()
    make_member(other, person=person)

    ended = leave_network(network, person)

    assert {m.role for m in ended} == {Role.PENVOERDER, Role.PARTICIPANT}
    assert not Membership.objects.current().filter(network=network, person=person).exists()
    assert Membership.objects.current().filter(person=person).get().network == other
    assert sorted(heard) == sorted(m.pk for m in ended)
    assert leave_network(network, person) == []


def test_the_last_facilitator_cannot_leave_or_be_removed(heard):
    network = NetworkFactory()
    facilitator = make_facilitator(network)
    make_penvoerder(network)

    with pytest.raises(ValidationError) as refused:
        leave_network(network, facilitator)
    assert refused.value.messages == [
        f"{facilitator} is de enige facilitator van {network.name} en kan het netwerk niet "
        "op deze manier verlaten. Voeg eerst een andere facilitator toe."
    ]
    with pytest.raises(ValidationError):
        end_membership(membership_of(network, facilitator, Role.FACILITATOR), by=None)

    assert membership_of(network, facilitator, Role.FACILITATOR).left_on is None
    assert heard == []


def test_a_facilitator_may_go_while_another_stays():
    network = NetworkFactory()
    first = make_facilitator(network)
    make_facilitator(network)

    end_membership(membership_of(network, first, Role.FACILITATOR), by=None)

    assert membership_of(network, first, Role.FACILITATOR).left_on == timezone.localdate()


def test_a_participant_leaving_a_full_network_offers_her_place_to_the_first_waiting():
    network, leaver = full_network_with_waiting()

    leave_network(network, leaver)

    assert offers_to("Anna").count() == 1
    assert not offers_to("Bram").exists()
    anna = WaitingListEntry.objects.get(registration__name="Anna")
    assert anna.status == WaitingStatus.OFFERED
    mail = Mail.objects.get(kind="place_offer")
    assert mail.to == "anna@school.example.nl"
    assert mail.subject == f"Er is een plaats vrijgekomen in {network.name}"


def test_the_freed_place_is_offered_once():
    network, leaver = full_network_with_waiting()
    membership = membership_of(network, leaver)

    end_membership(membership, by=None)
    end_membership(membership, by=None)
    offer_free_places(network)  # the daily run afterwards

    assert offers_to("Anna").count() == 1
    assert not offers_to("Bram").exists()
    assert Mail.objects.filter(kind="place_offer").count() == 1


def test_nobody_is_offered_a_place_when_nobody_waits():
    network, leaver = full_network_with_waiting(names=())

    leave_network(network, leaver)

    assert not Invitation.objects.exists()
    assert not Mail.objects.filter(kind="place_offer").exists()


def test_without_a_maximum_leaving_offers_nothing():
    network = NetworkFactory(max_participants=None)
    make_facilitator(network)
    leaver = make_member(network)
    register_interest(network, name="Anna", email="anna@school.example.nl")

    leave_network(network, leaver)

    assert not Invitation.objects.exists()
    assert not WaitingListEntry.objects.exists()
