"""Services: computing a round's scores: hand-computed figures, idempotent runs, the
small-group rule, the change against each network's own nulmeting, query counts, failure."""

import datetime
import math

import pytest
from django.utils import timezone

from evaluations import services
from evaluations.enums import ComputationStatus, RoundKind, RoundStatus
from evaluations.models import EvaluationRound, Item, ItemScore, RoundResult
from tests.evaluations.services_helpers import _network_with, _score, score_inserts
from tests.factories.evaluations import answer_all, close, make_closed_baseline, make_round

pytestmark = pytest.mark.django_db


def test_compute_scores_hand_computed_and_idempotent():
    network = _network_with(0)
    evaluation = make_round([network])
    answer_all(evaluation, network, [3, 3, 4, 4, 5], comments=["Prima netwerk"])
    close(evaluation)
    services.compute_round_scores(evaluation.pk)
    score = _score(evaluation, network)
    assert (score.n, score.mean, score.distribution) == (5, 3.8, [0, 0, 2, 2, 1])
    assert score.sd == pytest.approx(math.sqrt(0.7))
    assert score.share_agreeing == pytest.approx(0.6)
    result = RoundResult.objects.get(round=evaluation, network=network)
    assert (result.invited, result.responded, result.is_withheld) == (5, 5, False)
    evaluation.refresh_from_db()
    assert evaluation.scores_status == ComputationStatus.DONE

    def snapshot():
        return (
            list(RoundResult.objects.order_by("pk").values()),
            list(ItemScore.objects.order_by("pk").values()),
        )

    before = snapshot()
    services.compute_round_scores(evaluation.pk)
    assert snapshot() == before


def test_compute_scores_again_after_more_answers_updates_the_rows_in_place():
    network = _network_with(0)
    evaluation = make_round([network])
    answer_all(evaluation, network, [3, 3, 4, 4, 5])
    close(evaluation)
    services.compute_round_scores(evaluation.pk)
    score = _score(evaluation, network)
    EvaluationRound.objects.filter(pk=evaluation.pk).update(status=RoundStatus.OPEN)
    answer_all(evaluation, network, [5] * 5)
    close(evaluation)
    services.compute_round_scores(evaluation.pk)
    again = _score(evaluation, network)
    assert again.pk == score.pk
    assert (again.n, again.mean, again.distribution) == (10, 4.4, [0, 0, 2, 2, 6])
    result = RoundResult.objects.get(round=evaluation, network=network)
    assert (result.invited, result.responded) == (10, 10)
    assert ItemScore.objects.filter(result__round=evaluation).count() == 2 * len(
        evaluation.items.all()
    )


def test_compute_scores_withholds_below_five():
    network = _network_with(0)
    evaluation = make_round([network])
    answer_all(evaluation, network, [5, 5, 5, 1])
    close(evaluation)
    services.compute_round_scores(evaluation.pk)
    score = _score(evaluation, network)
    assert (score.is_withheld, score.mean, score.distribution) == (True, None, [])
    assert RoundResult.objects.get(round=evaluation, network=None).is_withheld is True


def test_compute_scores_subtraction_case_withholds_overall():
    big, small = _network_with(0), _network_with(0)
    evaluation = make_round([big, small])
    answer_all(evaluation, big, [4] * 6)
    answer_all(evaluation, small, [1, 2, 1])
    close(evaluation)
    services.compute_round_scores(evaluation.pk)
    assert _score(evaluation, big).mean == 4.0
    assert _score(evaluation, small).is_withheld is True
    overall = ItemScore.objects.get(
        result__round=evaluation, result__network=None, item__code="right_topics"
    )
    assert (overall.is_withheld, overall.mean) == (True, None)


def test_compute_scores_overall_shown_when_remainder_safe():
    a, b = _network_with(0), _network_with(0)
    evaluation = make_round([a, b])
    answer_all(evaluation, a, [4] * 5)
    answer_all(evaluation, b, [2] * 5)
    close(evaluation)
    services.compute_round_scores(evaluation.pk)
    overall = ItemScore.objects.get(
        result__round=evaluation, result__network=None, item__code="right_topics"
    )
    assert (overall.n, overall.mean) == (10, 3.0)


def test_compute_scores_change_against_the_networks_nulmeting():
    network = _network_with(0)
    today = timezone.localdate()
    baseline = make_round(
        [network],
        kind=RoundKind.BASELINE,
        title="Nulmeting",
        opens_on=today - datetime.timedelta(days=100),
        closes_on=today + datetime.timedelta(days=1),
    )
    answer_all(baseline, network, [3, 3, 4, 4, 5])
    close(baseline)
    now = make_round([network])
    answer_all(now, network, [4, 4, 5, 5, 5])
    close(now)
    services.compute_round_scores(now.pk)
    score = _score(now, network)
    assert score.baseline_mean == pytest.approx(3.8)
    assert score.change == pytest.approx(0.8)
    assert score.effect_size == pytest.approx(1.1314, abs=1e-4)


