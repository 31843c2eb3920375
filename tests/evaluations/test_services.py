"""Services: rounds, answers, scores, reminders, the Leer-top 3 in the browser, phases."""

import datetime
import math

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from evaluations import services
from evaluations.enums import ComputationStatus, RoundKind, RoundStatus
from evaluations.models import (
    Answer,
    EvaluationRound,
    Invitation,
    Item,
    ItemScore,
    LearningForm,
    PhaseReport,
    RankingSurvey,
    Response,
    RoundResult,
)
from evaluations.selectors import ranking_for_survey
from evaluations.services.reminders import send_round_invitations
from networks.enums import Phase, Role
from tests.factories import (
    MeetingFactory,
    NetworkFactory,
    make_facilitator,
    make_member,
    make_staff,
)
from tests.factories.evaluations import answer_all, close, make_closed_baseline, make_round

pytestmark = pytest.mark.django_db


def _network_with(n_participants=3):
    network = NetworkFactory()
    make_facilitator(network)
    for _ in range(n_participants):
        make_member(network)
    return network


def test_open_round_copies_2014_items_and_invites_participants_only(
    django_capture_on_commit_callbacks, mailoutbox
):
    network = _network_with(3)
    make_member(network, role=Role.PENVOERDER)
    with django_capture_on_commit_callbacks(execute=True):
        evaluation = make_round([network], by=make_staff())
    items = list(evaluation.items.values_list("code", "kind"))
    assert len(items) == 10
    assert items[0] == ("right_topics", "scale")
    assert items[-1] == ("comments", "open")
    assert evaluation.items.first().text == "In het netwerk worden de juiste onderwerpen besproken."
    assert Invitation.objects.filter(round=evaluation).count() == 4  # 3 participants + penvoerder
    assert len(mailoutbox) == 4
    assert mailoutbox[0].subject == f"Evaluatie van {network.name}: uw persoonlijke link"
    token = Invitation.objects.get(person__email=mailoutbox[0].to[0]).token
    assert f"/evaluaties/invullen/{token}/" in mailoutbox[0].body


def test_open_round_without_items_is_refused_and_stores_nothing():
    with pytest.raises(ValidationError) as error:
        make_round([_network_with(1)], use_template=False)
    assert error.value.messages == ["Een ronde heeft minstens één vraag nodig."]
    assert EvaluationRound.objects.count() == 0
    assert Invitation.objects.count() == 0


def test_open_round_with_only_extra_questions():
    evaluation = make_round(
        [_network_with(1)], use_template=False, extra_questions=["Ik deel mijn ervaringen.", " "]
    )
    assert list(evaluation.items.values_list("text", flat=True)) == ["Ik deel mijn ervaringen."]


def test_save_response_stores_answers_without_a_person_and_uses_the_link():
    network = _network_with(1)
    evaluation = make_round([network])
    invitation = Invitation.objects.get(round=evaluation)
    items = list(evaluation.items.all())
    services.save_response(
        invitation.token, answers={items[0].pk: "4", items[1].pk: None, items[-1].pk: "Goed"}
    )
    response = Response.objects.get()
    # No person, no time, no invitation: only the key the link finds it by, which the
    # database alone cannot compute from the token.
    assert {f.name for f in Response._meta.get_fields()} == {
        "id",
        "round",
        "network",
        "answers",
        "access_key",
        "is_sent",
        "version",
        "pseudonym",  # pairs linked rounds; without the key it names nobody (test_linked)
    }
    assert invitation.token not in response.access_key
    assert list(response.answers.order_by("item__position").values_list("value", "text")) == [
        (4, ""),
        (None, "Goed"),
    ]
    invitation.refresh_from_db()
    assert invitation.is_used is True


def test_save_response_again_through_the_link_changes_the_answers_and_counts_once():
    evaluation = make_round([_network_with(1)])
    invitation = Invitation.objects.get(round=evaluation)
    item = evaluation.items.first()
    services.save_response(invitation.token, answers={item.pk: 3})
    services.save_response(invitation.token, answers={item.pk: 5}, version=1)
    assert list(Answer.objects.values_list("value", flat=True)) == [5]
    assert Response.objects.get().version == 2


