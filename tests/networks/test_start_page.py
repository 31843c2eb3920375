import re

import pytest

from networks.enums import NetworkStatus
from tests.factories import (
    NetworkFactory,
    UserFactory,
    make_facilitator,
    make_member,
    make_penvoerder,
    make_staff,
)
from tests.factories.networks import make_application

pytestmark = pytest.mark.django_db


def _my_networks(html: str) -> list[tuple[str, str]]:
    """(network, its roles joined by " + ") per entry of the 'Mijn netwerken' list."""
    section = html.split('aria-label="Mijn netwerken"', 1)[1].split("</ul>", 1)[0]
    entries = []
    for item in section.split("<li")[1:]:
        name = re.search(r'<a href="/netwerken/[^"]+/">([^<]+)</a>', item).group(1)
        roles = re.findall(r'<span class="badge[^>]*>([^<]+)</span>', item)
        entries.append((name, " + ".join(roles)))
    return entries


@pytest.fixture
def two_networks():
    return NetworkFactory(name="Verbindend Vernieuwen"), NetworkFactory(name="Ondernemend Leren")


def test_start_page_anonymous_is_sent_to_login(client):
    response = client.get("/mijn/")
    assert response.status_code == 302
    assert response["Location"] == "/account/inloggen/?next=/mijn/"


def test_start_page_participant_sees_own_network_with_role(client, two_networks):
    own, other = two_networks
    client.force_login(make_member(own))
    html = client.get("/mijn/").content.decode()
    assert "<h1>Mijn netwerken</h1>" in html
    assert _my_networks(html) == [("Verbindend Vernieuwen", "Deelnemer")]
    assert re.search(r"Onderwijsvernieuwing · Actief\s*</div>", html)
    assert "Ondernemend Leren" not in html
    assert "Alle netwerken" not in html


def test_start_page_facilitator_sees_networks_they_facilitate(client, two_networks):
    own, other = two_networks
    facilitator = make_facilitator(own)
    NetworkFactory(name="Moreel Beraad en Bildung")
    client.force_login(facilitator)
    html = client.get("/mijn/").content.decode()
    assert _my_networks(html) == [("Verbindend Vernieuwen", "Facilitator")]
    assert "Ondernemend Leren" not in html and "Moreel Beraad" not in html


def test_start_page_penvoerder_who_also_participates_sees_the_network_once_with_both_roles(
    client, two_networks
):
    own, other = two_networks
    penvoerder = make_penvoerder(own)
    make_member(own, person=penvoerder)
    client.force_login(penvoerder)
    html = client.get("/mijn/").content.decode()
    assert _my_networks(html) == [("Verbindend Vernieuwen", "Deelnemer + Penvoerder")]
    assert "Ondernemend Leren" not in html


def test_start_page_person_in_two_networks_sees_both(client, two_networks):
    own, other = two_networks
    person = make_member(own)
    make_member(other, person=person)
    NetworkFactory(name="Smart Government")
    client.force_login(person)
    html = client.get("/mijn/").content.decode()
    assert _my_networks(html) == [
        ("Ondernemend Leren", "Deelnemer"),
        ("Verbindend Vernieuwen", "Deelnemer"),
    ]
    assert "Smart Government" not in html


def test_start_page_without_networks_shows_empty_state(client, two_networks):
    client.force_login(UserFactory())
    html = client.get("/mijn/").content.decode()
    assert "U bent nog geen lid van een netwerk." in html
    assert "Verbindend Vernieuwen" not in html


def test_start_page_staff_sees_all_networks_with_facilitators(client, two_networks):
    own, other = two_networks
    facilitator = make_facilitator(own, first_name="Brigit", last_name="Verbeek")
    client.force_login(make_staff())
    html = client.get("/mijn/").content.decode()
    assert '<h2 id="all-networks-heading">Alle netwerken</h2>' in html
    table = html.split("<tbody>", 1)[1].split("</tbody>", 1)[0]
    assert re.findall(r'<a href="/netwerken/[^"]+/">([^<]+)</a>', table) == [
        "Ondernemend Leren",
        "Verbindend Vernieuwen",
    ]
    assert str(facilitator) in table


def test_start_page_staff_sees_what_a_submitted_application_plans(client):
    """An application has no members yet: staff see its planned fixed participants and
    facilitator, not "0" and "—"."""
    application = make_application(participants=7, submitted=True)
    client.force_login(make_staff())
    html = client.get("/mijn/").content.decode()
    table = html.split("<tbody>", 1)[1].split("</tbody>", 1)[0]
    row = next(r for r in table.split("<tr>") if application.network.name in r)
    cells = [re.sub(r"\s+", " ", c).strip() for c in re.findall(r"<td>(.*?)</td>", row, re.S)]
    assert cells[3] == "7 gepland"
    assert cells[4] == "Fee (gepland)"


