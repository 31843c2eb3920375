"""Sharing a BC-Scan reaches only the networks its owner links it to (and still belongs to)."""

import re

import pytest
from django.urls import reverse
from django.utils import timezone

from networks.enums import Role
from networks.models import Membership
from participants import selectors
from participants.enums import Visibility
from participants.models import BCScan
from tests.factories import NetworkFactory, make_facilitator, make_member, make_staff
from tests.factories.participants import BCScanFactory, full_answers

pytestmark = pytest.mark.django_db


@pytest.fixture
def two_networks():
    """The owner is a participant of A and of B; everyone else belongs to one of them."""
    a, b = NetworkFactory(name="Netwerk A"), NetworkFactory(name="Netwerk B")
    owner = make_member(a)
    make_member(b, person=owner)
    return {
        "a": a,
        "b": b,
        "owner": owner,
        "facilitator_a": make_facilitator(a),
        "member_a": make_member(a),
        "facilitator_b": make_facilitator(b),
        "member_b": make_member(b),
        "staff": make_staff(),
        "outsider": make_facilitator(NetworkFactory()),
    }


def _readers(scan, people) -> dict[str, bool]:
    visible = {
        role: BCScan.objects.visible_to(person).filter(pk=scan.pk).exists()
        for role, person in people.items()
        if role not in ("a", "b")
    }
    by_rule = {role: people[role].has_perm("participants.view_bcscan", scan) for role in visible}
    assert by_rule == visible  # the predicate and the queryset agree
    return visible


@pytest.mark.parametrize(
    "visibility, member_a",
    [(Visibility.PRIVATE, False), (Visibility.FACILITATOR, False), (Visibility.NETWORK, True)],
)
def test_scan_linked_to_a_reaches_a_only(two_networks, visibility, member_a):
    w = two_networks
    # Even a private scan that is linked (the service never leaves one so) stays private.
    scan = BCScanFactory(owner=w["owner"], visibility=visibility, networks=[w["a"]])

    assert _readers(scan, w) == {
        "owner": True,
        "facilitator_a": visibility != Visibility.PRIVATE,
        "member_a": member_a,
        # The owner is a member of B too, but did not link the scan to B.
        "facilitator_b": False,
        "member_b": False,
        "staff": False,
        "outsider": False,
    }


def test_shared_scan_without_links_reaches_nobody(two_networks):
    w = two_networks
    scan = BCScanFactory(owner=w["owner"], visibility=Visibility.NETWORK)

    assert {role for role, seen in _readers(scan, w).items() if seen} == {"owner"}


def _leave(person, network):
    Membership.objects.filter(person=person, network=network).update(left_on=timezone.localdate())


def test_reader_who_left_the_network_no_longer_sees_the_scan(two_networks):
    w = two_networks
    scan = BCScanFactory(owner=w["owner"], visibility=Visibility.NETWORK, networks=[w["a"]])
    _leave(w["member_a"], w["a"])
    _leave(w["facilitator_a"], w["a"])

    readers = _readers(scan, w)

    assert (readers["member_a"], readers["facilitator_a"]) == (False, False)


def test_scan_no_longer_reaches_a_network_its_owner_left(two_networks):
    w = two_networks
    scan = BCScanFactory(owner=w["owner"], visibility=Visibility.NETWORK, networks=[w["a"], w["b"]])
    _leave(w["owner"], w["a"])

    readers = _readers(scan, w)

    assert (readers["member_a"], readers["facilitator_a"]) == (False, False)
    assert (readers["member_b"], readers["facilitator_b"]) == (True, True)


def test_shared_scans_in_network_lists_only_scans_linked_to_that_network(two_networks):
    w = two_networks
    in_a = BCScanFactory(owner=w["owner"], visibility=Visibility.FACILITATOR, networks=[w["a"]])
    in_b = BCScanFactory(owner=w["owner"], visibility=Visibility.FACILITATOR, networks=[w["b"]])
    both = make_facilitator(w["a"])
    make_member(w["b"], Role.FACILITATOR, person=both)

    assert list(selectors.shared_scans_in_network(both, w["a"])) == [in_a]
    assert list(selectors.shared_scans_in_network(both, w["b"])) == [in_b]