def test_save_response_from_a_form_loaded_before_another_device_saved_is_refused():
    evaluation = make_round([_network_with(1)])
    invitation = Invitation.objects.get(round=evaluation)
    item = evaluation.items.first()
    services.save_response(invitation.token, answers={item.pk: 3}, send=False)
    with pytest.raises(ValidationError) as error:
        services.save_response(invitation.token, answers={item.pk: 1}, version=None)
    assert error.value.code == "stale"
    assert list(Answer.objects.values_list("value", flat=True)) == [3]
    assert Invitation.objects.get().is_used is False


def test_save_response_without_any_answer_is_refused_and_keeps_the_link():
    evaluation = make_round([_network_with(1)])
    invitation = Invitation.objects.get(round=evaluation)
    blank = {item.pk: None if item.is_scale else "  " for item in evaluation.items.all()}
    with pytest.raises(ValidationError) as error:
        services.save_response(invitation.token, answers=blank)
    assert error.value.messages == ["Beantwoord ten minste één vraag."]
    assert Response.objects.count() == 0
    invitation.refresh_from_db()
    assert invitation.is_used is False


def test_save_response_after_closing_is_refused():
    evaluation = make_round([_network_with(1)])
    close(evaluation)
    invitation = Invitation.objects.get(round=evaluation)
    with pytest.raises(ValidationError) as error:
        services.save_response(invitation.token, answers={evaluation.items.first().pk: 3})
    assert error.value.messages == [
        "Deze evaluatie is gesloten; antwoorden kunnen niet meer worden verstuurd of gewijzigd."
    ]
    assert Response.objects.count() == 0


def test_save_response_after_closing_date_is_refused():
    today = timezone.localdate()
    evaluation = make_round(
        [_network_with(1)],
        opens_on=today - datetime.timedelta(days=9),
        closes_on=today - datetime.timedelta(days=1),
    )
    with pytest.raises(ValidationError):
        services.save_response(
            Invitation.objects.get().token, answers={evaluation.items.first().pk: 3}
        )
    assert Response.objects.count() == 0


@pytest.mark.parametrize("bad", [0, 6, "7", "vier"])
def test_save_response_value_off_the_scale_stores_nothing(bad):
    evaluation = make_round([_network_with(1)])
    items = list(evaluation.items.all())
    invitation = Invitation.objects.get()
    with pytest.raises(ValidationError) as error:
        services.save_response(invitation.token, answers={items[0].pk: 4, items[1].pk: bad})
    assert error.value.messages == [
        f"“{items[1].text}”: kies een waarde van 1 tot en met 5 of “weet niet”."
    ]
    assert Response.objects.count() == 0
    assert Answer.objects.count() == 0
    invitation.refresh_from_db()
    assert invitation.is_used is False


def test_add_item_refused_once_answers_came_in():
    evaluation = make_round([_network_with(1)])
    services.add_item(evaluation, by=None, kind="scale", text="Nieuwe vraag")
    assert evaluation.items.count() == 11
    services.save_response(Invitation.objects.get().token, answers={evaluation.items.first().pk: 4})
    with pytest.raises(ValidationError):
        services.add_item(evaluation, by=None, kind="scale", text="Te laat")
    assert evaluation.items.count() == 11


def _score(evaluation, network, code="right_topics"):
    return ItemScore.objects.get(result__round=evaluation, result__network=network, item__code=code)


def test_compute_scores_hand_computed_and_idempotent():
    network = _network_with(0)
    evaluation = make_round([network])
    answer_all(evaluation, network, [3, 3, 4, 4, 5], comments=["Prima netwerk"])
    close(evaluation)
    services.compute_round_scores(evaluation.pk)
    score = _score(evaluation, network)
    assert (score.n, score.mean, score.distribution) == (5, 3.8, [0, 0, 2, 2, 1])
    assert score.sd == pytest.approx(math.sqrt(0.7))
    assert score.share_agreeing == pytest.approx(0.6)
    result = RoundResult.objects.get(round=evaluation, network=network)
    assert (result.invited, result.responded, result.is_withheld) == (5, 5, False)
    evaluation.refresh_from_db()
    assert evaluation.scores_status == ComputationStatus.DONE

    def snapshot():
        return (
            list(RoundResult.objects.order_by("pk").values()),
            list(ItemScore.objects.order_by("pk").values()),
        )

    before = snapshot()
    services.compute_round_scores(evaluation.pk)
    assert snapshot() == before


