"""A member's school is contact data (docs/domain.md, "Personal learning and privacy"): it
reaches herself, the current facilitators and penvoerders of a network she is a current
member of, and academy staff; other members see her name only. A unique school name is
planted on one member and looked for on the network page's member list and on the buddy-group
page (her group, and the organisers' suggestion of who is not yet in a group), as each role."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from networks.models import Membership
from tests.factories import (
    NetworkFactory,
    SchoolFactory,
    make_facilitator,
    make_member,
    make_penvoerder,
    make_staff,
)
from tests.factories.meetings import BuddyGroupFactory

pytestmark = pytest.mark.django_db

GROUPED_SCHOOL = "Marker-College Zonnewijzer 7Q3"
UNGROUPED_SCHOOL = "Marker-Lyceum Windroos 9K1"
# Who reads a member's contact details, declared from the rule, not from the pages.
READS_CONTACT = {
    "owner": True,
    "facilitator": True,
    "penvoerder": True,
    "staff": True,
    "participant": False,
    "facilitator_elsewhere_member_here": False,
}
# The same for another member's school: the owner reads only her own.
READS_OTHERS_CONTACT = {**READS_CONTACT, "owner": False}


@pytest.fixture
def world():
    network, other = NetworkFactory(), NetworkFactory()
    owner = make_member(network, school=SchoolFactory(name=GROUPED_SCHOOL))
    ungrouped = make_member(network, school=SchoolFactory(name=UNGROUPED_SCHOOL))
    participant = make_member(network)
    both = make_facilitator(other)
    make_member(network, person=both)
    BuddyGroupFactory(network=network, name="Maatjes A", members=[owner, participant])
    return {
        "network": network,
        "ungrouped": ungrouped,
        "owner": owner,
        "facilitator": make_facilitator(network),
        "penvoerder": make_penvoerder(network),
        "staff": make_staff(),
        "participant": participant,
        "facilitator_elsewhere_member_here": both,
    }


def _page(client, viewer, url) -> str:
    client.force_login(viewer)
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


@pytest.mark.parametrize("role", sorted(READS_CONTACT))
def test_the_network_member_list_shows_the_school_only_to_who_reads_contact(client, world, role):
    url = reverse("networks:network-detail", args=[world["network"].slug])
    page = _page(client, world[role], url)
    assert (GROUPED_SCHOOL in page) is READS_CONTACT[role]
    assert (UNGROUPED_SCHOOL in page) is READS_OTHERS_CONTACT[role]


@pytest.mark.parametrize("role", sorted(READS_CONTACT))
def test_the_buddy_group_page_shows_the_school_only_to_who_reads_contact(client, world, role):
    url = reverse("meetings:buddy-groups", args=[world["network"].slug])
    page = _page(client, world[role], url)
    assert "Maatjes A" in page
    assert world["owner"].first_name in page
    assert (GROUPED_SCHOOL in page) is READS_CONTACT[role]


@pytest.mark.parametrize("role", ["facilitator", "penvoerder"])
def test_the_organisers_suggestion_shows_the_school_of_who_is_not_in_a_group(client, world, role):
    url = reverse("meetings:buddy-groups", args=[world["network"].slug])
    page = _page(client, world[role], url)
    assert "Voorstel" in page
    assert UNGROUPED_SCHOOL in page


def test_once_the_member_has_left_her_organisers_no_longer_see_her_school(client, world):
    Membership.objects.filter(person=world["owner"], network=world["network"]).update(
        left_on=timezone.localdate() - datetime.timedelta(days=1)
    )
    url = reverse("meetings:buddy-groups", args=[world["network"].slug])
    page = _page(client, world["facilitator"], url)
    assert "Maatjes A" in page
    assert GROUPED_SCHOOL not in page
