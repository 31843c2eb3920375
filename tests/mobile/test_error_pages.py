"""Dutch 403, 404 and 500 pages in the site's layout, with DEBUG off (issue 15, item 4)."""

from __future__ import annotations

import pytest
from django.test import Client, RequestFactory
from django.urls import get_resolver, reverse
from django.utils import translation

from tests.factories import NetworkFactory, make_staff

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _production(settings):
    settings.DEBUG = False


def test_unknown_page_answers_the_dutch_404_page_with_a_way_home(client):
    answer = client.get("/bestaat-niet/")

    html = answer.content.decode()
    assert answer.status_code == 404
    assert '<html lang="nl">' in html
    assert "<h1>Pagina niet gevonden</h1>" in html
    assert '<a href="/">Naar de startpagina</a>' in html
    assert "Not Found" not in html


def test_page_a_person_may_not_see_says_it_may_exist_but_not_for_this_account(client):
    network = NetworkFactory()
    client.force_login(make_staff())

    answer = client.get(reverse("participants:shared-questions", args=[network.slug]))

    html = answer.content.decode()
    assert answer.status_code == 404
    assert '<html lang="nl">' in html
    assert "bestaat wel maar is niet zichtbaar voor dit account" in html
    assert 'class="navbar-brand"' in html  # the site's own layout
    assert "Naar mijn netwerken" in html


def test_forbidden_page_answers_the_dutch_403_page(client):
    client.force_login(make_staff(is_staff=True))  # no permission on the admin's groups

    answer = client.get("/beheer/auth/group/")

    html = answer.content.decode()
    assert answer.status_code == 403
    assert '<html lang="nl">' in html
    assert "<h1>Geen toegang</h1>" in html
    assert '<a href="/">Naar de startpagina</a>' in html


def test_form_without_its_security_token_answers_the_dutch_403_page():
    client = Client(enforce_csrf_checks=True)

    answer = client.post(reverse("account_login"), {"login": "x@example.nl", "password": "y"})

    html = answer.content.decode()
    assert answer.status_code == 403
    assert '<html lang="nl">' in html
    assert "<h1>Het formulier is verlopen</h1>" in html


def test_server_error_page_is_dutch_and_renders_without_a_request_context():
    handler = get_resolver().resolve_error_handler(500)

    with translation.override("nl"):
        answer = handler(RequestFactory().get("/"))

    html = answer.content.decode()
    assert answer.status_code == 500
    assert '<html lang="nl">' in html
    assert "<h1>Er ging iets mis</h1>" in html
    assert '<a href="/">Naar de startpagina</a>' in html
    assert 'class="navbar-brand"' in html


def test_404_page_offers_a_visitor_the_login_page(client):
    answer = client.get("/bestaat-niet/")

    html = answer.content.decode()
    assert answer.status_code == 404
    assert '<a href="/account/inloggen/?next=/bestaat-niet/">Inloggen</a>' in html
