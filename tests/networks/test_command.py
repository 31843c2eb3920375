"""python manage.py eligibility <slug> [--json]."""

import json
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from networks.eligibility import CRITERIA
from tests.factories import NetworkFactory, make_facilitator, make_member, make_penvoerder
from tests.factories.networks import make_application

pytestmark = pytest.mark.django_db


def run(*args):
    out = StringIO()
    call_command("eligibility", *args, stdout=out)
    return out.getvalue()


def test_command_json_shape_and_order():
    application = make_application()
    payload = json.loads(run(application.network.slug, "--json"))
    assert list(payload) == ["network", "eligible", "criteria"]
    assert payload["network"] == application.network.slug
    assert payload["eligible"] is False  # judged criteria are unknown until staff judge
    assert [c["code"] for c in payload["criteria"]] == list(CRITERIA)
    assert all(list(c) == ["code", "status", "explanation"] for c in payload["criteria"])
    statuses = {c["code"]: c["status"] for c in payload["criteria"]}
    assert statuses["field_initiative"] == "unknown"
    assert statuses["min_six_fixed_participants"] == "met"
    assert statuses["min_two_years"] == "met"


def test_command_reports_a_seed_like_network_from_its_facts():
    # Like Eindverantwoordelijk Schoolleiders: twice a year, 24 hours.
    network = NetworkFactory(slug="eindverantwoordelijk", meetings_per_year=2)
    make_penvoerder(network)
    make_facilitator(network)
    for _ in range(5):
        make_member(network)
    payload = json.loads(run("eindverantwoordelijk", "--json"))
    criteria = {c["code"]: c for c in payload["criteria"]}
    assert criteria["min_three_meetings_per_year"]["status"] == "not_met"
    assert criteria["min_six_fixed_participants"] == {
        "code": "min_six_fixed_participants",
        "status": "not_met",
        "explanation": "5 vaste deelnemers; minimaal 6 nodig.",
    }
    assert criteria["applicant_vo_leader"]["status"] == "met"
    assert criteria["has_facilitator"]["status"] == "met"


def test_command_plain_text():
    application = make_application()
    out = run(application.network.slug)
    assert out.splitlines()[0] == f"Samen Sturen ({application.network.slug})"
    assert out.splitlines()[-1] == "not eligible"


def test_command_unknown_slug():
    with pytest.raises(CommandError):
        run("bestaat-niet")


def test_command_shows_staff_override_of_an_automatic_criterion():
    from networks.services import judge_criterion
    from tests.factories import make_staff

    application = make_application(participants=4, submitted=True)
    network = application.network
    judge_criterion(
        application,
        code="min_six_fixed_participants",
        verdict="met",
        motivation="Twee deelnemers sluiten in september aan.",
        by=make_staff(),
    )
    payload = json.loads(run(network.slug, "--json"))
    criterion = next(c for c in payload["criteria"] if c["code"] == "min_six_fixed_participants")
    assert criterion["status"] == "met"
    assert criterion["automatic_status"] == "not_met"
    assert criterion["staff_motivation"] == "Twee deelnemers sluiten in september aan."
    text = run(network.slug)
    assert "[staff: not_met -> met: Twee deelnemers sluiten in september aan.]" in text
