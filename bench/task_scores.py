"""Worker-side timing: every round's scores by the real service code, then the SQL floor.

Runs in a fresh process (like a worker) and prints one JSON line with its peak memory."""

import json
import os
import resource
import time

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.settings")

import django  # noqa: E402

django.setup()

from django.db import connection  # noqa: E402
from django.db.models import Avg, Count  # noqa: E402

from evaluations.models import Answer, EvaluationRound  # noqa: E402
from evaluations.tasks import task_compute_round_scores  # noqa: E402


def main() -> None:
    round_ids = list(EvaluationRound.objects.order_by("id").values_list("id", flat=True))
    started = time.perf_counter()
    for round_id in round_ids:
        task_compute_round_scores.run(round_id=round_id)  # the task body, as the worker runs it
    all_rounds_s = time.perf_counter() - started
    failed = EvaluationRound.objects.exclude(scores_status="done").count()
    if failed:
        raise SystemExit(f"{failed} rounds not done")

    aggregates = {"n": Count("value"), "mean": Avg("value")}
    if connection.vendor == "postgresql":
        from django.db.models import StdDev

        aggregates["sd"] = StdDev("value", sample=True)
    started = time.perf_counter()
    rows = list(
        Answer.objects.filter(value__isnull=False)
        .values("response__round_id", "response__network_id", "item_id", "value")
        .annotate(**aggregates)
        .order_by()
    )
    group_by_s = time.perf_counter() - started
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(
        json.dumps(
            {
                "all_rounds_s": round(all_rounds_s, 2),
                "group_by_s": round(group_by_s, 2),
                "rounds": len(round_ids),
                "group_rows": len(rows),
                "peak_rss_mb": round(peak, 1),
            }
        )
    )


if __name__ == "__main__":
    main()
