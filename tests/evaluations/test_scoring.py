"""Scoring as pure functions against hand-computed values."""

import math
from collections import Counter

import pytest
from hypothesis import given
from hypothesis import strategies as st

from evaluations import scoring


def test_summarise_hand_computed_values():
    # values 3,3,4,4,5: mean 19/5 = 3.8; squared deviations .64+.64+.04+.04+1.44 = 2.8;
    # sample variance 2.8/4 = 0.7; sd = sqrt(0.7)
    summary = scoring.summarise([3, 3, 4, 4, 5])
    assert summary.n == 5
    assert summary.mean == pytest.approx(3.8)
    assert summary.sd == pytest.approx(math.sqrt(0.7))
    assert summary.distribution == (0, 0, 2, 2, 1)
    assert summary.share_agreeing == pytest.approx(3 / 5)


def test_summarise_one_value_has_no_spread():
    summary = scoring.summarise([4])
    assert (summary.n, summary.mean, summary.sd) == (1, 4, None)


def test_summarise_empty_gives_nothing():
    summary = scoring.summarise([])
    assert (summary.n, summary.mean, summary.share_agreeing) == (0, None, None)
    assert summary.distribution == (0, 0, 0, 0, 0)


@pytest.mark.parametrize("bad", [0, 6, -1, 3.5, None])
def test_summarise_refuses_value_off_the_scale(bad):
    with pytest.raises(ValueError):
        scoring.summarise([3, bad])


@pytest.mark.parametrize(
    ("responded", "invited", "expected"),
    [(5, 20, 0.25), (0, 10, 0.0), (3, 0, None), (12, 12, 1.0)],
)
def test_response_rate(responded, invited, expected):
    assert scoring.response_rate(responded, invited) == expected


def test_cohens_d_hand_computed():
    # baseline 3,3,4,4,5: mean 3.8, variance 0.7; now 4,4,5,5,5: mean 4.6, variance 0.3
    # pooled variance (4*0.7 + 4*0.3) / 8 = 0.5; d = 0.8 / sqrt(0.5) = 1.1314
    d = scoring.cohens_d([3, 3, 4, 4, 5], [4, 4, 5, 5, 5])
    assert d == pytest.approx(0.8 / math.sqrt(0.5))
    assert round(d, 4) == 1.1314


def test_cohens_d_negative_when_scores_fall():
    assert scoring.cohens_d([4, 4, 5, 5, 5], [3, 3, 4, 4, 5]) == pytest.approx(-1.1314, abs=1e-4)


def test_cohens_d_undefined_without_spread_or_values():
    assert scoring.cohens_d([4, 4, 4], [4, 4, 4]) is None
    assert scoring.cohens_d([4], [3, 5]) is None


@pytest.mark.parametrize(("n", "shown"), [(0, False), (4, False), (5, True), (30, True)])
def test_threshold_is_five(n, shown):
    assert scoring.is_shown(n) is shown


def test_disclosure_withholds_small_group_and_overall_that_reveals_it():
    # A has 10, B has 3: B withheld; overall 13 minus shown A leaves B's 3 -> overall withheld
    overall_withheld, withheld = scoring.disclosure(13, {"A": 10, "B": 3})
    assert withheld == {"B"}
    assert overall_withheld is True


def test_disclosure_subtraction_with_two_shown_networks():
    # A 6 and B 6 shown, C 4 withheld: overall 16 - (6 + 6) = 4 -> overall withheld
    assert scoring.disclosure(16, {"A": 6, "B": 6, "C": 4}) == (True, {"C"})


def test_disclosure_remainder_of_five_or_more_is_safe():
    # C 2 and D 3 are withheld, but together 5: overall minus A and B leaves 5 -> shown
    assert scoring.disclosure(17, {"A": 6, "B": 6, "C": 2, "D": 3}) == (False, {"C", "D"})


def test_disclosure_all_shown():
    assert scoring.disclosure(12, {"A": 5, "B": 7}) == (False, set())


def test_disclosure_single_network_equal_to_overall():
    assert scoring.disclosure(8, {"A": 8}) == (False, set())


def test_disclosure_overall_below_threshold():
    assert scoring.disclosure(4, {"A": 4}) == (True, {"A"})


scale_values = st.lists(st.sampled_from(scoring.SCALE), max_size=300)


def _close(a, b) -> bool:
    if a is None or b is None:
        return a is b
    return math.isclose(a, b, rel_tol=1e-9, abs_tol=1e-12)


@given(scale_values)
def test_summarise_counts_equals_summarise_of_the_values(values):
    by_values = scoring.summarise(values)
    by_counts = scoring.summarise_counts(Counter(values))
    assert (by_counts.n, by_counts.distribution) == (by_values.n, by_values.distribution)
    assert by_counts.mean == by_values.mean  # an exact integer sum over n either way
    assert by_counts.mean == scoring.mean_of_counts(Counter(values))
    assert _close(by_counts.sd, by_values.sd)
    assert by_counts.share_agreeing == by_values.share_agreeing


@given(scale_values, scale_values)
def test_cohens_d_of_counts_equals_cohens_d_of_the_values(baseline, current):
    assert _close(
        scoring.cohens_d_of_counts(Counter(baseline), Counter(current)),
        scoring.cohens_d(baseline, current),
    )


def test_summarise_counts_hand_computed_and_ignores_zero_counts():
    summary = scoring.summarise_counts({3: 2, 4: 2, 5: 1, 1: 0})
    assert (summary.n, summary.mean, summary.distribution) == (5, 3.8, (0, 0, 2, 2, 1))
    assert summary.sd == pytest.approx(math.sqrt(0.7))
    assert scoring.cohens_d_of_counts({3: 2, 4: 2, 5: 1}, {4: 2, 5: 3}) == pytest.approx(
        0.8 / math.sqrt(0.5)
    )


@pytest.mark.parametrize("bad", [{0: 1}, {6: 2}, {3.5: 1}, {None: 1}, {3: -1}, {3: 1.5}])
def test_summarise_counts_refuses_values_off_the_scale_and_bad_counts(bad):
    with pytest.raises(ValueError):
        scoring.summarise_counts(bad)


def test_template_filters_round_not_truncate():
    from evaluations.templatetags.evaluations_extras import decimal, percent, signed

    assert percent(4 / 6) == "67%"
    assert decimal(23 / 6) == "3,83"
    assert decimal(4.199999) == "4,20"
    assert signed(0.8) == "+0,80"
    assert signed(-1.13137) == "-1,13"
    assert percent(None) == decimal(None) == "—"
