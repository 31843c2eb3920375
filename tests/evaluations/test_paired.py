"""Paired change per item against hand-computed values (issue 12.3)."""

import math

import pytest

from evaluations.paired import change_of_sums, paired_change, t_quantile

# (baseline, now) of five people; differences 1, 2, 0, 2, 1
PAIRS = [(3, 4), (2, 4), (4, 4), (3, 5), (2, 3)]


def test_paired_change_hand_computed():
    change = paired_change(PAIRS)
    # mean 6 / 5 = 1,2; squared deviations 0,04 + 0,64 + 1,44 + 0,64 + 0,04 = 2,8; variance
    # 2,8 / 4 = 0,7; t(0,975; 4) = 2,776445; half width 2,776445 * sqrt(0,7 / 5) = 1,038846
    assert change.n == 5
    assert change.mean_change == pytest.approx(1.2)
    assert change.sd_change == pytest.approx(math.sqrt(0.7))
    assert change.ci_low == pytest.approx(1.2 - 1.038846, abs=1e-3)
    assert change.ci_high == pytest.approx(1.2 + 1.038846, abs=1e-3)
    assert change.effect_size == pytest.approx(1.2 / math.sqrt(0.7))  # d_z = 1,434


def test_paired_change_from_sums_equals_from_pairs():
    assert change_of_sums(5, 6, 10) == paired_change(PAIRS)


def test_fewer_than_five_pairs_are_withheld():
    assert paired_change(PAIRS[:4]) is None


def test_no_spread_has_no_interval_or_effect_size():
    change = paired_change([(3, 4)] * 5)
    assert (change.mean_change, change.ci_low, change.ci_high, change.effect_size) == (
        1.0,
        None,
        None,
        None,
    )


@pytest.mark.parametrize(("df", "table"), [(4, 2.776445), (9, 2.262157), (29, 2.045230)])
def test_t_quantile_matches_the_table(df, table):
    assert t_quantile(0.975, df) == pytest.approx(table, abs=1e-3)
