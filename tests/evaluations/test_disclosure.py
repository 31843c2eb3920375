"""Nobody's evaluation answer can be singled out (issue 10, leaks 5, 6 and 8): no figures of
an open round, one small-group rule (fewer than 5: withheld) for scale answers, "don't know"
and open comments, also between the overall report and a network's, and the phase evidence
counts only learning questions shared with the network."""

import datetime

import pytest
from django.core import serializers
from django.test import override_settings
from django.urls import reverse

from evaluations import services
from evaluations.models import EvaluationRound, Invitation, ItemScore, Response, RoundResult
from evaluations.selectors import phase_evidence, phase_evidence_of_networks
from evaluations.services.rounds import response_key
from networks.memberships import leave_network
from participants.enums import Visibility
from tests.factories import LearningQuestionFactory, NetworkFactory, make_member, make_staff
from tests.factories.evaluations import answer_all, close, make_round

pytestmark = pytest.mark.django_db

RIGHT_TOPICS = "In het netwerk worden de juiste onderwerpen besproken."


def _report(client, evaluation, network=None) -> str:
    if network is None:
        url = reverse("evaluations:report", args=[evaluation.pk])
    else:
        url = reverse("evaluations:network-report", args=[evaluation.pk, network.slug])
    return client.get(url).content.decode()


def _score(evaluation, network, code="right_topics"):
    return ItemScore.objects.get(result__round=evaluation, result__network=network, item__code=code)


def test_open_round_shows_staff_no_figures_and_cannot_be_computed(client):
    network = NetworkFactory()
    evaluation = make_round([network])
    answer_all(evaluation, network, [4, 4, 4, 4, 4, 2])
    services.compute_round_scores(evaluation.pk)  # e.g. a task queued earlier
    assert RoundResult.objects.filter(round=evaluation).count() == 0
    client.force_login(make_staff())
    for content in (_report(client, evaluation), _report(client, evaluation, network)):
        assert "Deze ronde is nog open." in content
        assert "3,67" not in content
        assert RIGHT_TOPICS not in content
    csv_text = client.get(reverse("evaluations:report-csv", args=[evaluation.pk])).content
    assert "3,67" not in csv_text.decode()
    page = client.post(
        reverse("evaluations:round-compute", args=[evaluation.pk]), follow=True
    ).content.decode()
    assert "De uitkomsten worden berekend zodra de ronde gesloten is." in page
    assert "Nu de scores berekenen" not in page
    assert RoundResult.objects.filter(round=evaluation).count() == 0


def test_closed_round_shows_the_figures_it_withheld_while_open(client):
    network = NetworkFactory()
    evaluation = make_round([network])
    answer_all(evaluation, network, [4, 4, 4, 4, 4, 2])
    close(evaluation)
    services.compute_round_scores(evaluation.pk)
    client.force_login(make_staff())
    content = _report(client, evaluation, network)
    assert "Deze ronde is nog open." not in content
    assert "3,67" in content


def test_comments_of_fewer_than_five_are_withheld_where_the_scale_is_shown(client):
    network = NetworkFactory()
    evaluation = make_round([network])
    answer_all(evaluation, network, [4] * 6, comments=["Eén", "Twee", "Drie"])
    close(evaluation)
    services.compute_round_scores(evaluation.pk)
    client.force_login(make_staff())
    content = _report(client, evaluation, network)
    assert "4,00" in content  # 6 respondents: the scale items are shown
    for comment in ("Eén", "Twee", "Drie"):
        assert f"<li>{comment}</li>" not in content
    assert "Opmerkingen niet getoond: minder dan 5 respondenten schreven hier iets" in content
    assert (
        _score(evaluation, network, "comments").n,
        _score(evaluation, network, "comments").is_withheld,
    ) == (3, True)


def test_comments_of_five_are_shown(client):
    network = NetworkFactory()
    evaluation = make_round([network])
    comments = [f"Opmerking {i}" for i in range(5)]
    answer_all(evaluation, network, [4] * 5, comments=comments)
    close(evaluation)
    services.compute_round_scores(evaluation.pk)
    client.force_login(make_staff())
    content = _report(client, evaluation, network)
    for comment in comments:
        assert f"<li>{comment}</li>" in content


def test_comments_overall_withheld_when_they_would_reveal_a_small_networks(client):
    big, small = NetworkFactory(), NetworkFactory()
    evaluation = make_round([big, small])
    answer_all(evaluation, big, [4] * 6, comments=[f"Groot {i}" for i in range(5)])
    answer_all(evaluation, small, [3] * 5, comments=["Klein 1", "Klein 2"])
    close(evaluation)
    services.compute_round_scores(evaluation.pk)
    client.force_login(make_staff())
    assert "<li>Groot 0</li>" in _report(client, evaluation, big)
    small_page = _report(client, evaluation, small)
    assert "3,00" in small_page  # its scale items are shown (5 respondents)
    assert "Klein 1" not in small_page
    overall = _report(client, evaluation)
    # overall minus the big network's comments would be exactly the small network's
    assert "Klein 1" not in overall
    assert "Groot 0" not in overall
    assert "Opmerkingen niet getoond" in overall


