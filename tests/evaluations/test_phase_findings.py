"""Phase reports as the tester met them (issue 12, second walk): when a round closes and its
scores are computed, the phase reports of its networks follow without anyone pressing "Het
faserapport nu berekenen"; the report shows every round with answers from the network."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from evaluations import services
from evaluations.enums import ComputationStatus
from evaluations.models import PhaseReport
from networks.enums import Phase
from tests.factories import NetworkFactory, make_facilitator, make_staff
from tests.factories.evaluations import answer_all, close, make_round

pytestmark = pytest.mark.django_db

# Marking the reports running, reading the evidence of the whole set, storing them.
PHASE_SET_QUERIES = 17


def _days(n: int) -> datetime.date:
    return timezone.localdate() - datetime.timedelta(days=n)


def test_closing_a_round_recomputes_the_phase_reports_of_its_networks(
    client, django_capture_on_commit_callbacks
):
    network = NetworkFactory(name="Vrouwelijk Leiderschap 1", phase_override=Phase.HARVEST)
    other = NetworkFactory(name="Buiten de ronde")
    facilitator = make_facilitator(network)
    old = make_round([network], title="Meting 2014", opens_on=_days(400), closes_on=_days(-1))
    answer_all(old, network, [3, 3, 3, 3, 3])
    close(old)
    services.compute_round_scores(old.pk)
    services.compute_phase_report(network.pk)
    services.compute_phase_report(other.pk)
    new = make_round([network], title="Eindmeting 2026", opens_on=_days(10))
    answer_all(new, network, [5, 5, 5, 5, 5])

    client.force_login(make_staff())
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("evaluations:round-close", args=[new.pk]))

    report = PhaseReport.objects.get(network=network)
    assert report.status == ComputationStatus.DONE
    assert report.data["cultivate"]["latest_scores"]["round"] == "Eindmeting 2026"
    client.force_login(facilitator)
    page = client.get(reverse("evaluations:phase", args=[network.slug])).content.decode()
    # every round with answers from the network, oldest first, each with its mean
    scores = page[page.index("Evaluatiescores per ronde") :]
    assert scores.index("<caption>Meting 2014</caption>") < scores.index(
        "<caption>Eindmeting 2026</caption>"
    )
    assert "<td>3,00</td>" in scores[: scores.index("Eindmeting 2026")]
    assert "<td>5,00</td>" in scores[scores.index("Eindmeting 2026") :]
    # a network not in the round keeps its report as it was
    untouched = PhaseReport.objects.get(network=other)
    assert untouched.status == ComputationStatus.DONE
    assert untouched.data["cultivate"]["latest_scores"] is None


def test_computing_the_scores_again_recomputes_the_phase_reports(
    django_capture_on_commit_callbacks,
):
    network = NetworkFactory()
    evaluation = make_round([network], title="Tussenmeting", opens_on=_days(30))
    answer_all(evaluation, network, [4, 4, 4, 4, 4])
    close(evaluation)
    assert not PhaseReport.objects.filter(network=network).exists()
    with django_capture_on_commit_callbacks(execute=True):
        services.request_round_scores(evaluation, by=make_staff())
    report = PhaseReport.objects.get(network=network)
    assert report.status == ComputationStatus.DONE
    assert report.data["cultivate"]["latest_scores"]["round"] == "Tussenmeting"


@pytest.mark.parametrize("count", [1, 6])
def test_a_round_over_many_networks_gets_their_phase_reports_in_one_set(
    django_capture_on_commit_callbacks, django_assert_num_queries, count
):
    # A national round closes over hundreds of networks: their phase reports are computed
    # together, with as many queries for six networks as for one, not one task each.
    networks = [NetworkFactory(name=f"Leernetwerk {i}") for i in range(count)]
    evaluation = make_round(networks, title="Landelijke meting", opens_on=_days(30))
    for network in networks:
        answer_all(evaluation, network, [4, 4, 4, 4, 4])
    close(evaluation)
    with django_capture_on_commit_callbacks(execute=False) as follow_up:
        services.compute_round_scores(evaluation.pk)
    assert len(follow_up) == 1
    with django_assert_num_queries(PHASE_SET_QUERIES):
        follow_up[0]()
    for report in PhaseReport.objects.filter(network__in=networks):
        assert report.status == ComputationStatus.DONE
        assert report.data["cultivate"]["latest_scores"]["round"] == "Landelijke meting"
    assert PhaseReport.objects.filter(network__in=networks).count() == count
