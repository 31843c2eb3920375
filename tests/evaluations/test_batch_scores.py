"""Scores of many rounds in one pass (the daily close): the same rows as one round at a time."""

import datetime
from unittest import mock

import pytest
from django.utils import timezone

from evaluations import services
from evaluations.enums import ComputationStatus, RoundStatus
from evaluations.models import EvaluationRound, Item, ItemScore, RoundResult
from evaluations.services.rounds import close_due_rounds
from evaluations.services.scores import writing as scores
from leernetwerk.celery import app
from tests.evaluations.services_helpers import score_inserts
from tests.factories import NetworkFactory
from tests.factories.evaluations import answer_all, close, make_closed_baseline, make_round

pytestmark = pytest.mark.django_db

RESULT_COLUMNS = ("round_id", "network_id", "invited", "responded", "response_rate", "is_withheld")
SCORE_COLUMNS = (
    "result__round_id",
    "result__network_id",
    "item_id",
    "n",
    "is_withheld",
    "mean",
    "sd",
    "distribution",
    "share_agreeing",
    "baseline_n",
    "baseline_mean",
    "change",
    "effect_size",
)


def _rows(with_ids=False) -> dict:
    """Every stored result and score, by what they are about (and their ids if asked)."""
    extra = ("pk",) if with_ids else ()
    return {
        "results": sorted(RoundResult.objects.values_list(*RESULT_COLUMNS, *extra), key=repr),
        "scores": sorted(ItemScore.objects.values_list(*SCORE_COLUMNS, *extra), key=repr),
    }


def _school_year():
    """Rounds of several networks closing together: nulmetingen (one of them also the
    baseline of another round of the batch), a network withheld, a round below the
    threshold, an extra question without a code."""
    a, b, c, d, e = (NetworkFactory(name=name) for name in "ABCDE")
    old = make_closed_baseline([a, b, c], [[1, 2, 3, 4, 5], [2, 2, 3, 3, 3], [5] * 5], days_ago=300)
    latest_a = make_closed_baseline([a], [[3, 3, 4, 4, 5]], days_ago=100, title="Nulmeting A")
    both = make_round([a, b], extra_questions=["Extra vraag"])
    answer_all(both, a, [4, 4, 5, 5, 5])
    answer_all(both, b, [4, 3, 5, 2, 4, 4])
    withheld = make_round([c, d], title="C en D")
    answer_all(withheld, c, [[5, 4, 3, 2, 1, 5, 4, 3, 2]] * 3 + [4, 4, 2])
    answer_all(withheld, d, [3, 4])  # too few: D withheld, and so the overall
    small = make_round([e], title="E")
    answer_all(small, e, [2, 3, 4, 5])  # below the threshold altogether
    for evaluation in (both, withheld, small):
        close(evaluation)
    return [old, latest_a, both, withheld, small]


def test_batch_gives_the_rows_of_computing_each_round_on_its_own():
    rounds = _school_year()
    for evaluation in rounds:
        services.compute_round_scores(evaluation.pk)
    one_by_one = _rows()
    RoundResult.objects.all().delete()

    assert services.compute_scores_of_rounds([r.pk for r in reversed(rounds)]) == []

    assert _rows() == one_by_one
    # The set-up really covers what it claims.
    both, withheld, small = rounds[2:]
    assert ItemScore.objects.filter(result__round=both, baseline_n=5).exists()
    overall = ItemScore.objects.get(
        result__round=both, result__network=None, item__code="right_topics"
    )
    assert (overall.baseline_n, overall.baseline_mean) == (10, 3.2)  # A's latest + B's 2014
    assert RoundResult.objects.get(round=withheld, network=None).is_withheld is True
    assert RoundResult.objects.get(round=withheld, network__name="C").is_withheld is False
    assert RoundResult.objects.get(round=small, network=None).is_withheld is True
    assert set(
        EvaluationRound.objects.filter(pk__in=[r.pk for r in rounds]).values_list(
            "scores_status", flat=True
        )
    ) == {ComputationStatus.DONE}


