"""Services of a round's life: opening it (the 2014 items, invitations), answers saved
through the personal link, items added, closing (which computes), reminders, the daily task."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from evaluations import services
from evaluations.enums import RoundStatus
from evaluations.models import Answer, EvaluationRound, Invitation, Item, Response
from evaluations.services.reminders import send_round_invitations
from networks.enums import Role
from tests.evaluations.services_helpers import _network_with, _score
from tests.factories import make_member, make_staff
from tests.factories.evaluations import answer_all, close, make_round

pytestmark = pytest.mark.django_db


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