def test_compute_scores_again_after_more_answers_updates_the_rows_in_place():
    network = _network_with(0)
    evaluation = make_round([network])
    answer_all(evaluation, network, [3, 3, 4, 4, 5])
    close(evaluation)
    services.compute_round_scores(evaluation.pk)
    score = _score(evaluation, network)
    EvaluationRound.objects.filter(pk=evaluation.pk).update(status=RoundStatus.OPEN)
    answer_all(evaluation, network, [5] * 5)
    close(evaluation)
    services.compute_round_scores(evaluation.pk)
    again = _score(evaluation, network)
    assert again.pk == score.pk
    assert (again.n, again.mean, again.distribution) == (10, 4.4, [0, 0, 2, 2, 6])
    result = RoundResult.objects.get(round=evaluation, network=network)
    assert (result.invited, result.responded) == (10, 10)
    assert ItemScore.objects.filter(result__round=evaluation).count() == 2 * len(
        evaluation.items.all()
    )


def test_compute_scores_withholds_below_five():
    network = _network_with(0)
    evaluation = make_round([network])
    answer_all(evaluation, network, [5, 5, 5, 1])
    close(evaluation)
    services.compute_round_scores(evaluation.pk)
    score = _score(evaluation, network)
    assert (score.is_withheld, score.mean, score.distribution) == (True, None, [])
    assert RoundResult.objects.get(round=evaluation, network=None).is_withheld is True


def test_compute_scores_subtraction_case_withholds_overall():
    big, small = _network_with(0), _network_with(0)
    evaluation = make_round([big, small])
    answer_all(evaluation, big, [4] * 6)
    answer_all(evaluation, small, [1, 2, 1])
    close(evaluation)
    services.compute_round_scores(evaluation.pk)
    assert _score(evaluation, big).mean == 4.0
    assert _score(evaluation, small).is_withheld is True
    overall = ItemScore.objects.get(
        result__round=evaluation, result__network=None, item__code="right_topics"
    )
    assert (overall.is_withheld, overall.mean) == (True, None)


def test_compute_scores_overall_shown_when_remainder_safe():
    a, b = _network_with(0), _network_with(0)
    evaluation = make_round([a, b])
    answer_all(evaluation, a, [4] * 5)
    answer_all(evaluation, b, [2] * 5)
    close(evaluation)
    services.compute_round_scores(evaluation.pk)
    overall = ItemScore.objects.get(
        result__round=evaluation, result__network=None, item__code="right_topics"
    )
    assert (overall.n, overall.mean) == (10, 3.0)


def test_compute_scores_change_against_the_networks_nulmeting():
    network = _network_with(0)
    today = timezone.localdate()
    baseline = make_round(
        [network],
        kind=RoundKind.BASELINE,
        title="Nulmeting",
        opens_on=today - datetime.timedelta(days=100),
        closes_on=today + datetime.timedelta(days=1),
    )
    answer_all(baseline, network, [3, 3, 4, 4, 5])
    close(baseline)
    now = make_round([network])
    answer_all(now, network, [4, 4, 5, 5, 5])
    close(now)
    services.compute_round_scores(now.pk)
    score = _score(now, network)
    assert score.baseline_mean == pytest.approx(3.8)
    assert score.change == pytest.approx(0.8)
    assert score.effect_size == pytest.approx(1.1314, abs=1e-4)