def test_batch_again_writes_nothing_and_one_by_one_then_changes_nothing():
    rounds = _school_year()
    ids = [r.pk for r in rounds]
    services.compute_scores_of_rounds(ids)
    first = _rows(with_ids=True)
    services.compute_scores_of_rounds(ids)
    assert _rows(with_ids=True) == first
    for round_id in ids:
        services.compute_round_scores(round_id)
    assert _rows(with_ids=True) == first


def test_batch_after_changes_updates_in_place_and_removes_stale_rows():
    rounds = _school_year()
    both, withheld, small = rounds[2:]
    ids = [r.pk for r in rounds]
    services.compute_scores_of_rounds(ids)
    kept = ItemScore.objects.get(
        result__round=both, result__network__name="A", item__code="cohesion"
    )
    # A network and a scale item taken off two rounds; the small round gets enough answers.
    both.networks.remove(both.networks.get(name="B"))
    dropped = withheld.items.filter(kind="scale").first()
    Item.objects.filter(pk=dropped.pk).update(kind="open")
    EvaluationRound.objects.filter(pk=small.pk).update(status=RoundStatus.OPEN)
    answer_all(small, small.networks.get(), [5, 5])
    close(small)

    services.compute_scores_of_rounds(ids)
    by_batch = _rows(with_ids=True)
    assert not RoundResult.objects.filter(round=both, network__name="B").exists()
    assert ItemScore.objects.filter(item=dropped).exclude(mean=None).exists() is False
    assert ItemScore.objects.get(pk=kept.pk).mean == kept.mean  # the same row, kept
    assert RoundResult.objects.get(round=small, network=None).is_withheld is False
    # Computing each round on its own now finds every row already right.
    for round_id in ids:
        services.compute_round_scores(round_id)
    assert _rows(with_ids=True) == by_batch


def _rounds_with_nulmetingen(n_rounds):
    rounds = []
    for _ in range(n_rounds):
        network = NetworkFactory()
        make_closed_baseline([network], [[3, 4, 4, 5, 2]], days_ago=100)
        evaluation = make_round([network], extra_questions=["Extra vraag"])
        answer_all(evaluation, network, [4, 4, 5, 5, 5])
        close(evaluation)
        rounds.append(evaluation.pk)
    return rounds


@pytest.mark.parametrize("n_rounds", [2, 4])
def test_batch_queries_do_not_grow_with_rounds(n_rounds, django_assert_num_queries):
    from django.db import connection

    round_ids = _rounds_with_nulmetingen(n_rounds)
    # The test's transaction adds a savepoint and its release to the batch's own queries;
    # PostgreSQL adds taking and releasing the computing locks (one statement each).
    lock = 2 if connection.vendor == "postgresql" else 0
    # The new figures mark the networks' phase reports to be recomputed: the networks of
    # the round(s) read once and their reports marked pending in one upsert (issue 12.4).
    phase = 2
    # First run: results created (one insert) and scores created (one insert on PostgreSQL,
    # split at SQLite's parameter limit there); no stored scores to read.
    new_scores = Item.objects.filter(round__in=round_ids).count() * 2  # a network and overall
    with django_assert_num_queries(12 + score_inserts(new_scores) + lock + phase):
        assert services.compute_scores_of_rounds(round_ids) == []
    # Again: nothing changed, so nothing is written.
    with django_assert_num_queries(12 + lock + phase):
        assert services.compute_scores_of_rounds(round_ids) == []
    assert RoundResult.objects.filter(round__in=round_ids).count() == 2 * n_rounds
    assert ItemScore.objects.filter(result__round__in=round_ids, baseline_n=5).count() == (
        2 * n_rounds * 9  # the nine 2014 scale items of each round, per network and overall
    )