def test_dont_know_is_counted_apart_from_the_scale():
    network = NetworkFactory()
    evaluation = make_round([network])
    answer_all(evaluation, network, [2, 4, 4, 4, 5, "dk", "dk"])
    close(evaluation)
    services.compute_round_scores(evaluation.pk)
    score = _score(evaluation, network)
    assert (score.n, score.mean, score.dont_know) == (5, 3.8, 2)
    assert score.distribution == [0, 1, 0, 3, 1]


def test_dont_know_overall_withheld_when_it_would_reveal_a_small_networks():
    big, small = NetworkFactory(), NetworkFactory()
    evaluation = make_round([big, small])
    answer_all(evaluation, big, [4] * 5 + ["dk"] * 2)
    answer_all(evaluation, small, ["dk"] * 3)
    close(evaluation)
    services.compute_round_scores(evaluation.pk)
    assert (_score(evaluation, big).n, _score(evaluation, big).dont_know) == (5, 2)
    assert _score(evaluation, small).is_withheld is True
    overall = _score(evaluation, None)
    # 5 scale answers overall are all the big network's, but its 5 "don't know" minus the
    # big network's 2 would tell that the 3 of the small network said "don't know"
    assert (overall.is_withheld, overall.dont_know, overall.mean) == (True, None, None)


def test_saved_but_unsent_answers_do_not_count():
    network = NetworkFactory()
    evaluation = make_round([network])
    answer_all(evaluation, network, [4] * 5)
    saver = make_member(network)
    invitation = Invitation.objects.create(round=evaluation, network=network, person=saver)
    services.save_response(invitation.token, answers={evaluation.items.first().pk: 1}, send=False)
    close(evaluation)
    services.compute_round_scores(evaluation.pk)
    result = RoundResult.objects.get(round=evaluation, network=network)
    assert (result.invited, result.responded) == (6, 5)
    assert _score(evaluation, network).mean == 4.0


def test_the_database_alone_cannot_tie_a_response_to_its_invitation():
    network = NetworkFactory()
    make_member(network)
    evaluation = make_round([network])
    invitation = Invitation.objects.filter(round=evaluation).first()
    services.save_response(invitation.token, answers={evaluation.items.first().pk: 3})
    response = Response.objects.get()
    from django.conf import settings

    dump = "".join(
        serializers.serialize("json", model.objects.all())
        for model in (EvaluationRound, Invitation, Response)
    )
    # The key that turns a token into the response's access key is not in the data ...
    assert settings.EVALUATION_RESPONSE_KEY not in dump
    # ... and without it the token gives a different key: the same data with another key
    # (what someone holding only the database could try) leads nowhere.
    with override_settings(EVALUATION_RESPONSE_KEY="iets anders"):
        assert response_key(invitation.token) != response.access_key
    assert response_key(invitation.token) == response.access_key


def test_phase_evidence_counts_only_questions_shared_with_the_network():
    network = NetworkFactory()
    owner = make_member(network)
    for visibility in (Visibility.PRIVATE, Visibility.FACILITATOR):
        LearningQuestionFactory(owner=owner, visibility=visibility).networks.add(network)
    today = datetime.date.today()
    _, evidence = phase_evidence(network, today)
    assert evidence["sow"]["learning_questions"]["count"] == 0
    assert evidence["cultivate"]["questions_open"] == 0
    LearningQuestionFactory(owner=owner, visibility=Visibility.NETWORK).networks.add(network)
    _, evidence = phase_evidence(network, today)
    assert evidence["sow"]["learning_questions"]["count"] == 1
    assert evidence["cultivate"]["questions_open"] == 1


def test_phase_evidence_no_longer_counts_the_shared_question_of_a_member_who_left():
    """Per network and set-wise alike: once its owner has left, her question shared with
    the network is no evidence (it reaches nobody there any more)."""
    network, other = NetworkFactory(), NetworkFactory()
    stays, leaves = make_member(network), make_member(network)
    for owner in (stays, leaves):
        LearningQuestionFactory(owner=owner, visibility=Visibility.NETWORK).networks.add(network)
    today = datetime.date.today()
    _, evidence = phase_evidence(network, today)
    assert evidence["sow"]["learning_questions"]["count"] == 2
    assert evidence["cultivate"]["questions_open"] == 2
    leave_network(network, person=leaves)
    _, evidence = phase_evidence(network, today)
    assert evidence["sow"]["learning_questions"]["count"] == 1
    assert evidence["cultivate"]["questions_open"] == 1
    together = phase_evidence_of_networks([network, other], today)
    assert together[network.pk][1] == evidence


def test_phase_report_uses_a_nulmeting_with_answers_in_the_harvest_phase():
    """Issue 12.4: every round with answers from the network counts, whatever its kind."""
    from tests.factories.evaluations import make_closed_baseline

    network = NetworkFactory()
    baseline = make_closed_baseline([network], [[4, 4, 5, 3, 4]], days_ago=400)
    services.compute_round_scores(baseline.pk)
    _, evidence = phase_evidence(network, datetime.date.today())
    assert evidence["harvest"]["last_round"]["round"] == baseline.title
    assert evidence["harvest"]["last_round"]["items"][0]["mean"] == 4.0