def test_compute_scores_each_network_against_its_own_latest_nulmeting():
    a, b, c = _network_with(0), _network_with(0), _network_with(0)
    # The 2014 nulmeting of all three; A had a later one of its own, which counts for A.
    make_closed_baseline([a, b, c], [[1] * 5, [2, 2, 3, 3, 3], [5] * 5], days_ago=300)
    make_closed_baseline([a], [[3, 3, 4, 4, 5]], days_ago=100, title="Nulmeting A")
    now = make_round([a, b])
    answer_all(now, a, [4, 4, 5, 5, 5])
    answer_all(now, b, [4] * 5)
    close(now)
    services.compute_round_scores(now.pk)
    score_a, score_b = _score(now, a), _score(now, b)
    assert (score_a.baseline_n, score_a.baseline_mean) == (5, 3.8)
    assert score_a.effect_size == pytest.approx(1.1314, abs=1e-4)
    assert (score_b.baseline_n, score_b.baseline_mean) == (5, 2.6)
    overall = _score(now, None)
    # A's latest and B's: neither A's earlier answers nor C's
    assert (overall.baseline_n, overall.baseline_mean) == (10, 3.2)
    assert overall.change == pytest.approx(4.3 - 3.2)


def test_compute_scores_removes_rows_of_networks_and_items_taken_off_the_round():
    a, b = _network_with(0), _network_with(0)
    evaluation = make_round([a, b])
    answer_all(evaluation, a, [4] * 5)
    answer_all(evaluation, b, [2] * 5)
    close(evaluation)
    services.compute_round_scores(evaluation.pk)
    items = list(evaluation.items.all())
    scale_items = [item for item in items if item.is_scale]
    assert ItemScore.objects.filter(result__round=evaluation).count() == 3 * len(items)
    evaluation.networks.remove(b)
    Item.objects.filter(pk=scale_items[0].pk).update(kind="open")
    services.compute_round_scores(evaluation.pk)
    assert set(RoundResult.objects.filter(round=evaluation).values_list("network", flat=True)) == {
        a.pk,
        None,
    }
    assert ItemScore.objects.filter(result__round=evaluation).count() == 2 * len(items)
    # Now an open question without comments: its rows carry no figures.
    assert list(ItemScore.objects.filter(item=scale_items[0]).values_list("n", "mean")) == [
        (0, None),
        (0, None),
    ]
    overall = RoundResult.objects.get(round=evaluation, network=None)
    assert (overall.invited, overall.responded) == (10, 10)  # B's answers still count overall


def _round_with_nulmetingen(n_networks, n_extra_items):
    networks = [_network_with(0) for _ in range(n_networks)]
    for network in networks:
        make_closed_baseline([network], [[3, 4, 4, 5, 2]], days_ago=100)
    extra = [f"Extra vraag {i}" for i in range(n_extra_items)]
    evaluation = make_round(networks, extra_questions=extra)
    for network in networks:
        answer_all(evaluation, network, [4, 4, 5, 5, 5])
    close(evaluation)
    return evaluation


@pytest.mark.parametrize(("n_networks", "n_extra_items"), [(1, 0), (4, 3)])
def test_compute_scores_queries_do_not_grow_with_networks_or_items(
    n_networks, n_extra_items, django_assert_num_queries
):
    from django.db import connection

    evaluation = _round_with_nulmetingen(n_networks, n_extra_items)
    # The test's transaction adds a savepoint and its release to the round's own queries;
    # PostgreSQL adds taking and releasing the computing lock.
    lock = 2 if connection.vendor == "postgresql" else 0
    # The new figures mark the networks' phase reports to be recomputed: the networks of
    # the round(s) read once and their reports marked pending in one upsert (issue 12.4).
    phase = 2
    # First run: the round's rows are created (two inserts, no stored scores to read).
    with django_assert_num_queries(13 + lock + phase):
        services.compute_round_scores(evaluation.pk)
    # Again: nothing changed, so nothing is written.
    with django_assert_num_queries(12 + lock + phase):
        services.compute_round_scores(evaluation.pk)
    scale_items = sum(1 for item in evaluation.items.all() if item.is_scale)
    scores = ItemScore.objects.filter(result__round=evaluation)
    assert scores.count() == evaluation.items.count() * (n_networks + 1)
    # the 2014 items have a nulmeting to compare with; the extra questions (no code) not
    assert scores.filter(result__network__isnull=False, baseline_n=5).count() == (
        (scale_items - n_extra_items) * n_networks
    )
    assert scores.filter(result__network=None, baseline_n=5 * n_networks).count() == (
        scale_items - n_extra_items
    )


