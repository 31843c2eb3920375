"""The waiting list's pages: the directory for a full network, the members page's list for
the organisers, the maximum's form, removing, offering and declining; and who sees whose
name and address (nobody but the organisers and staff)."""

import pytest
from django.contrib.auth.models import Permission
from django.urls import reverse

from mails.models import Mail
from networks.enums import WaitingStatus
from networks.models import WaitingListEntry
from networks.services import register_interest
from participants import waiting
from participants.models import Invitation
from participants.services import invitation_token, invite_member
from tests.factories import (
    NetworkFactory,
    make_facilitator,
    make_member,
    make_penvoerder,
    make_staff,
)

pytestmark = pytest.mark.django_db

PLANTED_NAME = "Wachtlijstkandidaat Zwanenburg-Quist"
PLANTED_EMAIL = "zwanenburg.quist@wachtend.example.nl"


@pytest.fixture
def world():
    network = NetworkFactory(name="Vol Netwerk", max_participants=2)
    people = {
        "facilitator": make_facilitator(network),
        "penvoerder": make_penvoerder(network),
        "participant": make_member(network),
        "staff": make_staff(),
        "outsider": make_member(NetworkFactory()),
    }
    make_member(network)
    register_interest(network, name=PLANTED_NAME, email=PLANTED_EMAIL)
    return network, people


def members_url(network):
    return reverse("participants:network-members", args=[network.slug])


def entry():
    return WaitingListEntry.objects.get(registration__email=PLANTED_EMAIL)


# --- the directory ----------------------------------------------------------------------


def test_the_directory_shows_a_full_network_as_full(client, world):
    network, _ = world
    listing = client.get(reverse("networks:directory-list")).content.decode()
    detail = client.get(reverse("networks:directory-detail", args=[network.slug])).content.decode()
    assert "Vol — aanmelden voor de wachtlijst" in listing
    assert "Vol — aanmelden voor de wachtlijst" in detail
    assert "Belangstelling registreren" not in detail


def test_a_network_with_room_keeps_the_plain_register_button(client):
    network = NetworkFactory(max_participants=5)
    make_member(network)
    detail = client.get(reverse("networks:directory-detail", args=[network.slug])).content.decode()
    assert "Vol — aanmelden voor de wachtlijst" not in detail


def test_registering_for_a_full_network_says_the_position(client, world):
    network, _ = world
    url = reverse("networks:directory-detail", args=[network.slug])
    response = client.post(
        url, {"name": "Bea Tweede", "email": "bea@school.example.nl", "message": ""}, follow=True
    )
    content = response.content.decode()
    assert "Vol Netwerk is vol: u staat op de wachtlijst, op positie 2." in content


# --- who sees the list ------------------------------------------------------------------


@pytest.mark.parametrize("role", ["facilitator", "penvoerder", "staff"])
def test_organisers_and_staff_see_the_waiting_list(client, world, role):
    network, people = world
    client.force_login(people[role])
    content = client.get(members_url(network)).content.decode()
    assert "Wachtlijst" in content
    assert PLANTED_NAME in content and PLANTED_EMAIL in content
    assert "wachtend" in content


def test_staff_may_look_but_not_manage(client, world):
    network, people = world
    client.force_login(people["staff"])
    content = client.get(members_url(network)).content.decode()
    assert "Plaats aanbieden" not in content
    offer = reverse("participants:waiting-offer", args=[network.slug, entry().pk])
    assert client.post(offer).status_code == 404
    assert entry().status == WaitingStatus.WAITING


def test_the_list_shows_an_offered_place_with_its_end(client, world):
    network, people = world
    waiting.offer_place(entry(), by=people["facilitator"])
    client.force_login(people["facilitator"])
    content = client.get(members_url(network)).content.decode()
    until = entry().offered_until
    assert f"plaats aangeboden tot {until.day}" in content


@pytest.mark.parametrize("role", ["participant", "outsider"])
def test_members_and_outsiders_see_no_name_or_address(client, world, role):
    network, people = world
    client.force_login(people[role])
    pages = [
        members_url(network),
        network.get_absolute_url(),
        reverse("networks:directory-list"),
        reverse("networks:directory-detail", args=[network.slug]),
        "/api/v1/networks/",
        f"/api/v1/networks/{network.slug}/",
        reverse("participants:max-participants", args=[network.slug]),
    ]
    for page in pages:
        content = client.get(page).content.decode()
        assert PLANTED_NAME not in content, page
        assert PLANTED_EMAIL not in content, page


def test_visitors_see_no_name_or_address(client, world):
    network, _ = world
    for page in (
        reverse("networks:directory-list"),
        reverse("networks:directory-detail", args=[network.slug]),
        "/api/v1/networks/",
        f"/api/v1/networks/{network.slug}/",
    ):
        content = client.get(page).content.decode()
        assert PLANTED_NAME not in content and PLANTED_EMAIL not in content


def test_the_admin_shows_the_list_only_with_its_model_permission(client, world):
    _, people = world
    staff = people["staff"]
    staff.is_staff = True
    staff.save()
    client.force_login(staff)
    url = reverse("admin:networks_waitinglistentry_changelist")
    assert client.get(url).status_code == 403
    staff.user_permissions.add(Permission.objects.get(codename="view_waitinglistentry"))
    content = client.get(url).content.decode()
    assert PLANTED_NAME in content


# --- the maximum ------------------------------------------------------------------------


