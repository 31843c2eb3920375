"""Services of phases and harvest: the stored phase report and its recomputation, the
facilitator's phase, outcomes moving a network to harvest, value stories."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from evaluations import services
from evaluations.models import PhaseReport
from networks.enums import Phase
from tests.factories import MeetingFactory, NetworkFactory, make_facilitator, make_member

pytestmark = pytest.mark.django_db


def _cultivating_network():
    network = NetworkFactory(central_question="Hoe leiden we vernieuwing?")
    make_facilitator(network)
    for _ in range(6):
        make_member(network)
    now = timezone.now()
    MeetingFactory(
        network=network,
        starts_at=now - datetime.timedelta(days=20),
        ends_at=now - datetime.timedelta(days=20, hours=-3),
    )
    return network


def test_phase_report_is_stored_and_recomputing_keeps_one_row_per_day():
    network = _cultivating_network()
    report = services.compute_phase_report(network.pk)
    assert (report.status, report.proposed_phase, report.phase) == (
        "done",
        "cultivate",
        "cultivate",
    )
    assert report.data["sow"]["conditions"] == {
        "central_question": True,
        "six_fixed_participants": True,
        "facilitator": True,
        "first_meeting_held": True,
    }
    assert report.data["sow"]["diversity"]["participants"] == 6
    assert report.data["cultivate"]["meetings_held"] == 1
    data = report.data
    services.compute_phase_report(network.pk)
    assert PhaseReport.objects.filter(network=network).count() == 1
    assert PhaseReport.objects.get(network=network).data == data


def test_phase_report_uses_the_facilitators_phase_and_outcomes_move_to_harvest():
    network = _cultivating_network()
    services.set_phase(network, by=None, phase=Phase.SOW)
    report = services.compute_phase_report(network.pk)
    assert (report.proposed_phase, report.phase) == ("cultivate", "sow")
    services.record_outcome(
        network, by=None, kind="insight", description="Inzicht", visibility="network"
    )
    report = services.compute_phase_report(network.pk)
    assert report.proposed_phase == "harvest"
    assert report.data["harvest"]["outcomes"]["insight"] == 1


def test_compute_all_phase_reports_covers_supported_networks():
    _cultivating_network()
    NetworkFactory(status="draft")
    assert services.compute_all_phase_reports() == 1


def test_value_story_one_step_per_filled_cycle_in_order():
    network = _cultivating_network()
    story = services.record_value_story(
        network,
        by=None,
        title="Van intervisie naar schoolbeleid",
        visibility="academy",
        steps={"realised": "Nieuw beleid", "immediate": "Energie", "potential": ""},
    )
    assert list(story.steps.values_list("cycle", "position")) == [("immediate", 1), ("realised", 4)]
    with pytest.raises(ValidationError):
        services.record_value_story(network, by=None, title="Leeg", visibility="network", steps={})
