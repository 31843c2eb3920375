"""The yearly re-check on live data, its task, the flags on the staff start page."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from networks.enums import NetworkStatus
from networks.models import RecheckResult
from networks.selectors import recheck_flags_for_networks
from networks.services import judge_criterion, recheck_supported_networks
from networks.tasks import task_recheck_supported_networks
from tests.factories import (
    MeetingFactory,
    NetworkFactory,
    make_facilitator,
    make_member,
    make_staff,
)
from tests.factories.networks import make_application

pytestmark = pytest.mark.django_db


def held_meeting(network, days_ago):
    starts = timezone.now() - datetime.timedelta(days=days_ago)
    return MeetingFactory(
        network=network, starts_at=starts, ends_at=starts + datetime.timedelta(hours=3)
    )


def supported_network(*, participants=6, meetings=3, facilitator=True, **kwargs):
    start = timezone.localdate() - datetime.timedelta(days=400)
    network = NetworkFactory(
        start_date=start, planned_end_date=start.replace(year=start.year + 2), **kwargs
    )
    for _ in range(participants):
        make_member(network)
    if facilitator:
        make_facilitator(network)
    for n in range(meetings):
        held_meeting(network, 30 + n * 60)
    return network


def findings(network):
    result = RecheckResult.objects.get(network=network)
    return result.flagged, {f["code"]: f["status"] for f in result.findings}


def test_recheck_healthy_network_is_not_flagged():
    network = supported_network()
    recheck_supported_networks()
    assert findings(network) == (
        False,
        {
            "min_three_meetings_per_year": "met",
            "min_six_fixed_participants": "met",
            "has_facilitator": "met",
            "min_two_years": "met",
        },
    )


def test_recheck_flags_shortfalls_with_evidence():
    network = supported_network(participants=5, meetings=2, facilitator=False)
    held_meeting(network, 400)  # older than 12 months: does not count
    recheck_supported_networks()
    flagged, statuses = findings(network)
    assert flagged is True
    assert statuses["min_three_meetings_per_year"] == "not_met"
    assert statuses["min_six_fixed_participants"] == "not_met"
    assert statuses["has_facilitator"] == "not_met"
    explanations = [f["explanation"] for f in RecheckResult.objects.get().shortfalls]
    assert "2 bijeenkomsten gehouden in de afgelopen 12 maanden; minimaal 3 nodig." in explanations
    assert "5 vaste deelnemers; minimaal 6 nodig." in explanations


def test_recheck_counts_only_current_members():
    network = supported_network(participants=6)
    leaver = network.memberships.filter(role="participant").first()
    leaver.left_on = timezone.localdate() - datetime.timedelta(days=1)
    leaver.save()
    recheck_supported_networks()
    assert findings(network)[1]["min_six_fixed_participants"] == "not_met"


def test_recheck_twice_changes_nothing():
    supported_network(participants=4)
    supported_network()
    recheck_supported_networks()
    first = list(RecheckResult.objects.order_by("pk").values())
    recheck_supported_networks()
    assert list(RecheckResult.objects.order_by("pk").values()) == first


def test_recheck_skips_young_and_unsupported_networks():
    NetworkFactory(start_date=timezone.localdate() - datetime.timedelta(days=100))
    supported_network(status=NetworkStatus.ENDED)
    assert recheck_supported_networks() == []
    assert RecheckResult.objects.count() == 0


def test_recheck_respects_an_approved_exception():
    application = make_application(submitted=True, network_overrides={"meetings_per_year": 2})
    judge_criterion(
        application,
        code="min_three_meetings_per_year",
        verdict="met",
        motivation="Twee keer 24 uur.",
        by=make_staff(),
    )
    network = application.network
    start = timezone.localdate() - datetime.timedelta(days=400)
    network.status = NetworkStatus.ACTIVE
    network.start_date = start
    network.planned_end_date = start.replace(year=start.year + 3)
    network.save()
    for _ in range(6):
        make_member(network)
    make_facilitator(network)
    held_meeting(network, 30)
    held_meeting(network, 200)
    recheck_supported_networks()
    flagged, statuses = findings(network)
    assert (flagged, statuses["min_three_meetings_per_year"]) == (False, "met")


def test_task_runs_the_recheck():
    supported_network(participants=3)
    assert task_recheck_supported_networks.name == "leernetwerk.networks.recheck_supported_networks"
    assert task_recheck_supported_networks.delay().get() == 1
    assert RecheckResult.objects.filter(flagged=True).count() == 1


def test_recheck_flags_for_networks_selector():
    short = supported_network(participants=2)
    fine = supported_network()
    recheck_supported_networks()
    flags = recheck_flags_for_networks([short.pk, fine.pk])
    assert list(flags) == [short.pk]
    assert flags[short.pk].flagged is True


def test_staff_start_page_shows_flagged_networks(client):
    short = supported_network(participants=2, name="Te Klein")
    supported_network(name="Gezond")
    recheck_supported_networks()
    client.force_login(make_staff())
    content = client.get(reverse("networks:my-networks")).content.decode()
    assert "Ondersteunde netwerken die bij de jaarlijkse hercontrole tekortschieten" in content
    assert "2 vaste deelnemers; minimaal 6 nodig." in content
    # the phrase is also the label of the table's scroll region: take the table after its caption
    caption = "jaarlijkse hercontrole tekortschieten</caption>"
    section = content.split(caption)[1].split("</table>")[0]
    assert short.name in section and "Gezond" not in section


def test_participant_start_page_has_no_recheck_section(client):
    network = supported_network(participants=2)
    recheck_supported_networks()
    person = network.memberships.filter(role="participant").first().person
    client.force_login(person)
    content = client.get(reverse("networks:my-networks")).content.decode()
    assert "hercontrole" not in content


def test_task_makes_started_granted_networks_active():
    from networks.services import start_granted_networks

    today = timezone.localdate()
    started = NetworkFactory(status=NetworkStatus.GRANTED, start_date=today)
    later = NetworkFactory(
        status=NetworkStatus.GRANTED, start_date=today + datetime.timedelta(days=1)
    )
    task_recheck_supported_networks.delay()
    started.refresh_from_db()
    later.refresh_from_db()
    assert (started.status, later.status) == (NetworkStatus.ACTIVE, NetworkStatus.GRANTED)
    assert start_granted_networks() == 0
