"""The home page and navigation lead a visitor to the directory, to starting a network and to
signing in or up; signed-in people to their own networks."""

import pytest

from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_home_for_a_visitor_links_to_directory_start_login_and_signup(client):
    page = client.get("/").content.decode()
    assert '<a class="btn btn-primary" href="/leernetwerken/">Bekijk de leernetwerken</a>' in page
    assert 'href="/leernetwerk-starten/">Start een leernetwerk</a>' in page
    assert 'href="/account/inloggen/">Inloggen</a>' in page
    assert 'href="/account/aanmelden/">Account aanmaken</a>' in page


def test_home_for_a_signed_in_person_links_to_her_networks_not_to_signing_up(client):
    client.force_login(UserFactory())
    page = client.get("/").content.decode()
    assert 'href="/mijn/">Naar mijn netwerken</a>' in page
    assert 'href="/account/aanmelden/"' not in page
    assert 'href="/account/inloggen/"' not in page


def test_start_a_network_for_a_visitor_offers_signup_and_login_back_to_the_form(client):
    page = client.get("/leernetwerk-starten/").content.decode()
    assert (
        'href="/account/aanmelden/?next=/aanvragen/nieuw/">Maak een account aan om aan te vragen</a>'
        in page
    )
    assert 'href="/account/inloggen/?next=/aanvragen/nieuw/">Log in om aan te vragen</a>' in page


def test_start_a_network_for_a_signed_in_person_goes_to_the_form(client):
    client.force_login(UserFactory())
    page = client.get("/leernetwerk-starten/").content.decode()
    assert 'href="/aanvragen/nieuw/">Een leernetwerk aanvragen</a>' in page
    assert "/account/aanmelden/" not in page
