"""Worker-side timing: the paired computation of every linked round, then the SQL floor.

`paired_s` times the paired part of the score computation (`services.scores`) for all rounds
in one call, the way the batch task runs it: which linked rounds count (their nulmeting has
closed), the pairs' sums per round, network and item from the answers' stored baseline value
(in the app these aggregates ride along in the one GROUP BY that counts every figure; here
they are asked for alone, so the figure is the paired part's own cost), the baselines
answered without pseudonyms, and the paired figures of every network and overall (the
small-group rule included). It is compared with `paired_group_by_s`, one plain SQL GROUP BY
that finds the same pairs the slow way: follow-up answers joined to the baseline answers on
pseudonym and item code, grouped by round and item with the count and the mean of the
difference.

Runs in a fresh process (like a worker) and prints one JSON line with its peak memory."""

import json
import os
import resource
import time
from collections import defaultdict

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.settings")

import django  # noqa: E402

django.setup()

from django.db import connection  # noqa: E402
from django.db.models import Count, F, Sum  # noqa: E402

from evaluations.models import Answer, EvaluationRound, Item, Response  # noqa: E402
from evaluations.services.scores import pairing  # noqa: E402
from evaluations.services.scores.counting import sent_responses  # noqa: E402


def pair_sums(round_ids: set[int]) -> dict[tuple[int, int, int], pairing.Sums]:
    """(round id, network id, item id) -> (pairs, sum of differences, sum of squares), from
    the sent answers that carry the same person's nulmeting value."""
    difference = F("value") - F("baseline_value")
    rows = (
        Answer.objects.filter(
            response__round_id__in=round_ids,
            response__is_sent=True,
            baseline_value__isnull=False,
        )
        .values_list("response__round_id", "response__network_id", "item_id")
        .annotate(n=Count("pk"), change=Sum(difference), squares=Sum(difference * difference))
        .order_by()
    )
    return {(r, n, i): (count, change, squares) for r, n, i, count, change, squares in rows}


def paired_computation(rounds: list[EvaluationRound]) -> int:
    """The paired figures of every linked round's scale items, per network and overall, as
    the score computation makes them. Returns how many item figures it made."""
    sums = pair_sums(pairing.counted_rounds(rounds))
    # The nulmetingen's sent responses and pseudonyms, read as the score computation reads them.
    sent = sent_responses({r.baseline_round_id for r in rounds if r.baseline_round_id})
    anonymous = pairing.baselines_without_pseudonyms(rounds, sent)
    per_item: dict[tuple[int, int], dict[int, pairing.Sums]] = defaultdict(dict)
    for (round_id, network_id, item_id), value in sums.items():
        per_item[round_id, item_id][network_id] = value
    figures = 0
    for (round_id, _), per_network in per_item.items():
        networks, _ = pairing.paired_fields(
            per_network,
            is_linked=True,
            anonymous={n for n in per_network if (round_id, n) in anonymous},
        )
        figures += len(networks) + 1
    return figures


def group_by() -> list[tuple]:
    tables = {
        "answer": Answer._meta.db_table,
        "response": Response._meta.db_table,
        "item": Item._meta.db_table,
        "round": EvaluationRound._meta.db_table,
    }
    sql = """
        SELECT r.round_id, i.code, COUNT(*), AVG(a.value - b.value)
        FROM {answer} a
        JOIN {response} r ON r.id = a.response_id
        JOIN {item} i ON i.id = a.item_id
        JOIN {round} er ON er.id = r.round_id
        JOIN {response} rb ON rb.round_id = er.baseline_round_id AND rb.pseudonym = r.pseudonym
        JOIN {item} ib ON ib.round_id = rb.round_id AND ib.code = i.code
        JOIN {answer} b ON b.response_id = rb.id AND b.item_id = ib.id
        WHERE a.value IS NOT NULL AND b.value IS NOT NULL
        GROUP BY r.round_id, i.code
    """.format(**tables)  # noqa: S608 - table names from the models
    with connection.cursor() as cursor:
        cursor.execute(sql)
        return cursor.fetchall()


def main() -> None:
    rounds = list(EvaluationRound.objects.order_by("id"))
    linked = sum(1 for r in rounds if r.baseline_round_id)
    group_by()  # warm the cache for both, so neither pays for reading from disk alone
    started = time.perf_counter()
    figures = paired_computation(rounds)
    paired_s = time.perf_counter() - started

    started = time.perf_counter()
    rows = group_by()
    paired_group_by_s = time.perf_counter() - started
    pairs = sum(row[2] for row in rows)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(
        json.dumps(
            {
                "paired_s": round(paired_s, 2),
                "paired_group_by_s": round(paired_group_by_s, 2),
                "linked_rounds": linked,
                "pairs": pairs,
                "paired_figures": figures,
                "group_rows": len(rows),
                "peak_rss_mb": round(peak, 1),
            }
        )
    )


if __name__ == "__main__":
    main()