def test_shared_scans_in_network_counts_the_role_held_in_that_network(two_networks):
    # A facilitator of B who is a mere participant of A: a scan shared with facilitators of A
    # and B appears on B's page, not on A's.
    w = two_networks
    scan = BCScanFactory(
        owner=w["owner"], visibility=Visibility.FACILITATOR, networks=[w["a"], w["b"]]
    )
    make_member(w["a"], person=w["facilitator_b"])

    assert list(selectors.shared_scans_in_network(w["facilitator_b"], w["a"])) == []
    assert list(selectors.shared_scans_in_network(w["facilitator_b"], w["b"])) == [scan]


@pytest.mark.parametrize("count", [1, 6])
def test_shared_page_with_scans_query_count(client, django_assert_num_queries, count):
    network = NetworkFactory()
    for _ in range(count):
        BCScanFactory(owner=make_member(network), visibility=Visibility.NETWORK, networks=[network])
    BCScanFactory(owner=make_member(network), visibility=Visibility.NETWORK)  # not linked
    client.force_login(make_facilitator(network))
    url = reverse("participants:shared-questions", args=[network.slug])
    client.get(url)

    with django_assert_num_queries(9):
        response = client.get(url)

    assert len(response.context["scans"]) == count


# --- the forms ----------------------------------------------------------------------------


def _scan_post(visibility, networks=(), answers=None):
    data = {k: str(v) for k, v in (answers or full_answers(4)).items()}
    return {**data, "visibility": visibility, "networks": [n.pk for n in networks]}


def response_checked(body: str) -> set[str]:
    """The values of the ticked network checkboxes in a page."""
    return set(
        re.findall(r'name="networks" value="(\d+)"[^>]*checked', body)
        + re.findall(r'checked[^>]*name="networks" value="(\d+)"', body)
    )


def test_scan_form_offers_the_owners_current_networks(client, two_networks):
    w = two_networks
    left = NetworkFactory(name="Verlaten netwerk")
    make_member(left, person=w["owner"])
    _leave(w["owner"], left)
    client.force_login(w["owner"])

    response = client.get(reverse("participants:scan-create"))

    field = response.context["form"].fields["networks"]
    assert list(field.queryset) == [w["a"], w["b"]]
    body = response.content.decode()
    assert "Mijn netwerken" in body and "Verlaten netwerk" not in body


def test_scan_shared_with_chosen_network_is_linked(client, two_networks):
    w = two_networks
    client.force_login(w["owner"])

    client.post(reverse("participants:scan-create"), _scan_post(Visibility.NETWORK, [w["b"]]))

    scan = BCScan.objects.get()
    assert (scan.visibility, list(scan.networks.all())) == (Visibility.NETWORK, [w["b"]])


@pytest.mark.parametrize("visibility", [Visibility.FACILITATOR, Visibility.NETWORK])
def test_scan_form_refuses_sharing_without_a_network(client, two_networks, visibility):
    client.force_login(two_networks["owner"])

    response = client.post(reverse("participants:scan-create"), _scan_post(visibility))

    assert BCScan.objects.count() == 0
    error = "Kies minstens één netwerk om uw BC-Scan mee te delen, of kies “Alleen ik”."
    assert response.context["form"].errors == {"networks": [error]}
    body = response.content.decode()
    # The error sits in the networks fieldset, announced with it.
    fieldset = body.split('<div id="div_id_networks"')[1].split("</fieldset>")[0]
    assert error in fieldset and 'aria-describedby="id_networks_helptext id_networks_error"' in (
        fieldset
    )
    assert "Uw BC-Scan is niet opgeslagen: kijk met wie u hem deelt." in body


def test_scan_form_refuses_a_network_of_someone_else(client, two_networks):
    client.force_login(two_networks["owner"])
    foreign = NetworkFactory()

    response = client.post(
        reverse("participants:scan-create"), _scan_post(Visibility.NETWORK, [foreign])
    )

    assert BCScan.objects.count() == 0
    assert list(response.context["form"].errors) == ["networks"]


