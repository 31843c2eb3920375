"""Worker-side timing: every round's scores by the real service code, then the SQL floor.

`all_rounds_s` times the body of the batch task `task_compute_scores_of_rounds` over all the
rounds in one call, the way the daily close (`close_due_rounds`) runs it: every round that
closes on a day goes to one batch task, and at the end of a school year that is hundreds of
rounds at once. It is compared with `group_by_s`, one plain GROUP BY over the same answers.

The process is set up as a worker process is (`leernetwerk.celery.freeze_start_up_objects`),
and its first computation, which also imports the services and fills Django's caches as a
worker's first task does, is timed on its own (`first_run_s`, informational). Then the
computation from nothing stored (the previous run's results deleted, untimed) and the GROUP
BY take turns, RUNS times each, and each figure is the median of its runs: one run of
either varies by some 10% on this machine, enough to turn a verdict by itself. Before
2026-12-04 both were a single run, the computation the first of its process.

`per_round_s` (informational, no target) times the older path, one single-round task
`task_compute_round_scores` per round, which a round closed by hand or recomputed on demand
still takes. It runs against the rows the last computation left, so it is a rerun.

The scores task ends by handing the phase reports of the rounds' networks to the worker (one
set-wise task after commit, timed on its own by bench.task_phases). Here, as in production,
that task is published to a Redis queue, one nobody reads, which is emptied afterwards, so
the figure is the scores task's own work. Without Redis the task runs in-process and is
counted in; `follow_up` says which.

Runs in a fresh process (like a worker) and prints one JSON line with its peak memory."""

import json
import os
import resource
import statistics
import time

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.settings")

import django  # noqa: E402

django.setup()

import redis  # noqa: E402
from django.db import connection  # noqa: E402
from django.db.models import Avg, Count, StdDev  # noqa: E402

from evaluations.models import Answer, EvaluationRound, RoundResult  # noqa: E402
from evaluations.tasks import (  # noqa: E402
    task_compute_round_scores,
    task_compute_scores_of_rounds,
)
from leernetwerk.celery import app, freeze_start_up_objects  # noqa: E402

FOLLOW_UP_BROKER = "redis://127.0.0.1:6379/15"
RUNS = 3


def _queue_follow_up_tasks() -> str:
    """Publish the tasks the scores task enqueues instead of running them here, if Redis
    answers; returns where they went."""
    try:
        redis.Redis.from_url(FOLLOW_UP_BROKER, socket_timeout=1).ping()
    except redis.RedisError:
        return "run in-process (no Redis)"
    app.conf.task_always_eager = False
    app.conf.broker_url = FOLLOW_UP_BROKER
    return "published to Redis, not run"


def _drop_follow_up_tasks() -> None:
    if not app.conf.task_always_eager:
        redis.Redis.from_url(FOLLOW_UP_BROKER).flushdb()


def _all_done() -> None:
    failed = EvaluationRound.objects.exclude(scores_status="done").count()
    if failed:
        raise SystemExit(f"{failed} rounds not done")


def group_by() -> list[dict]:
    aggregates = {"n": Count("value"), "mean": Avg("value")}
    if connection.vendor == "postgresql":
        aggregates["sd"] = StdDev("value", sample=True)
    return list(
        Answer.objects.filter(value__isnull=False)
        .values("response__round_id", "response__network_id", "item_id", "value")
        .annotate(**aggregates)
        .order_by()
    )


def _compute_all(round_ids: list[int]) -> float:
    """Seconds of one computation of every round's scores from nothing stored (the results
    of the run before deleted first, untimed, so each run writes every row anew)."""
    RoundResult.objects.all().delete()
    started = time.perf_counter()
    task_compute_scores_of_rounds.run(round_ids=round_ids)  # the task body, as a worker runs it
    seconds = time.perf_counter() - started
    _all_done()
    return seconds


def _group_by_seconds() -> tuple[float, int]:
    started = time.perf_counter()
    rows = group_by()
    return time.perf_counter() - started, len(rows)


def main() -> None:
    round_ids = list(EvaluationRound.objects.order_by("id").values_list("id", flat=True))
    group_by()  # warm the cache for both, so neither pays for reading from disk alone
    freeze_start_up_objects()  # as a worker process does when it starts
    follow_up = _queue_follow_up_tasks()
    first_run_s = _compute_all(round_ids)
    all_rounds, group_bys = [], []
    for _ in range(RUNS):
        all_rounds.append(_compute_all(round_ids))
        seconds, group_rows = _group_by_seconds()
        group_bys.append(seconds)

    started = time.perf_counter()
    for round_id in round_ids:
        task_compute_round_scores.run(round_id=round_id)
    per_round_s = time.perf_counter() - started
    _all_done()
    _drop_follow_up_tasks()
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(
        json.dumps(
            {
                "all_rounds_s": round(statistics.median(all_rounds), 2),
                "group_by_s": round(statistics.median(group_bys), 2),
                "all_rounds_runs_s": [round(seconds, 2) for seconds in all_rounds],
                "group_by_runs_s": [round(seconds, 2) for seconds in group_bys],
                "first_run_s": round(first_run_s, 2),
                "per_round_s": round(per_round_s, 2),
                "rounds": len(round_ids),
                "group_rows": group_rows,
                "follow_up": follow_up,
                "peak_rss_mb": round(peak, 1),
            }
        )
    )


if __name__ == "__main__":
    main()
