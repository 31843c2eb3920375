"""Phase, outcome and story pages: the facilitator sets the phase (the penvoerder only
sees it), the phase report on demand, outcomes and stories recorded or refused."""

import pytest
from django.urls import reverse

from evaluations.models import Outcome, ValueStory
from tests.evaluations.views_helpers import _urls

pytestmark = pytest.mark.django_db


def test_facilitator_sets_phase_and_both_are_shown(client, world):
    client.force_login(world["facilitator"])
    url = _urls(world)["phase"]
    response = client.post(url, {"phase": "harvest"}, follow=True)
    content = response.content.decode()
    assert "De fase is opgeslagen." in content
    world["network"].refresh_from_db()
    assert world["network"].phase_override == "harvest"
    assert "Oogsten (oogstfase)" in content or "oogstfase" in content.lower()
    assert "Voorgesteld op grond van de gegevens" in content


def test_penvoerder_sees_but_cannot_set_the_phase(client, world):
    client.force_login(world["penvoerder"])
    url = _urls(world)["phase"]
    assert "Fase opslaan" not in client.get(url).content.decode()
    assert client.post(url, {"phase": "harvest"}).status_code == 404
    world["network"].refresh_from_db()
    assert world["network"].phase_override == ""


def test_phase_report_on_demand(client, world, django_capture_on_commit_callbacks):
    client.force_login(world["staff"])
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("evaluations:phase-compute", args=[world["network"].slug]), follow=True
        )
    content = response.content.decode()
    assert "Het faserapport wordt berekend." in content
    assert world["network"].phase_reports.get().status == "done"
    assert (
        "Klaar"
        in client.get(reverse("evaluations:phase", args=[world["network"].slug])).content.decode()
    )


def test_member_records_outcome(client, world):
    client.force_login(world["participant"])
    response = client.post(
        _urls(world)["outcome-create"],
        {
            "kind": "school_improvement",
            "description": "Een nieuwe overlegstructuur.",
            "visibility": "public",
        },
        follow=True,
    )
    content = response.content.decode()
    assert "De opbrengst is vastgelegd." in content
    assert "Een nieuwe overlegstructuur." in content


def test_outcome_without_description_refused(client, world):
    client.force_login(world["participant"])
    response = client.post(
        _urls(world)["outcome-create"], {"kind": "insight", "visibility": "network"}
    )
    assert "Dit veld is vereist." in response.content.decode()
    assert Outcome.objects.count() == 0


def test_story_without_steps_refused(client, world):
    client.force_login(world["participant"])
    response = client.post(_urls(world)["story-create"], {"title": "Leeg", "visibility": "network"})
    assert "Beschrijf minstens één waardecyclus." in response.content.decode()
    assert ValueStory.objects.count() == 1
