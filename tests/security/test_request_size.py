"""One cap on every request body (issue 10, security 3): a request that declares more than
LEERNETWERK_MAX_REQUEST_BYTES (3 MB unless configured) is refused before its body is read,
with a Dutch 413 page, or a JSON error under /api/; files under the cap but over an upload
form's own limit still get the message at the field."""

import socket

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings
from django.urls import reverse

from networks.enums import Role
from networks.models import Membership
from tests.factories import NetworkFactory, make_facilitator

pytestmark = pytest.mark.django_db

MB = 1024 * 1024
REFUSAL = (
    "Wat u verstuurde is groter dan 3,0\xa0MB, het maximum dat deze site aanneemt. "
    "Verstuur een kleiner bestand."
)


@pytest.fixture
def network(client):
    network = NetworkFactory(slug="verbindend-vernieuwen")
    client.force_login(make_facilitator(network))
    return network


def _import_url(network) -> str:
    return reverse("participants:import", args=[network.slug])


def test_a_file_over_the_cap_gets_the_dutch_413_page_and_nothing_is_stored(client, network):
    response = client.post(
        _import_url(network), {"file": SimpleUploadedFile("leden.csv", b"x" * (3 * MB + 1))}
    )
    content = response.content.decode()
    assert response.status_code == 413
    assert "<h1>Te groot om te versturen</h1>" in content
    assert REFUSAL in content
    assert Membership.objects.filter(network=network, role=Role.PARTICIPANT).count() == 0


def test_the_body_is_not_read_when_the_declared_length_is_over_the_cap(client, network):
    """The body is a few bytes but declares 50 MB: reading it would fail (the test client
    refuses to read past what was sent), so the 413 shows that nothing read it."""
    response = client.post(
        _import_url(network),
        {"file": SimpleUploadedFile("leden.csv", b"x")},
        CONTENT_LENGTH=str(50 * MB),
    )
    assert response.status_code == 413
    assert REFUSAL in response.content.decode()


def test_under_the_api_the_refusal_is_json(client):
    response = client.post(
        "/api/v1/networks/",
        data=b"{}",
        content_type="application/json",
        CONTENT_LENGTH=str(4 * MB),
    )
    assert response.status_code == 413
    assert response["Content-Type"] == "application/json"
    assert response.json() == {"detail": REFUSAL}


def test_a_file_under_the_cap_but_over_the_forms_limit_gets_the_field_message(client, network):
    response = client.post(
        _import_url(network),
        {"file": SimpleUploadedFile("leden.csv", b"x" * (3 * MB - 64 * 1024))},
    )
    assert response.status_code == 200
    assert response.context["form"].errors["file"] == ["Het bestand is groter dan 2,0\xa0MB."]


@override_settings(LEERNETWERK_MAX_REQUEST_BYTES=1 * MB)
def test_the_cap_follows_the_setting(client, network):
    response = client.post(
        _import_url(network), {"file": SimpleUploadedFile("leden.csv", b"x" * (1 * MB + 1))}
    )
    assert response.status_code == 413
    assert "groter dan 1,0\xa0MB" in response.content.decode()


@pytest.mark.django_db(transaction=True)
def test_a_real_server_answers_413_without_waiting_for_the_body(live_server):
    """Over a real socket: headers that announce 100 MB, then no body at all. The answer
    comes at once; a server that read the body first would wait for bytes never sent."""
    host, port = live_server.url.removeprefix("http://").split(":")
    with socket.create_connection((host, int(port)), timeout=10) as conn:
        conn.sendall(
            b"POST /account/login/ HTTP/1.1\r\nHost: localhost\r\n"
            b"Content-Type: application/x-www-form-urlencoded\r\n"
            + f"Content-Length: {100 * MB}\r\n\r\n".encode()
        )
        head = conn.recv(65536).decode("latin-1")
    assert head.split("\r\n")[0] == "HTTP/1.1 413 Request Entity Too Large"