def test_private_scan_gets_no_links_even_if_networks_ticked(client, two_networks):
    w = two_networks
    client.force_login(w["owner"])

    client.post(reverse("participants:scan-create"), _scan_post(Visibility.PRIVATE, [w["a"]]))

    assert list(BCScan.objects.get().networks.all()) == []


def test_making_a_scan_private_clears_its_links(client, two_networks):
    w = two_networks
    scan = BCScanFactory(owner=w["owner"], visibility=Visibility.NETWORK, networks=[w["a"], w["b"]])
    client.force_login(w["owner"])

    client.post(
        reverse("participants:scan-plan", args=[scan.pk]),
        {"visibility": Visibility.PRIVATE, "networks": [w["a"].pk]},
    )

    scan.refresh_from_db()
    assert (scan.visibility, list(scan.networks.all())) == (Visibility.PRIVATE, [])
    assert not BCScan.objects.visible_to(w["member_a"]).filter(pk=scan.pk).exists()


def test_plan_form_refuses_sharing_without_a_network_and_saves_nothing(client, two_networks):
    w = two_networks
    scan = BCScanFactory(
        owner=w["owner"],
        visibility=Visibility.FACILITATOR,
        networks=[w["a"]],
        action_plans={"1": "Oud plan"},
    )
    client.force_login(w["owner"])

    response = client.post(
        reverse("participants:scan-plan", args=[scan.pk]),
        {"visibility": Visibility.NETWORK, "plan_1": "Nieuw plan"},
    )

    assert response.status_code == 200
    assert list(response.context["form"].errors) == ["networks"]
    scan.refresh_from_db()
    assert (scan.visibility, scan.action_plans, list(scan.networks.all())) == (
        Visibility.FACILITATOR,
        {"1": "Oud plan"},
        [w["a"]],
    )


def test_plan_form_moves_sharing_to_another_network(client, two_networks):
    w = two_networks
    scan = BCScanFactory(owner=w["owner"], visibility=Visibility.NETWORK, networks=[w["a"]])
    client.force_login(w["owner"])
    url = reverse("participants:scan-plan", args=[scan.pk])

    assert response_checked(client.get(url).content.decode()) == {str(w["a"].pk)}
    client.post(url, {"visibility": Visibility.NETWORK, "networks": [w["b"].pk]})

    assert list(scan.networks.all()) == [w["b"]]
    assert not BCScan.objects.visible_to(w["member_a"]).filter(pk=scan.pk).exists()
    assert BCScan.objects.visible_to(w["member_b"]).filter(pk=scan.pk).exists()


# --- the scan's own page ------------------------------------------------------------------


def test_scan_page_tells_the_owner_where_it_is_shared(client, two_networks):
    w = two_networks
    left = NetworkFactory(name="Verlaten netwerk")
    make_member(left, person=w["owner"])
    scan = BCScanFactory(
        owner=w["owner"], visibility=Visibility.FACILITATOR, networks=[w["a"], left]
    )
    _leave(w["owner"], left)
    client.force_login(w["owner"])

    body = client.get(scan.get_absolute_url()).content.decode()

    shared = body.split("Gedeeld in netwerken")[1].split("</dd>")[0]
    assert "Netwerk A" in shared and "Netwerk B" not in shared
    assert "Verlaten netwerk" in shared
    assert "u bent geen lid meer" in shared
    assert "Ik en mijn facilitator" in body


def test_private_scan_page_says_it_is_shared_nowhere(client):
    scan = BCScanFactory(owner=make_member(NetworkFactory()))
    client.force_login(scan.owner)

    body = client.get(scan.get_absolute_url()).content.decode()

    assert "Geen: alleen u kunt deze scan lezen." in body


def test_scan_page_of_a_reader_does_not_list_the_owners_networks(client, two_networks):
    w = two_networks
    scan = BCScanFactory(owner=w["owner"], visibility=Visibility.NETWORK, networks=[w["a"]])
    client.force_login(w["member_a"])

    body = client.get(scan.get_absolute_url()).content.decode()

    assert "met u gedeeld door" in body
    assert "Gedeeld in netwerken" not in body
