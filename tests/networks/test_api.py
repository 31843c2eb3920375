"""The public read-only API and its OpenAPI schema."""

import pytest
from django.urls import reverse

from networks.enums import Access, NetworkStatus
from tests.factories import NetworkFactory, make_facilitator, make_member

pytestmark = pytest.mark.django_db

PUBLIC_FIELDS = {
    "slug",
    "name",
    "theme",
    "central_question",
    "description",
    "target_group",
    "access",
    "is_closed",
    "status",
    "meetings_per_year",
    "meeting_form",
    "start_date",
    "planned_end_date",
    "facilitators",
    "url",
}


def test_schema_validates(client):
    import yaml
    from drf_spectacular.validation import validate_schema

    response = client.get("/api/schema/")
    assert response.status_code == 200
    schema = yaml.safe_load(response.content)
    validate_schema(schema)
    assert "/api/v1/networks/" in schema["paths"]
    assert "/api/v1/networks/{slug}/" in schema["paths"]


def test_api_lists_only_public_fields(client):
    network = NetworkFactory(name="Verbindend Vernieuwen")
    make_facilitator(network, first_name="Fenna", last_name="Fac")
    participant = make_member(network)
    response = client.get("/api/v1/networks/")
    data = response.json()
    assert data["count"] == 1
    item = data["results"][0]
    assert set(item) == PUBLIC_FIELDS
    assert item["facilitators"] == ["Fenna Fac"]
    assert participant.email not in response.content.decode()
    assert "@" not in response.content.decode()


def test_api_marks_closed_networks_and_filters_access(client):
    NetworkFactory(name="Open", access=Access.OPEN)
    NetworkFactory(name="Dicht", access=Access.CLOSED)
    data = client.get("/api/v1/networks/", {"access": "closed"}).json()
    assert [(n["name"], n["is_closed"]) for n in data["results"]] == [("Dicht", True)]
    data = client.get("/api/v1/networks/").json()
    assert [(n["name"], n["is_closed"]) for n in data["results"]] == [
        ("Dicht", True),
        ("Open", False),
    ]


def test_api_filters_status_and_hides_unsupported(client):
    NetworkFactory(name="Actief", status=NetworkStatus.ACTIVE)
    NetworkFactory(name="Toegekend", status=NetworkStatus.GRANTED)
    NetworkFactory(name="Concept", status=NetworkStatus.DRAFT)
    NetworkFactory(name="Afgewezen", status=NetworkStatus.REJECTED)
    names = [n["name"] for n in client.get("/api/v1/networks/").json()["results"]]
    assert names == ["Actief", "Toegekend"]
    names = [
        n["name"] for n in client.get("/api/v1/networks/", {"status": "granted"}).json()["results"]
    ]
    assert names == ["Toegekend"]
    assert client.get("/api/v1/networks/", {"status": "draft"}).status_code == 400


def test_api_paginates(client):
    for n in range(30):
        NetworkFactory(name=f"Netwerk {n:02d}")
    first = client.get("/api/v1/networks/").json()
    assert (first["count"], len(first["results"])) == (30, 25)
    assert first["next"].endswith("page=2")
    second = client.get(first["next"]).json()
    assert len(second["results"]) == 5


def test_api_detail_by_slug_and_404_for_hidden(client):
    network = NetworkFactory(name="Zichtbaar")
    hidden = NetworkFactory(status=NetworkStatus.SUBMITTED)
    assert client.get(f"/api/v1/networks/{network.slug}/").json()["name"] == "Zichtbaar"
    assert client.get(f"/api/v1/networks/{hidden.slug}/").status_code == 404


def test_api_is_read_only(client):
    network = NetworkFactory()
    assert client.post("/api/v1/networks/", {"name": "x"}).status_code == 405
    assert client.delete(f"/api/v1/networks/{network.slug}/").status_code == 405
    assert reverse("api-network-list") == "/api/v1/networks/"


def test_schema_has_no_generator_warnings(tmp_path):
    from django.core.management import call_command

    target = tmp_path / "schema.yml"
    call_command("spectacular", "--validate", "--fail-on-warn", "--file", str(target))
    assert "/api/v1/networks/" in target.read_text()