def test_compute_scores_each_network_against_its_own_latest_nulmeting():
    a, b, c = _network_with(0), _network_with(0), _network_with(0)
    # The 2014 nulmeting of all three; A had a later one of its own, which counts for A.
    make_closed_baseline([a, b, c], [[1] * 5, [2, 2, 3, 3, 3], [5] * 5], days_ago=300)
    make_closed_baseline([a], [[3, 3, 4, 4, 5]], days_ago=100, title="Nulmeting A")
    now = make_round([a, b])
    answer_all(now, a, [4, 4, 5, 5, 5])
    answer_all(now, b, [4] * 5)
    close(now)
    services.compute_round_scores(now.pk)
    score_a, score_b = _score(now, a), _score(now, b)
    assert (score_a.baseline_n, score_a.baseline_mean) == (5, 3.8)
    assert score_a.effect_size == pytest.approx(1.1314, abs=1e-4)
    assert (score_b.baseline_n, score_b.baseline_mean) == (5, 2.6)
    overall = _score(now, None)
    # A's latest and B's: neither A's earlier answers nor C's
    assert (overall.baseline_n, overall.baseline_mean) == (10, 3.2)
    assert overall.change == pytest.approx(4.3 - 3.2)


def test_compute_scores_removes_rows_of_networks_and_items_taken_off_the_round():
    a, b = _network_with(0), _network_with(0)
    evaluation = make_round([a, b])
    answer_all(evaluation, a, [4] * 5)
    answer_all(evaluation, b, [2] * 5)
    close(evaluation)
    services.compute_round_scores(evaluation.pk)
    items = list(evaluation.items.all())
    scale_items = [item for item in items if item.is_scale]
    assert ItemScore.objects.filter(result__round=evaluation).count() == 3 * len(items)
    evaluation.networks.remove(b)
    Item.objects.filter(pk=scale_items[0].pk).update(kind="open")
    services.compute_round_scores(evaluation.pk)
    assert set(RoundResult.objects.filter(round=evaluation).values_list("network", flat=True)) == {
        a.pk,
        None,
    }
    assert ItemScore.objects.filter(result__round=evaluation).count() == 2 * len(items)
    # Now an open question without comments: its rows carry no figures.
    assert list(ItemScore.objects.filter(item=scale_items[0]).values_list("n", "mean")) == [
        (0, None),
        (0, None),
    ]
    overall = RoundResult.objects.get(round=evaluation, network=None)
    assert (overall.invited, overall.responded) == (10, 10)  # B's answers still count overall


def _round_with_nulmetingen(n_networks, n_extra_items):
    networks = [_network_with(0) for _ in range(n_networks)]
    for network in networks:
        make_closed_baseline([network], [[3, 4, 4, 5, 2]], days_ago=100)
    extra = [f"Extra vraag {i}" for i in range(n_extra_items)]
    evaluation = make_round(networks, extra_questions=extra)
    for network in networks:
        answer_all(evaluation, network, [4, 4, 5, 5, 5])
    close(evaluation)
    return evaluation


@pytest.mark.parametrize(("n_networks", "n_extra_items"), [(1, 0), (4, 3)])
def test_compute_scores_queries_do_not_grow_with_networks_or_items(
    n_networks, n_extra_items, django_assert_num_queries
):
    from django.db import connection

    evaluation = _round_with_nulmetingen(n_networks, n_extra_items)
    # The test's transaction adds a savepoint and its release to the round's own queries;
    # PostgreSQL adds taking and releasing the computing lock.
    lock = 2 if connection.vendor == "postgresql" else 0
    # The new figures mark the networks' phase reports to be recomputed: the networks of
    # the round(s) read once and their reports marked pending in one upsert (issue 12.4).
    phase = 2
    # First run: the round's results created (one insert) and its scores (one insert on
    # PostgreSQL, split at SQLite's parameter limit there); no stored scores to read.
    new_scores = evaluation.items.count() * (n_networks + 1)  # each network and overall
    with django_assert_num_queries(12 + score_inserts(new_scores) + lock + phase):
        services.compute_round_scores(evaluation.pk)
    # Again: nothing changed, so nothing is written.
    with django_assert_num_queries(12 + lock + phase):
        services.compute_round_scores(evaluation.pk)
    scale_items = sum(1 for item in evaluation.items.all() if item.is_scale)
    scores = ItemScore.objects.filter(result__round=evaluation)
    assert scores.count() == evaluation.items.count() * (n_networks + 1)
    # the 2014 items have a nulmeting to compare with; the extra questions (no code) not
    assert scores.filter(result__network__isnull=False, baseline_n=5).count() == (
        (scale_items - n_extra_items) * n_networks
    )
    assert scores.filter(result__network=None, baseline_n=5 * n_networks).count() == (
        scale_items - n_extra_items
    )


def test_compute_scores_failure_is_recorded(monkeypatch):
    evaluation = make_round([_network_with(0)])

    def boom(_):
        raise RuntimeError("kapot")

    monkeypatch.setattr("evaluations.services.scores.writing._write", boom)
    with pytest.raises(RuntimeError):
        services.compute_round_scores(evaluation.pk)
    evaluation.refresh_from_db()
    assert (evaluation.scores_status, evaluation.scores_error) == ("failed", "kapot")
