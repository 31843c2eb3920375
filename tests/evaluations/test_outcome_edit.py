"""Correcting and removing an outcome: its author (while a member) and the facilitator may;
anyone else gets 404. Deleting asks first; bad input keeps what was saved."""

import pytest
from django.urls import reverse
from django.utils import translation

from evaluations import services
from evaluations.models import Outcome
from leernetwerk.concurrency import STALE_MESSAGE
from tests.factories import NetworkFactory, make_facilitator, make_member, make_staff

pytestmark = pytest.mark.django_db


@pytest.fixture
def harvest():
    network = NetworkFactory(slug="samen-sturen", name="Samen Sturen")
    author = make_member(network)
    outcome = services.record_outcome(
        network,
        by=author,
        kind="insight",
        description="Een gedeelde visie op leiderschap.",
        visibility="network",
    )
    return {
        "network": network,
        "author": author,
        "facilitator": make_facilitator(network),
        "colleague": make_member(network),
        "outcome": outcome,
    }


def _url(h, name):
    return reverse(f"evaluations:{name}", args=[h["network"].slug, h["outcome"].pk])


def _fields(**changes):
    return {
        "kind": "school_improvement",
        "description": "Een nieuwe overlegstructuur.",
        "visibility": "academy",
        **changes,
    }


@pytest.mark.parametrize("who", ["author", "facilitator"])
def test_author_and_facilitator_correct_an_outcome(client, harvest, who):
    client.force_login(harvest[who])
    page = client.get(_url(harvest, "outcome-update")).content.decode()
    assert "Opbrengst wijzigen" in page
    assert "Een gedeelde visie op leiderschap." in page
    response = client.post(_url(harvest, "outcome-update"), _fields(), follow=True)
    content = response.content.decode()
    assert "De opbrengst is opgeslagen." in content
    assert "Een nieuwe overlegstructuur." in content
    harvest["outcome"].refresh_from_db()
    assert (harvest["outcome"].kind, harvest["outcome"].visibility) == (
        "school_improvement",
        "academy",
    )


def test_list_offers_edit_and_delete_only_where_allowed(client, harvest):
    list_url = reverse("evaluations:outcome-list", args=[harvest["network"].slug])
    client.force_login(harvest["author"])
    assert _url(harvest, "outcome-update") in client.get(list_url).content.decode()
    client.force_login(harvest["colleague"])
    content = client.get(list_url).content.decode()
    assert "Een gedeelde visie op leiderschap." in content
    assert _url(harvest, "outcome-update") not in content
    assert _url(harvest, "outcome-delete") not in content


@pytest.mark.parametrize("who", ["colleague", "staff", "other_facilitator"])
def test_others_get_404_and_change_nothing(client, harvest, who):
    person = {
        "colleague": lambda: harvest["colleague"],
        "staff": make_staff,
        "other_facilitator": lambda: make_facilitator(NetworkFactory()),
    }[who]()
    client.force_login(person)
    for name in ("outcome-update", "outcome-delete"):
        assert client.get(_url(harvest, name)).status_code == 404
    assert client.post(_url(harvest, "outcome-update"), _fields()).status_code == 404
    assert client.post(_url(harvest, "outcome-delete")).status_code == 404
    harvest["outcome"].refresh_from_db()
    assert harvest["outcome"].description == "Een gedeelde visie op leiderschap."


def test_author_who_left_the_network_can_no_longer_change_it(client, harvest):
    harvest["author"].memberships.all().delete()
    client.force_login(harvest["author"])
    assert client.get(_url(harvest, "outcome-update")).status_code == 404


def test_empty_description_is_refused_at_the_field_and_nothing_changes(client, harvest):
    client.force_login(harvest["author"])
    response = client.post(_url(harvest, "outcome-update"), _fields(description=""))
    assert response.status_code == 200
    assert "Dit veld is vereist." in response.content.decode()
    harvest["outcome"].refresh_from_db()
    assert harvest["outcome"].description == "Een gedeelde visie op leiderschap."
    assert harvest["outcome"].kind == "insight"


def test_a_stale_copy_does_not_overwrite_a_newer_save(client, harvest):
    client.force_login(harvest["author"])
    page = client.get(_url(harvest, "outcome-update")).content.decode()
    version = page.split('name="edit_version" value="')[1].split('"')[0]
    services.update_outcome(
        harvest["outcome"], kind="insight", description="Door de facilitator.", visibility="network"
    )
    response = client.post(_url(harvest, "outcome-update"), _fields(edit_version=version))
    with translation.override("nl"):
        assert str(STALE_MESSAGE) in response.content.decode()
    harvest["outcome"].refresh_from_db()
    assert harvest["outcome"].description == "Door de facilitator."


def test_delete_asks_first_then_removes(client, harvest):
    client.force_login(harvest["facilitator"])
    page = client.get(_url(harvest, "outcome-delete")).content.decode()
    assert "Opbrengst verwijderen" in page
    assert "Een gedeelde visie op leiderschap." in page
    assert Outcome.objects.filter(pk=harvest["outcome"].pk).exists()
    response = client.post(_url(harvest, "outcome-delete"), follow=True)
    assert "De opbrengst is verwijderd." in response.content.decode()
    assert not Outcome.objects.filter(pk=harvest["outcome"].pk).exists()
