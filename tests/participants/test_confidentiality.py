"""A learning question and a BC-Scan are their owner's: markers appear only where the owner's
choice allows, on every page and export reachable by every other role."""

import json

import pytest
from django.urls import reverse

from networks.enums import Role
from participants.enums import Visibility
from tests.factories import (
    LearningQuestionFactory,
    NetworkFactory,
    make_facilitator,
    make_member,
    make_staff,
)
from tests.factories.participants import BCScanFactory, ReflectionFactory

pytestmark = pytest.mark.django_db

PRIVATE = "MARKER-PRIVATE-7f3a"
FACILITATOR = "MARKER-FACILITATOR-91bc"
SCAN = "MARKER-SCAN-55de"


@pytest.fixture
def world():
    network = NetworkFactory(slug="eigen-netwerk")
    other_network = NetworkFactory(slug="ander-netwerk")
    owner = make_member(network)
    private = LearningQuestionFactory(
        owner=owner, title=f"Prive {PRIVATE}", visibility=Visibility.PRIVATE
    )
    private.networks.add(network)
    ReflectionFactory(question=private, note=f"reflectie {PRIVATE}")
    shared = LearningQuestionFactory(
        owner=owner, title=f"Gedeeld {FACILITATOR}", visibility=Visibility.FACILITATOR
    )
    shared.networks.add(network)
    scan = BCScanFactory(owner=owner, action_plans={"1": f"plan {SCAN}"})
    people = {
        "owner": owner,
        "same_network": make_member(network),
        "other_network": make_member(other_network),
        "facilitator": make_facilitator(network),
        "other_facilitator": make_facilitator(other_network),
        "staff": make_staff(),
        "anonymous": None,
    }
    return {
        "network": network,
        "other": other_network,
        "private": private,
        "shared": shared,
        "scan": scan,
        "people": people,
    }


def _urls(world):
    net, other = world["network"].slug, world["other"].slug
    return [
        reverse("networks:my-networks"),
        reverse("networks:network-detail", args=[net]),
        reverse("networks:network-detail", args=[other]),
        reverse("participants:question-list"),
        reverse("participants:question-detail", args=[world["private"].pk]),
        reverse("participants:question-detail", args=[world["shared"].pk]),
        reverse("participants:scan-list"),
        reverse("participants:scan-detail", args=[world["scan"].pk]),
        reverse("participants:shared-questions", args=[net]),
        reverse("participants:shared-questions", args=[other]),
        reverse("participants:network-members", args=[net]),
        reverse("participants:people-list"),
        reverse("participants:person-detail", args=[world["people"]["owner"].pk]),
        reverse("participants:learning-record"),
        reverse("participants:audit-log"),
        reverse("participants:my-data"),
        reverse("participants:privacy"),
        reverse("participants:data-export"),
        reverse("participants:profile"),
        reverse("participants:school-options"),
        reverse("participants:invite", args=[net]),
        reverse("participants:import", args=[net]),
        reverse("participants:question-create"),
        reverse("participants:scan-create"),
        reverse("participants:erase-account"),
        reverse("participants:question-update", args=[world["private"].pk]),
        reverse("participants:scan-plan", args=[world["scan"].pk]),
        "/beheer/participants/learningquestion/",
        f"/beheer/participants/learningquestion/{world['private'].pk}/change/",
        "/beheer/participants/bcscan/",
    ]


def _seen(client, world, user) -> str:
    client.logout()
    if user is not None:
        client.force_login(user)
    text = []
    for url in _urls(world):
        response = client.get(url)
        body = response.content.decode(errors="replace")
        if response.get("Content-Type", "").startswith("application/json"):
            body = json.dumps(response.json(), ensure_ascii=False)
        text.append(body)
    return "\n".join(text)


# Who may see what, by the owner's choices: private question only the owner, the facilitator
# question the owner and the network's facilitator, the private scan only the owner.
EXPECTED = {
    "owner": {PRIVATE, FACILITATOR, SCAN},
    "same_network": set(),
    "other_network": set(),
    "facilitator": {FACILITATOR},
    "other_facilitator": set(),
    "staff": set(),
    "anonymous": set(),
}


@pytest.mark.parametrize("role", list(EXPECTED))
def test_markers_appear_only_where_the_owner_allows(client, world, role):
    seen = _seen(client, world, world["people"][role])

    assert {m for m in (PRIVATE, FACILITATOR, SCAN) if m in seen} == EXPECTED[role]


def test_scan_shared_with_network_reaches_members_not_outsiders(client, world):
    scan = world["scan"]
    scan.visibility = Visibility.NETWORK
    scan.save()
    scan.networks.add(world["network"])

    seen = {role: SCAN in _seen(client, world, world["people"][role]) for role in EXPECTED}

    assert seen == {
        "owner": True,
        "same_network": True,
        "other_network": False,
        "facilitator": True,
        "other_facilitator": False,
        "staff": False,
        "anonymous": False,
    }


def test_scan_shared_with_one_network_does_not_reach_the_owners_other_network(client, world):
    # The owner is a member of both networks but links the scan to the first one only.
    make_member(world["other"], person=world["people"]["owner"])
    scan = world["scan"]
    scan.visibility = Visibility.NETWORK
    scan.save()
    scan.networks.add(world["network"])

    seen = {role: SCAN in _seen(client, world, world["people"][role]) for role in EXPECTED}

    assert seen == {
        "owner": True,
        "same_network": True,
        "other_network": False,
        "facilitator": True,
        "other_facilitator": False,
        "staff": False,
        "anonymous": False,
    }


def test_question_shared_with_network_reaches_members_not_outsiders(client, world):
    shared = world["shared"]
    shared.visibility = Visibility.NETWORK
    shared.save()

    seen = {role: FACILITATOR in _seen(client, world, world["people"][role]) for role in EXPECTED}

    assert seen == {
        "owner": True,
        "same_network": True,
        "other_network": False,
        "facilitator": True,
        "other_facilitator": False,
        "staff": False,
        "anonymous": False,
    }


def test_private_question_detail_is_404_for_facilitator(client, world):
    client.force_login(world["people"]["facilitator"])

    response = client.get(reverse("participants:question-detail", args=[world["private"].pk]))

    assert response.status_code == 404


def test_facilitator_role_is_checked_per_network(client, world):
    # A facilitator of the network who is a mere participant elsewhere sees nothing more.
    make_member(world["other"], Role.PARTICIPANT, person=world["people"]["facilitator"])
    seen = _seen(client, world, world["people"]["facilitator"])

    assert PRIVATE not in seen
    assert FACILITATOR in seen


def test_network_page_counts_the_questions_its_link_lists(client):
    # A question linked to two networks reaches the facilitator of one through the other
    # only (its owner is no member of the first): the first network's page neither lists it
    # nor counts it, the second does both.
    first = NetworkFactory(slug="eerste-netwerk")
    second = NetworkFactory(slug="tweede-netwerk")
    owner = make_member(second)
    question = LearningQuestionFactory(
        owner=owner, title="Via het tweede MARKER-COUNT-2b", visibility=Visibility.NETWORK
    )
    question.networks.add(first, second)
    viewer = make_facilitator(first)
    make_member(second, person=viewer)
    client.force_login(viewer)
    for network, expected, count_text in (
        (first, 0, "0 leervragen met u gedeeld"),
        (second, 1, "1 leervraag met u gedeeld"),
    ):
        listed = client.get(reverse("participants:shared-questions", args=[network.slug]))
        assert listed.content.decode().count("MARKER-COUNT-2b") == expected
        page = client.get(network.get_absolute_url()).content.decode()
        assert count_text in " ".join(page.split())