def test_a_failing_round_does_not_stop_the_others_and_is_marked_failed(monkeypatch):
    rounds = _school_year()
    ids = [r.pk for r in rounds]
    bad = rounds[3]
    write_rounds = scores._write_rounds

    def fails_for_bad(batch):
        if any(evaluation.pk == bad.pk for evaluation in batch):
            raise RuntimeError("kapot")
        write_rounds(batch)

    monkeypatch.setattr(scores, "_write_rounds", fails_for_bad)

    assert services.compute_scores_of_rounds(ids) == [bad.pk]

    statuses = dict(EvaluationRound.objects.values_list("pk", "scores_status"))
    assert statuses == {
        r.pk: ComputationStatus.FAILED if r == bad else ComputationStatus.DONE for r in rounds
    }
    bad.refresh_from_db()
    assert bad.scores_error == "kapot"
    assert not RoundResult.objects.filter(round=bad).exists()
    assert set(RoundResult.objects.values_list("round_id", flat=True)) == set(ids) - {bad.pk}


def test_batch_of_a_deleted_round_computes_the_rest():
    rounds = _school_year()
    ids = [r.pk for r in rounds]
    gone = rounds[4].pk
    EvaluationRound.objects.filter(pk=gone).delete()
    assert services.compute_scores_of_rounds(ids) == [gone]
    assert set(RoundResult.objects.values_list("round_id", flat=True)) == set(ids) - {gone}


@pytest.fixture
def published():
    """A broker that records what it is handed (enqueue publishes after commit)."""
    sent = []
    previous = app.conf.task_always_eager
    app.conf.task_always_eager = False
    with mock.patch(
        "leernetwerk.dispatch._publish",
        side_effect=lambda name, kwargs: sent.append((name, kwargs)),
    ):
        yield sent
    app.conf.task_always_eager = previous


def _due_rounds(n):
    today = timezone.localdate()
    due = []
    for _ in range(n):
        evaluation = make_round([NetworkFactory()], opens_on=today - datetime.timedelta(days=10))
        EvaluationRound.objects.filter(pk=evaluation.pk).update(
            closes_on=today - datetime.timedelta(days=1)
        )
        due.append(evaluation.pk)
    return due


def test_close_due_rounds_publishes_one_batch_task_for_all(
    published, django_capture_on_commit_callbacks
):
    due = _due_rounds(3)
    still_open = make_round([NetworkFactory()], title="Nog open")
    with django_capture_on_commit_callbacks(execute=True):
        assert close_due_rounds() == 3
    assert published == [("leernetwerk.evaluations.compute_scores_of_rounds", {"round_ids": due})]
    assert set(
        EvaluationRound.objects.filter(pk__in=due).values_list("status", "scores_status")
    ) == {(RoundStatus.CLOSED, ComputationStatus.PENDING)}
    still_open.refresh_from_db()
    assert still_open.status == RoundStatus.OPEN
    with django_capture_on_commit_callbacks(execute=True):
        assert close_due_rounds() == 0
    assert len(published) == 1


def test_closing_one_round_by_hand_publishes_the_single_task(
    published, django_capture_on_commit_callbacks
):
    evaluation = make_round([NetworkFactory()])
    with django_capture_on_commit_callbacks(execute=True):
        services.close_round(evaluation, by=None)
    assert published == [
        ("leernetwerk.evaluations.compute_round_scores", {"round_id": evaluation.pk})
    ]


def test_daily_task_computes_every_round_it_closes(django_capture_on_commit_callbacks):
    from evaluations.tasks import task_send_round_reminders

    due = _due_rounds(2)
    network = EvaluationRound.objects.get(pk=due[0]).networks.get()
    EvaluationRound.objects.filter(pk=due[0]).update(closes_on=timezone.localdate())
    answer_all(EvaluationRound.objects.get(pk=due[0]), network, [4] * 5)
    EvaluationRound.objects.filter(pk=due[0]).update(
        closes_on=timezone.localdate() - datetime.timedelta(days=1)
    )
    with django_capture_on_commit_callbacks(execute=True):
        task_send_round_reminders.delay()
    assert set(
        EvaluationRound.objects.filter(pk__in=due).values_list("status", "scores_status")
    ) == {(RoundStatus.CLOSED, ComputationStatus.DONE)}
    score = ItemScore.objects.get(
        result__round_id=due[0], result__network=network, item__code="right_topics"
    )
    assert (score.n, score.mean) == (5, 4.0)
