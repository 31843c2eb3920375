"""leernetwerk.bulk.insert_rows: every kind of value reads back as it went in."""

import pytest

from evaluations.models import ItemScore, RoundResult
from leernetwerk.bulk import insert_rows
from tests.factories.evaluations import make_round

pytestmark = pytest.mark.django_db

RESULT_FIELDS = ["round", "network", "invited", "responded", "response_rate", "is_withheld"]
SCORE_FIELDS = ["result", "item", "n", "mean", "distribution", "is_withheld", "paired_withheld"]


def test_rows_read_back_as_inserted():
    evaluation = make_round()
    network = evaluation.networks.get()
    insert_rows(
        RoundResult,
        RESULT_FIELDS,
        [
            (evaluation.pk, network.pk, 7, 3, 3 / 7, False),  # a float with many digits
            (evaluation.pk, None, 0, 0, None, True),  # NULLs: foreign key and float
        ],
    )
    stored = RoundResult.objects.order_by("pk").values_list("pk", *RESULT_FIELDS)
    (first, *values_1), (second, *values_2) = stored
    assert values_1 == [evaluation.pk, network.pk, 7, 3, 3 / 7, False]
    assert values_2 == [evaluation.pk, None, 0, 0, None, True]

    item = evaluation.items.first()
    # Quotes, a backslash, what delimits array elements, what delimits COPY's columns and
    # rows, and COPY's own NULL written as text (short enough for paired_withheld's 10).
    tricky = '"\\,{}\t\n\r\\N'
    assert len(tricky) <= 10 and "\t" in tricky and "\\N" in tricky
    rows = [
        (first, item.pk, 5, 0.1 + 0.2, [1, 2, 0, 1, 1], True, tricky),
        (second, item.pk, 0, None, {"text": tricky, "none": None, "yes": True}, False, ""),
    ]
    insert_rows(ItemScore, SCORE_FIELDS, rows)
    assert list(ItemScore.objects.order_by("result_id").values_list(*SCORE_FIELDS)) == rows
