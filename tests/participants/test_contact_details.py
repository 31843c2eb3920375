"""Who reads a person's contact details (address, phone): she herself, the current organisers
(facilitator, penvoerder) of a network she is a current member of, and academy staff. One
rule (`User.objects.contact_visible_to`) behind every page that shows them; a planted phone
number is looked for on the pages as each role."""

import datetime

import pytest
from django.contrib.auth.models import AnonymousUser
from django.urls import reverse
from django.utils import timezone

from networks.models import Membership
from participants.models import User
from tests.factories import (
    NetworkFactory,
    UserFactory,
    make_facilitator,
    make_member,
    make_penvoerder,
    make_staff,
)

pytestmark = pytest.mark.django_db
PHONE = "+31 6 1357 9086"


@pytest.fixture
def world():
    network, other = NetworkFactory(), NetworkFactory()
    owner = make_member(network, phone=PHONE)
    return {
        "network": network,
        "owner": owner,
        "facilitator": make_facilitator(network),
        "penvoerder": make_penvoerder(network),
        "member": make_member(network),
        "other_facilitator": make_facilitator(other),
        "staff": make_staff(),
        "stranger": UserFactory(),
    }


@pytest.mark.parametrize(
    ("role", "sees"),
    [
        ("owner", True),
        ("facilitator", True),
        ("penvoerder", True),
        ("staff", True),
        ("member", False),
        ("other_facilitator", False),
        ("stranger", False),
    ],
)
def test_the_rule_per_role(world, role, sees):
    visible = User.objects.contact_visible_to(world[role])
    assert visible.filter(pk=world["owner"].pk).exists() is sees


def test_a_visitor_reads_nobody(world):
    assert list(User.objects.contact_visible_to(AnonymousUser())) == []


def test_an_organiser_who_left_no_longer_reads_the_members(world):
    Membership.objects.filter(person=world["facilitator"]).update(
        left_on=timezone.localdate() - datetime.timedelta(days=1)
    )
    assert not User.objects.contact_visible_to(world["facilitator"]).filter(pk=world["owner"].pk)


def test_a_member_who_left_is_no_longer_on_the_organisers_list(client, world):
    Membership.objects.filter(person=world["owner"]).update(
        left_on=timezone.localdate() - datetime.timedelta(days=1)
    )
    client.force_login(world["facilitator"])
    page = client.get(reverse("participants:network-members", args=[world["network"].slug]))
    assert page.status_code == 200
    assert PHONE not in page.content.decode()


@pytest.mark.parametrize("role", ["facilitator", "penvoerder", "staff"])
def test_the_member_list_shows_the_phone_to_organisers_and_staff(client, world, role):
    client.force_login(world[role])
    page = client.get(reverse("participants:network-members", args=[world["network"].slug]))
    assert PHONE in page.content.decode()


@pytest.mark.parametrize("role", ["member", "other_facilitator", "stranger"])
def test_nobody_else_gets_the_member_list(client, world, role):
    client.force_login(world[role])
    page = client.get(reverse("participants:network-members", args=[world["network"].slug]))
    assert page.status_code == 404
    assert PHONE not in page.content.decode()


def test_staff_person_page_shows_the_phone(client, world):
    client.force_login(world["staff"])
    page = client.get(reverse("participants:person-detail", args=[world["owner"].pk]))
    assert PHONE in page.content.decode()