def test_compute_scores_failure_is_recorded(monkeypatch):
    evaluation = make_round([_network_with(0)])

    def boom(_):
        raise RuntimeError("kapot")

    monkeypatch.setattr("evaluations.services.scores.writing._write", boom)
    with pytest.raises(RuntimeError):
        services.compute_round_scores(evaluation.pk)
    evaluation.refresh_from_db()
    assert (evaluation.scores_status, evaluation.scores_error) == ("failed", "kapot")


def test_close_round_dispatches_computation(django_capture_on_commit_callbacks):
    network = _network_with(0)
    evaluation = make_round([network])
    answer_all(evaluation, network, [4] * 5)
    with django_capture_on_commit_callbacks(execute=True):
        services.close_round(evaluation, by=None)
    evaluation.refresh_from_db()
    assert (evaluation.status, evaluation.scores_status) == (RoundStatus.CLOSED, "done")
    assert _score(evaluation, network).mean == 4.0


def test_reminders_go_once_to_non_responders(mailoutbox, django_capture_on_commit_callbacks):
    network = _network_with(2)
    evaluation = make_round([network])
    with django_capture_on_commit_callbacks(execute=True):  # mail is sent after commit
        assert send_round_invitations(evaluation.pk) == 2
        assert send_round_invitations(evaluation.pk) == 0
    answered, waiting = Invitation.objects.filter(round=evaluation).order_by("pk")
    services.save_response(answered.token, answers={evaluation.items.first().pk: 4})
    Invitation.objects.update(invited_at=timezone.now() - datetime.timedelta(days=8))
    mailoutbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        assert services.send_round_reminders() == 1
    assert mailoutbox[0].to == [waiting.person.email]
    assert mailoutbox[0].subject == f"Herinnering: evaluatie van {network.name}"
    with django_capture_on_commit_callbacks(execute=True):
        assert services.send_round_reminders() == 0
    assert len(mailoutbox) == 1


def test_reminder_task_is_registered_under_the_beat_name():
    from leernetwerk.celery import app

    assert "leernetwerk.evaluations.send_round_reminders" in app.tasks
    assert "leernetwerk.evaluations.compute_all_phase_reports" in app.tasks


# --- Leer-top 3 in the browser ------------------------------------------------------------


def _survey():
    return services.create_survey(by=None, name="Top 3", forms=["A", "B", "C"])


def test_record_ballot_and_merge_other_answer_into_listed_form():
    survey = _survey()
    a, b, c = (LearningForm.objects.get(survey=survey, name=n) for n in "ABC")
    services.record_ballot(survey, by=None, respondent="1", choices=[(a, ""), (None, "Coaching")])
    services.record_ballot(
        survey, by=None, respondent="2", choices=[(None, "Coaching"), (b, ""), (None, "")]
    )
    assert [(r.learning_form, r.points) for r in ranking_for_survey(survey)] == [("A", 3), ("B", 2)]
    assert services.merge_other_answer(survey, by=None, other_text="Coaching", form=c) == 2
    assert [(r.learning_form, r.points, r.first_places) for r in ranking_for_survey(survey)] == [
        ("C", 5, 1),
        ("A", 3, 1),
        ("B", 2, 0),
    ]


def test_merge_refused_when_a_ballot_already_names_the_form():
    survey = _survey()
    a = LearningForm.objects.get(survey=survey, name="A")
    services.record_ballot(survey, by=None, respondent="7", choices=[(a, ""), (None, "a")])
    with pytest.raises(ValidationError):
        services.merge_other_answer(survey, by=None, other_text="a", form=a)
    assert survey.ballots.get().choices.filter(form__isnull=True).count() == 1


@pytest.mark.parametrize(
    ("respondent", "choices", "field"),
    [
        ("1", [], "choice_1"),
        ("2", [("A", ""), ("A", "")], "choice_2"),
        ("3", [("A", ""), (None, ""), ("B", "")], "choice_2"),
        ("4", [("A", "Iets")], "choice_1"),
        ("dubbel", [("A", "")], "respondent"),
    ],
)
def test_record_ballot_bad_input_stores_nothing(respondent, choices, field):
    survey = _survey()
    services.record_ballot(
        survey,
        by=None,
        respondent="dubbel",
        choices=[(LearningForm.objects.get(survey=survey, name="C"), "")],
    )
    forms = {f.name: f for f in survey.forms.all()}
    with pytest.raises(ValidationError) as error:
        services.record_ballot(
            survey,
            by=None,
            respondent=respondent,
            choices=[(forms.get(f) if f else None, o) for f, o in choices],
        )
    assert field in error.value.message_dict
    assert survey.ballots.count() == 1


