"""A real Celery worker on Redis computes a round end to end; the report shows the figures."""

import pytest
from django.urls import reverse

from evaluations import services
from evaluations.models import EvaluationRound, ItemScore
from tests.conftest import wait_for
from tests.factories import NetworkFactory, make_facilitator, make_staff
from tests.factories.evaluations import answer_all, make_round


@pytest.mark.realstack
@pytest.mark.django_db(transaction=True)
def test_real_worker_computes_round_and_report_shows_figures(celery_worker, client):
    from django.db import connection

    assert connection.vendor == "postgresql"
    network = NetworkFactory(name="Verbindend Vernieuwen", slug="verbindend-vernieuwen")
    make_facilitator(network)
    evaluation = make_round([network])
    answer_all(evaluation, network, [2, 3, 4, 4, 5, 5])  # mean 23/6 = 3,83; 4 of 6 agree

    services.close_round(evaluation, by=None)

    done = wait_for(
        lambda: EvaluationRound.objects.filter(pk=evaluation.pk, scores_status="done").first(),
        timeout=60,
    )
    assert done.scores_computed_at is not None
    score = ItemScore.objects.get(
        result__round=evaluation, result__network=network, item__code="right_topics"
    )
    assert (score.n, score.distribution) == (6, [0, 1, 1, 2, 2])

    client.force_login(make_staff())
    content = client.get(
        reverse("evaluations:network-report", args=[evaluation.pk, network.slug])
    ).content.decode()
    assert "3,83" in content
    assert "67%" in content
    assert "Klaar" in content
    assert "<svg" in content


@pytest.mark.realstack
@pytest.mark.django_db(transaction=True)
def test_real_worker_computes_phase_reports(celery_worker):
    from evaluations.models import PhaseReport
    from evaluations.tasks import task_compute_all_phase_reports

    network = NetworkFactory()
    task_compute_all_phase_reports.delay()
    report = wait_for(
        lambda: PhaseReport.objects.filter(network=network, status="done").first(), timeout=60
    )
    assert report.proposed_phase == "sow"
