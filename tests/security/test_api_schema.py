"""The API's answers agree with its OpenAPI schema (issue 10, security 8): the schema
describes the 400 and 404 answers, an empty filter value is refused with 400 like an unknown
one, and every real answer below validates against the schema of its status code."""

import jsonschema
import pytest
import yaml

from networks.enums import Access
from tests.factories import NetworkFactory, make_facilitator

pytestmark = pytest.mark.django_db
LIST, DETAIL = "/api/v1/networks/", "/api/v1/networks/{slug}/"


@pytest.fixture
def schema(client):
    return yaml.safe_load(client.get("/api/schema/").content)


def _nullable_to_json_schema(node):
    """OpenAPI 3.0's `nullable: true` as JSON Schema's type list."""
    if isinstance(node, dict):
        node = {k: _nullable_to_json_schema(v) for k, v in node.items()}
        if node.pop("nullable", False) and "type" in node:
            node["type"] = [node["type"], "null"]
        return node
    if isinstance(node, list):
        return [_nullable_to_json_schema(v) for v in node]
    return node


def _assert_matches(schema, path, response):
    documented = schema["paths"][path]["get"]["responses"]
    assert str(response.status_code) in documented, (path, response.status_code)
    body_schema = documented[str(response.status_code)]["content"]["application/json"]["schema"]
    root = _nullable_to_json_schema({"components": schema["components"], **body_schema})
    jsonschema.validate(response.json(), root)


def test_schema_describes_the_400_and_404_answers(schema):
    assert sorted(schema["paths"][LIST]["get"]["responses"]) == ["200", "400", "404"]
    assert sorted(schema["paths"][DETAIL]["get"]["responses"]) == ["200", "404"]


@pytest.mark.parametrize("query", [{"access": ""}, {"status": ""}])
def test_an_empty_filter_value_is_refused_with_400(client, schema, query):
    NetworkFactory()
    response = client.get(LIST, query, HTTP_ACCEPT_LANGUAGE="nl")
    assert response.status_code == 400
    (name,) = query
    assert response.json() == {name: ["Geef dit filter een waarde, of laat het weg."]}
    _assert_matches(schema, LIST, response)


@pytest.mark.parametrize(
    ("query", "status"),
    [
        ({}, 200),
        ({"access": "open"}, 200),
        ({"access": "closed", "status": "active"}, 200),
        ({"access": "iedereen"}, 400),
        ({"access": " "}, 400),
        ({"status": "draft"}, 400),
        ({"page": "99"}, 404),
        ({"page": "x"}, 404),
        ({"q": "\x00"}, 400),
    ],
)
def test_every_list_answer_matches_the_schema(client, schema, query, status):
    network = NetworkFactory(access=Access.OPEN)
    make_facilitator(network)
    response = client.get(LIST, query)
    assert response.status_code == status
    _assert_matches(schema, LIST, response)


def test_detail_answers_match_the_schema(client, schema):
    network = NetworkFactory()
    found = client.get(f"/api/v1/networks/{network.slug}/")
    missing = client.get("/api/v1/networks/bestaat-niet/")
    assert (found.status_code, missing.status_code) == (200, 404)
    _assert_matches(schema, DETAIL, found)
    _assert_matches(schema, DETAIL, missing)
