"""The `world` of the evaluations page tests (test_views_*.py): a network with a closed,
computed round, a survey, an outcome and a story, and one person of each role."""

import pytest

from evaluations import services
from evaluations.models import Invitation
from networks.enums import Role
from tests.factories import NetworkFactory, UserFactory, make_facilitator, make_member, make_staff
from tests.factories.evaluations import answer_all, close, make_round


@pytest.fixture
def world():
    """A network with a facilitator, a penvoerder, 5 participants who answered a closed and
    computed round (with comments), a survey, an outcome and a story; plus staff and an
    outsider."""
    network = NetworkFactory(slug="vrouwelijk-leiderschap-1", name="Vrouwelijk Leiderschap 1")
    facilitator = make_facilitator(network)
    penvoerder = make_member(network, role=Role.PENVOERDER)
    evaluation = make_round([network])
    Invitation.objects.filter(person=penvoerder).delete()
    answer_all(
        evaluation,
        network,
        [4, 5, 3, 4, 4],
        comments=[
            "De sfeer is open en veilig.",
            "Meer casuïstiek graag.",
            "Goede gastsprekers.",
            "Meer tijd tussen de bijeenkomsten.",
            "Fijne groep.",
        ],
    )
    participant = Invitation.objects.filter(round=evaluation).first().person
    close(evaluation)
    services.compute_round_scores(evaluation.pk)
    survey = services.create_survey(by=None, name="Top 3", forms=["A", "B"])
    story = services.record_value_story(
        network,
        by=participant,
        title="Verhaal",
        visibility="network",
        steps={"immediate": "Energie"},
    )
    return {
        "network": network,
        "round": evaluation,
        "survey": survey,
        "story": story,
        "staff": make_staff(),
        "facilitator": facilitator,
        "penvoerder": penvoerder,
        "participant": participant,
        "outsider": UserFactory(),
    }