@pytest.mark.parametrize("submitted", [False, True])
def test_start_page_penvoerder_sees_an_application_not_yet_granted_once_as_an_application(
    client, two_networks, submitted
):
    own, other = two_networks
    penvoerder = make_member(own)
    application = make_application(penvoerder, submitted=submitted)
    client.force_login(penvoerder)
    html = client.get("/mijn/").content.decode()
    # Her granted network under "Mijn netwerken"; the application only under "Mijn aanvragen".
    assert _my_networks(html) == [("Verbindend Vernieuwen", "Deelnemer")]
    applications = html.split('id="my-applications-heading"', 1)[1].split("</ul>", 1)[0]
    assert re.findall(r'<a href="[^"]+">([^<]+)</a>', applications) == ["Samen Sturen"]
    assert html.count(application.network.name) == 1


def test_start_page_staff_filters_by_status(client, two_networks):
    NetworkFactory(name="Persoonlijk Leiderschap", status=NetworkStatus.GRANTED)
    client.force_login(make_staff())
    html = client.get("/mijn/", {"status": "granted"}).content.decode()
    table = html.split("<tbody>", 1)[1].split("</tbody>", 1)[0]
    assert "Persoonlijk Leiderschap" in table
    assert "Verbindend Vernieuwen" not in table


def test_start_page_staff_filter_without_match_shows_empty_state(client, two_networks):
    client.force_login(make_staff())
    html = client.get("/mijn/", {"q": "bestaat-niet"}).content.decode()
    assert "Geen netwerken gevonden met deze filters." in html


def _staff_page_queries(client, django_assert_num_queries, count: int, expected: int) -> None:
    for i in range(count):
        network = NetworkFactory(name=f"Netwerk {i:02d}")
        make_facilitator(network)
        make_member(network)
    staff = make_staff()
    client.force_login(staff)
    with django_assert_num_queries(expected):
        response = client.get("/mijn/")
    assert response.content.decode().count('<a href="/netwerken/') >= count


@pytest.mark.parametrize("count", [1, 20])
def test_start_page_staff_list_queries_do_not_grow_with_networks(
    client, django_assert_num_queries, count
):
    # 17: the page's sections, with the open date polls and open actions (issue 13); the
    # viewer's memberships are read once (staff: none, so the member sections ask nothing).
    _staff_page_queries(client, django_assert_num_queries, count, expected=17)


def test_network_page_member_sees_members(client):
    network = NetworkFactory(name="Verbindend Vernieuwen")
    make_facilitator(network, first_name="Brigit", last_name="Verbeek")
    client.force_login(make_member(network))
    html = client.get(network.get_absolute_url()).content.decode()
    assert "<h1>Verbindend Vernieuwen</h1>" in html
    assert "Brigit Verbeek" in html


def test_network_page_of_other_network_is_404_like_missing(client, two_networks):
    own, other = two_networks
    client.force_login(make_member(own))
    assert client.get(other.get_absolute_url()).status_code == 404
    assert client.get("/netwerken/bestaat-niet/").status_code == 404


def test_network_page_staff_may_open_any(client, two_networks):
    client.force_login(make_staff())
    assert client.get(two_networks[1].get_absolute_url()).status_code == 200


def _member_page_queries(client, django_assert_num_queries, count: int, expected: int) -> None:
    person = UserFactory()
    for i in range(count):
        network = NetworkFactory(name=f"Netwerk {i:02d}")
        make_member(network, person=person)
        make_facilitator(network)
    client.force_login(person)
    with django_assert_num_queries(expected):
        response = client.get("/mijn/")
    assert len(_my_networks(response.content.decode())) == count


@pytest.mark.parametrize("count", [1, 20])
def test_start_page_member_queries_do_not_grow_with_memberships(
    client, django_assert_num_queries, count
):
    # 15: the page's sections, with the open date polls and open actions (issue 13); no
    # permission lookups of Django's ModelBackend (the slots ask the rules registry).
    _member_page_queries(client, django_assert_num_queries, count, expected=15)


@pytest.mark.parametrize("count", [1, 20])
def test_network_page_queries_do_not_grow_with_members(client, django_assert_num_queries, count):
    network = NetworkFactory(name="Verbindend Vernieuwen")
    facilitator = make_facilitator(network)
    for _ in range(count):
        make_member(network)
    client.force_login(facilitator)
    # 21: the participants section also asks whether the viewer may open shared questions;
    # the evaluations section reads the results shared back to the network (issue 12.5).
    with django_assert_num_queries(21):
        response = client.get(network.get_absolute_url())
    assert len(re.findall(r"<td>\s*Deelnemer", response.content.decode())) == count
