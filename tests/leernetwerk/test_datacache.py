"""Cached page fragments follow the data, never cross viewers, keep CSRF tokens personal and
never break a page when the cache is down (leernetwerk.datacache)."""

import re
import time

import pytest
from django.contrib.sessions.backends.db import SessionStore
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from leernetwerk import datacache
from networks.models import Network
from tests.factories import NetworkFactory, make_facilitator, make_member

pytestmark = pytest.mark.django_db

DIRECTORY = "networks:directory-list"


def _directory(client) -> str:
    return client.get(reverse(DIRECTORY)).content.decode()


def test_every_kind_of_write_moves_the_version_on():
    network = NetworkFactory()
    writes = [
        lambda: NetworkFactory(),
        lambda: Network.objects.filter(pk=network.pk).update(name="Bijgewerkt"),
        lambda: connection.cursor().execute(
            "UPDATE networks_network SET theme = %s WHERE id = %s", ["Rauw", network.pk]
        ),
        lambda: Network.objects.filter(pk=network.pk).delete(),
    ]
    for write in writes:
        before = datacache.current_version()
        write()
        assert datacache.current_version() != before


def test_reads_and_session_writes_leave_the_version_alone():
    NetworkFactory()
    before = datacache.current_version()
    list(Network.objects.all())
    session = SessionStore()
    session["taal"] = "nl"
    session.save()
    assert datacache.current_version() == before


def test_directory_is_served_from_the_cache_until_the_data_changes(client):
    network = NetworkFactory(name="Verbindend Vernieuwen")
    assert "Verbindend Vernieuwen" in _directory(client)
    with CaptureQueriesContext(connection) as cached:
        assert "Verbindend Vernieuwen" in _directory(client)
    assert not any("networks_network" in q["sql"] for q in cached.captured_queries)

    # A bulk update bypasses signals and save(); the page follows all the same.
    Network.objects.filter(pk=network.pk).update(name="Samen Sturen")
    content = _directory(client)
    assert "Samen Sturen" in content and "Verbindend Vernieuwen" not in content


def test_fragments_expire_after_their_lifetime(client, settings):
    settings.LEERNETWERK_FRAGMENT_CACHE_SECONDS = 1
    NetworkFactory(name="Verbindend Vernieuwen")
    _directory(client)
    time.sleep(1.2)
    with CaptureQueriesContext(connection) as after_expiry:
        _directory(client)
    assert any("networks_network" in q["sql"] for q in after_expiry.captured_queries)


def test_start_page_never_shows_one_person_what_was_cached_for_another():
    first, second = NetworkFactory(name="Eerste Netwerk"), NetworkFactory(name="Tweede Netwerk")
    alice, bob = make_facilitator(first), make_member(second)
    client = Client()
    client.force_login(alice)
    assert "Eerste Netwerk" in client.get(reverse("networks:my-networks")).content.decode()
    client.force_login(bob)
    content = client.get(reverse("networks:my-networks")).content.decode()
    assert "Tweede Netwerk" in content
    assert "Eerste Netwerk" not in content
    assert str(alice) not in content


def test_language_is_part_of_the_key(client):
    NetworkFactory()
    assert "<h1>Leernetwerken</h1>" in _directory(client)
    client.cookies["django_language"] = "en"
    assert "<h1>Learning networks</h1>" in _directory(client)


def _token(content: str) -> str:
    return re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', content).group(1)


def test_cached_header_carries_each_visitors_own_csrf_token():
    """The language switch sits in the cached header: each visitor must get a token that fits
    their own CSRF cookie, or switching language would be refused."""
    NetworkFactory()
    visitors = [Client(enforce_csrf_checks=True) for _ in range(2)]
    tokens = []
    for visitor in visitors:
        content = _directory(visitor)
        assert datacache.CSRF_SENTINEL not in content
        tokens.append(_token(content))
    for visitor, token in zip(visitors, tokens, strict=True):
        response = visitor.post(
            reverse("set_language"),
            {"language": "en", "next": "/", "csrfmiddlewaretoken": token},
        )
        assert response.status_code == 302
    # And a token from another visitor's page is still refused.
    stranger = Client(enforce_csrf_checks=True)
    _directory(stranger)
    response = stranger.post(
        reverse("set_language"), {"language": "en", "csrfmiddlewaretoken": tokens[0]}
    )
    assert response.status_code == 403


