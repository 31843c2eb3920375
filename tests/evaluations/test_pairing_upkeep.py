"""The pairs of a linked round follow both responses as they are now, whatever order they
were given in: a nulmeting answered after the follow-up, a nulmeting answer changed while it
is still open, a nulmeting response only saved and sent later (issue 12.3). The figures are
the same as when every nulmeting answer came first."""

import pytest

from evaluations import services
from evaluations.enums import DONT_KNOW
from evaluations.models import Answer, Invitation
from tests.evaluations.linked_helpers import (
    PAIRS,
    _compute,
    _first_scale_score,
    _linked_pair,
    _network,
)

pytestmark = pytest.mark.django_db


def _answer(evaluation, network, person, value: int, *, send: bool = True) -> None:
    invitation = Invitation.objects.get(round=evaluation, network=network, person=person)
    answers = {item.pk: value for item in evaluation.items.all() if item.is_scale}
    saved = services.find_response(invitation.token)  # changed as a person does: the form
    services.save_response(  # carries the version it was loaded with
        invitation.token, answers=answers, send=send, version=saved.version if saved else None
    )


def _assert_mean_change(follow_up, network, n: int, change: float) -> None:
    score = _first_scale_score(follow_up, network)
    assert score.paired_n == n
    assert score.paired_change == pytest.approx(change)


def test_follow_up_answered_before_the_nulmeting_still_pairs():
    network, people = _network(5)
    baseline, follow_up = _linked_pair([network])
    for person, (_, now) in zip(people, PAIRS, strict=True):
        _answer(follow_up, network, person, now)
    for person, (before, _) in zip(people, PAIRS, strict=True):
        _answer(baseline, network, person, before)
    _compute(baseline, follow_up)
    _assert_mean_change(follow_up, network, 5, 1.2)


def test_a_nulmeting_answer_changed_while_open_changes_the_pair():
    network, people = _network(5)
    baseline, follow_up = _linked_pair([network])
    for person, (before, now) in zip(people, PAIRS, strict=True):
        _answer(baseline, network, person, before)
        _answer(follow_up, network, person, now)
    # The first person changes her nulmeting answer from 3 to 4 (her difference 1 -> 0).
    _answer(baseline, network, people[0], 4)
    _compute(baseline, follow_up)
    _assert_mean_change(follow_up, network, 5, 1.0)


def test_a_nulmeting_response_only_saved_pairs_once_it_is_sent():
    network, people = _network(5)
    baseline, follow_up = _linked_pair([network])
    for person, (before, now) in zip(people, PAIRS, strict=True):
        _answer(baseline, network, person, before, send=person is not people[0])
        _answer(follow_up, network, person, now)
    paired = Answer.objects.filter(response__round=follow_up, baseline_value__isnull=False)
    assert paired.values("response").distinct().count() == 4
    _answer(baseline, network, people[0], PAIRS[0][0])  # now sent
    assert paired.values("response").distinct().count() == 5
    _compute(baseline, follow_up)
    _assert_mean_change(follow_up, network, 5, 1.2)


def test_dont_know_in_either_round_pairs_with_nothing():
    network, people = _network(6)
    baseline, follow_up = _linked_pair([network])
    for person, (before, now) in zip(people, [*PAIRS, (1, 5)], strict=True):
        _answer(baseline, network, person, before)
        _answer(follow_up, network, person, now)
    # The sixth says "don't know" in the follow-up, then the first in the nulmeting.
    for evaluation, person in ((follow_up, people[5]), (baseline, people[0])):
        invitation = Invitation.objects.get(round=evaluation, network=network, person=person)
        answers = {item.pk: DONT_KNOW for item in evaluation.items.all() if item.is_scale}
        version = services.find_response(invitation.token).version
        services.save_response(invitation.token, answers=answers, version=version)
    _compute(baseline, follow_up)
    # Left: differences 2, 0, 2, 1 -> four pairs (shown as withheld, counted as four).
    assert _first_scale_score(follow_up, network).paired_n is None
    assert (
        Answer.objects.filter(response__round=follow_up, baseline_value__isnull=False)
        .values("response")
        .distinct()
        .count()
        == 4
    )
