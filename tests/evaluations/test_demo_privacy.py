"""Demo extras (idempotent, Figure 2) and the privacy contract."""

import pytest

from evaluations import privacy, services
from evaluations.demo import BASELINE_TITLE, SURVEY_NAME, seed_demo_extras
from evaluations.figure2 import FIGURE_2
from evaluations.models import (
    Answer,
    EvaluationRound,
    Invitation,
    ItemScore,
    Outcome,
    RankingSurvey,
    Response,
)
from evaluations.selectors import ranking_for_survey
from tests.factories import NetworkFactory, make_facilitator, make_member
from tests.factories.evaluations import answer_all, make_round

pytestmark = pytest.mark.django_db


def _counts():
    return (
        EvaluationRound.objects.count(),
        Response.objects.count(),
        Answer.objects.count(),
        ItemScore.objects.count(),
        RankingSurvey.objects.count(),
        Outcome.objects.count(),
    )


def test_demo_extras_without_networks_skip_the_round_but_load_figure_2():
    seed_demo_extras()
    assert EvaluationRound.objects.count() == 0
    survey = RankingSurvey.objects.get(name=SURVEY_NAME)
    assert [
        (r.learning_form, r.points, r.first_places) for r in ranking_for_survey(survey)[:10]
    ] == FIGURE_2


def test_demo_extras_baseline_for_the_three_networks_and_idempotent():
    for slug in (
        "eindverantwoordelijk-schoolleiders",
        "vrouwelijk-leiderschap-1",
        "vrouwelijk-leiderschap-2",
    ):
        network = NetworkFactory(slug=slug, name=slug.replace("-", " ").title())
        make_facilitator(network)
        for _ in range(8):
            make_member(network)
    seed_demo_extras()
    evaluation = EvaluationRound.objects.get(title=BASELINE_TITLE)
    assert (evaluation.kind, evaluation.status, evaluation.scores_status) == (
        "baseline",
        "closed",
        "done",
    )
    assert evaluation.opens_on.isoformat() == "2014-12-01"
    assert evaluation.networks.count() == 3
    assert Response.objects.filter(round=evaluation).count() == 18  # 6 of 8 per network
    # (the scale items; the few comments per network fall under the small-group rule)
    assert not ItemScore.objects.filter(
        result__round=evaluation,
        result__network__isnull=False,
        is_withheld=True,
        item__kind="scale",
    ).exists()
    assert Outcome.objects.count() == 3
    before = _counts()
    seed_demo_extras()
    assert _counts() == before


def test_privacy_export_and_erase():
    network = NetworkFactory()
    person = make_member(network)
    evaluation = make_round([network])
    answer_all(evaluation, network, [4])
    services.record_outcome(
        network, by=person, kind="insight", description="Mijn inzicht", visibility="network"
    )
    services.record_value_story(
        network,
        by=person,
        title="Mijn verhaal",
        visibility="network",
        steps={"immediate": "Energie"},
    )
    data = privacy.export_person(person)
    assert data["evaluation_invitations"][0]["answered"] is True
    assert data["outcomes"][0]["description"] == "Mijn inzicht"
    assert data["value_stories"][0]["steps"] == [
        {"cycle": "immediate", "cycle_label": "Directe waarde", "text": "Energie"}
    ]
    import json

    json.dumps(data)
    privacy.erase_person(person)
    assert privacy.export_person(person) == {
        "evaluation_invitations": [],
        "outcomes": [],
        "value_stories": [],
    }
    assert Invitation.objects.filter(round=evaluation).count() == 1  # still counts for rate
    assert Response.objects.count() == 1
    assert Outcome.objects.get().author is None