def test_pages_render_uncached_and_quickly_when_the_cache_is_down(client, settings):
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": "redis://127.0.0.1:9/0",  # nothing listens there
            "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 0.5},
        }
    }
    network = NetworkFactory(name="Verbindend Vernieuwen")
    client.force_login(make_facilitator(network))
    started = time.monotonic()
    for name in ("networks:my-networks", DIRECTORY):
        response = client.get(reverse(name))
        assert response.status_code == 200
        assert "Verbindend Vernieuwen" in response.content.decode()
    Network.objects.filter(pk=network.pk).update(name="Samen Sturen")  # a write, no cache
    assert "Samen Sturen" in _directory(client)
    assert time.monotonic() - started < 3


@pytest.mark.django_db(transaction=True)
def test_in_a_transaction_the_version_moves_once_when_it_commits():
    """Until the commit nobody else sees the rows; then every cached page is stale."""
    from django.db import transaction

    network = NetworkFactory()
    before = datacache.current_version()
    with transaction.atomic():
        Network.objects.filter(pk=network.pk).update(name="Nieuw")
        NetworkFactory()
        assert datacache.current_version() == before
    after = datacache.current_version()
    assert after != before
    with transaction.atomic():
        Network.objects.filter(pk=network.pk).update(name="Teruggedraaid")
        transaction.set_rollback(True)
    assert datacache.current_version() == after  # rolled back: nothing changed


@pytest.mark.django_db(transaction=True)
def test_nothing_rendered_inside_an_open_transaction_is_cached(client):
    """A page rendered while a transaction may still roll back could show rows that never
    existed for anyone else."""
    from django.db import transaction

    NetworkFactory(name="Verbindend Vernieuwen")
    with transaction.atomic():
        Network.objects.update(name="Nooit Bevestigd")
        assert "Nooit Bevestigd" in _directory(client)
        transaction.set_rollback(True)
    content = _directory(client)
    assert "Verbindend Vernieuwen" in content and "Nooit Bevestigd" not in content


@pytest.mark.django_db(transaction=True)
def test_a_request_transaction_that_only_read_may_still_cache(client, settings):
    """Production runs every request in a transaction (ATOMIC_REQUESTS); a page that only
    read inside it is cached like any other."""
    settings.DATABASES["default"]["ATOMIC_REQUESTS"] = True
    from django.db import transaction

    NetworkFactory(name="Verbindend Vernieuwen")
    with transaction.atomic():
        assert "Verbindend Vernieuwen" in _directory(client)
    with CaptureQueriesContext(connection) as cached:
        assert "Verbindend Vernieuwen" in _directory(client)
    assert not any("networks_network" in q["sql"] for q in cached.captured_queries)


def test_start_page_follows_the_data(client):
    network = NetworkFactory(name="Verbindend Vernieuwen")
    client.force_login(make_facilitator(network))
    start = reverse("networks:my-networks")
    assert "Verbindend Vernieuwen" in client.get(start).content.decode()
    with CaptureQueriesContext(connection) as cached:
        assert "Verbindend Vernieuwen" in client.get(start).content.decode()
    assert not any("networks_membership" in q["sql"] for q in cached.captured_queries)
    NetworkFactory(name="Samen Sturen")  # any write
    Network.objects.filter(pk=network.pk).update(name="Leren Leiden")
    content = client.get(start).content.decode()
    assert "Leren Leiden" in content and "Verbindend Vernieuwen" not in content


def test_page_with_a_waiting_message_is_rendered_fresh_and_not_kept(client, rf):
    from django.contrib import messages
    from django.contrib.messages.storage.fallback import FallbackStorage

    from networks.views.mine import MyNetworksView

    network = NetworkFactory(name="Verbindend Vernieuwen")
    user = make_facilitator(network)
    client.force_login(user)
    start = reverse("networks:my-networks")
    client.get(start)  # cached now
    request = rf.get(start)
    request.user = user
    request.session = client.session
    request._messages = FallbackStorage(request)
    messages.success(request, "Uw wijziging is opgeslagen-4411.")
    response = MyNetworksView.as_view()(request)
    response.render()
    assert "Uw wijziging is opgeslagen-4411." in response.content.decode()
    assert "Uw wijziging is opgeslagen-4411." not in client.get(start).content.decode()