def test_the_facilitator_sets_the_maximum_and_the_next_is_offered(client, world):
    network, people = world
    client.force_login(people["facilitator"])
    url = reverse("participants:max-participants", args=[network.slug])
    response = client.post(url, {"max_participants": "3"}, follow=True)
    assert "Opgeslagen: maximaal 3 deelnemers." in response.content.decode()
    network.refresh_from_db()
    assert network.max_participants == 3
    assert entry().status == WaitingStatus.OFFERED


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("0", "Vul een heel getal van minstens 1 in, of laat het veld leeg."),
        ("-4", "Vul een heel getal van minstens 1 in, of laat het veld leeg."),
        ("2,5", "Vul een heel getal van minstens 1 in, of laat het veld leeg."),
        ("drie", "Vul een heel getal van minstens 1 in, of laat het veld leeg."),
        ("1", "Het netwerk heeft nu 2 deelnemers; het maximum kan niet lager zijn."),
        # Beyond the database's integer column: refused at the field, not a server error.
        ("99999999999", "Een netwerk heeft hoogstens 1000 deelnemers."),
    ],
)
def test_a_bad_maximum_is_refused_at_the_field(client, world, value, message):
    network, people = world
    client.force_login(people["penvoerder"])
    url = reverse("participants:max-participants", args=[network.slug])
    response = client.post(url, {"max_participants": value})
    assert response.status_code == 200
    assert response.context["form"].errors == {"max_participants": [message]}
    network.refresh_from_db()
    assert network.max_participants == 2


@pytest.mark.parametrize("role", ["participant", "outsider", "staff"])
def test_only_organisers_change_the_maximum(client, world, role):
    network, people = world
    client.force_login(people[role])
    url = reverse("participants:max-participants", args=[network.slug])
    assert client.post(url, {"max_participants": "10"}).status_code == 404
    network.refresh_from_db()
    assert network.max_participants == 2


# --- removing, offering, declining ------------------------------------------------------


def test_removing_asks_first_then_removes(client, world):
    network, people = world
    client.force_login(people["facilitator"])
    url = reverse("participants:waiting-remove", args=[network.slug, entry().pk])
    confirm = client.get(url).content.decode()
    assert f"Wilt u {PLANTED_NAME} echt van de wachtlijst van Vol Netwerk halen?" in confirm
    assert entry().status == WaitingStatus.WAITING
    response = client.post(url, follow=True)
    assert f"{PLANTED_NAME} is van de wachtlijst gehaald." in response.content.decode()
    assert entry().status == WaitingStatus.REMOVED
    assert "Er staat niemand op de wachtlijst." in client.get(members_url(network)).content.decode()


def test_the_facilitator_offers_a_place_by_hand(client, world):
    network, people = world
    client.force_login(people["facilitator"])
    url = reverse("participants:waiting-offer", args=[network.slug, entry().pk])
    response = client.post(url, follow=True)
    assert f"{PLANTED_NAME} heeft een plaats aangeboden gekregen" in response.content.decode()
    assert entry().status == WaitingStatus.OFFERED
    assert list(Mail.objects.filter(kind="place_offer").values_list("to", flat=True)) == [
        PLANTED_EMAIL
    ]


def test_declining_by_the_link_asks_first_and_passes_the_place_on(client, world):
    network, people = world
    register_interest(network, name="Bea Tweede", email="bea@school.example.nl")
    waiting.change_max_participants(network, 3, by=people["facilitator"])
    offer = Invitation.objects.get(waiting_entry=entry())
    url = reverse("participants:place-decline", args=[invitation_token(offer)])
    assert "Wilt u echt afzien van uw plaats in Vol Netwerk?" in client.get(url).content.decode()
    assert entry().status == WaitingStatus.OFFERED
    content = client.post(url).content.decode()
    assert "U heeft afgezien van de plaats in Vol Netwerk." in content
    assert entry().status == WaitingStatus.DECLINED
    bea = WaitingListEntry.objects.get(registration__email="bea@school.example.nl")
    assert bea.status == WaitingStatus.OFFERED
    # Her link no longer works, to accept or to decline.
    accept = reverse("participants:invitation-accept", args=[invitation_token(offer)])
    assert client.get(accept).status_code == 410
    assert client.post(url).status_code == 410


def test_a_plain_invitation_link_cannot_decline_anything(client, world):
    network, people = world
    invitation = invite_member(network, email="gewoon@school.example.nl", by=people["facilitator"])
    url = reverse("participants:place-decline", args=[invitation_token(invitation)])
    assert client.post(url).status_code == 410


def test_the_offer_link_says_until_when_and_offers_declining(client, world):
    network, people = world
    waiting.offer_place(entry(), by=people["facilitator"])
    token = invitation_token(Invitation.objects.get(waiting_entry=entry()))
    content = client.get(reverse("participants:invitation-accept", args=[token])).content.decode()
    assert "Er is via de wachtlijst een plaats voor u vrijgekomen." in content
    assert reverse("participants:place-decline", args=[token]) in content


@pytest.mark.parametrize("count", [1, 20])
def test_the_waiting_list_query_count(client, django_assert_num_queries, count):
    network = NetworkFactory(max_participants=1)
    make_member(network)
    facilitator = make_facilitator(network)
    for n in range(count):
        register_interest(network, name=f"Wachtende {n}", email=f"w{n}@school.example.nl")
    waiting.offer_place(WaitingListEntry.objects.first(), by=facilitator)
    client.force_login(facilitator)
    url = members_url(network)
    client.get(url)
    with django_assert_num_queries(10):
        assert f"Wachtende {count - 1}" in client.get(url).content.decode()