def test_create_survey_with_existing_name_refused():
    _survey()
    with pytest.raises(ValidationError):
        services.create_survey(by=None, name="Top 3")
    assert RankingSurvey.objects.count() == 1


# --- phases and harvest -------------------------------------------------------------------


def _cultivating_network():
    network = NetworkFactory(central_question="Hoe leiden we vernieuwing?")
    make_facilitator(network)
    for _ in range(6):
        make_member(network)
    now = timezone.now()
    MeetingFactory(
        network=network,
        starts_at=now - datetime.timedelta(days=20),
        ends_at=now - datetime.timedelta(days=20, hours=-3),
    )
    return network


def test_phase_report_is_stored_and_recomputing_keeps_one_row_per_day():
    network = _cultivating_network()
    report = services.compute_phase_report(network.pk)
    assert (report.status, report.proposed_phase, report.phase) == (
        "done",
        "cultivate",
        "cultivate",
    )
    assert report.data["sow"]["conditions"] == {
        "central_question": True,
        "six_fixed_participants": True,
        "facilitator": True,
        "first_meeting_held": True,
    }
    assert report.data["sow"]["diversity"]["participants"] == 6
    assert report.data["cultivate"]["meetings_held"] == 1
    data = report.data
    services.compute_phase_report(network.pk)
    assert PhaseReport.objects.filter(network=network).count() == 1
    assert PhaseReport.objects.get(network=network).data == data


def test_phase_report_uses_the_facilitators_phase_and_outcomes_move_to_harvest():
    network = _cultivating_network()
    services.set_phase(network, by=None, phase=Phase.SOW)
    report = services.compute_phase_report(network.pk)
    assert (report.proposed_phase, report.phase) == ("cultivate", "sow")
    services.record_outcome(
        network, by=None, kind="insight", description="Inzicht", visibility="network"
    )
    report = services.compute_phase_report(network.pk)
    assert report.proposed_phase == "harvest"
    assert report.data["harvest"]["outcomes"]["insight"] == 1


def test_compute_all_phase_reports_covers_supported_networks():
    _cultivating_network()
    NetworkFactory(status="draft")
    assert services.compute_all_phase_reports() == 1


def test_value_story_one_step_per_filled_cycle_in_order():
    network = _cultivating_network()
    story = services.record_value_story(
        network,
        by=None,
        title="Van intervisie naar schoolbeleid",
        visibility="academy",
        steps={"realised": "Nieuw beleid", "immediate": "Energie", "potential": ""},
    )
    assert list(story.steps.values_list("cycle", "position")) == [("immediate", 1), ("realised", 4)]
    with pytest.raises(ValidationError):
        services.record_value_story(network, by=None, title="Leeg", visibility="network", steps={})


def test_item_model_is_not_linked_to_people():
    assert "person" not in {f.name for f in Item._meta.get_fields()}
    assert "person" not in {f.name for f in Answer._meta.get_fields()}


def test_daily_task_closes_rounds_past_their_date_and_computes(django_capture_on_commit_callbacks):
    from evaluations.tasks import task_send_round_reminders

    network = _network_with(0)
    today = timezone.localdate()
    evaluation = make_round(
        [network], opens_on=today - datetime.timedelta(days=10), closes_on=today
    )
    answer_all(evaluation, network, [3] * 5)
    still_open = make_round([network], title="Nog open")
    EvaluationRound.objects.filter(pk=evaluation.pk).update(
        closes_on=today - datetime.timedelta(days=1)
    )
    with django_capture_on_commit_callbacks(execute=True):
        task_send_round_reminders.delay()
    evaluation.refresh_from_db()
    still_open.refresh_from_db()
    assert (evaluation.status, evaluation.scores_status) == ("closed", "done")
    assert still_open.status == "open"
    assert _score(evaluation, network).mean == 3.0
