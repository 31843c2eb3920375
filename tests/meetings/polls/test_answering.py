"""Answering a date poll (issue 13 item 2): members answer yes / if need be / no per date
and see everyone's answers and the best date (staff only the totals); the facilitator is told
once when everybody has answered; who has not is reminded once before the deadline, after
which answers are refused."""

import datetime

import pytest
from django.core import mail
from django.utils import timezone, translation
from django.utils.formats import date_format

from meetings import services
from meetings.models import DatePoll, PollAnswer
from tests.factories import make_member, make_staff
from tests.factories.meetings import PollAnswerFactory
from tests.meetings.pages import text_of
from tests.meetings.polls.helpers import _poll

pytestmark = pytest.mark.django_db


def test_members_see_everyones_answers_per_date_and_the_best_date(client, network, facilitator):
    anna = make_member(network, first_name="Anna", last_name="Aalbers")
    bert = make_member(network, first_name="Bert", last_name="Bakker")
    cas = make_member(network, first_name="Cas", last_name="Claes")
    poll = _poll(network)
    first, second, third = poll.options.all()
    for person, answers in {
        anna: ("yes", "yes", "no"),
        bert: ("if_need_be", "yes", "no"),
        facilitator: ("yes", "yes", "no"),
    }.items():
        for option, answer in zip((first, second, third), answers, strict=True):
            PollAnswerFactory(option=option, person=person, answer=answer)
    client.force_login(cas)  # a member who has not answered yet sees it all
    page = client.get(f"/bijeenkomsten/prikken/{poll.pk}/")
    # Best: most yes. The first date has 2 yes and 1 if need be, the second 3 yes.
    assert page.context["table"].best_option == second
    with translation.override("nl"):
        expected = "{}–{}".format(
            date_format(timezone.localtime(second.starts_at), "l j F Y H:i"),
            date_format(timezone.localtime(second.ends_at), "H:i"),
        )
    assert text_of(page, "best-date") == expected
    columns = page.context["table"].columns
    assert columns[0].yes == ["Anna Aalbers", "Fenna Faciliteert"]
    assert columns[0].if_need_be == ["Bert Bakker"]
    assert columns[1].yes == ["Anna Aalbers", "Bert Bakker", "Fenna Faciliteert"]
    assert [c.is_best for c in columns] == [False, True, False]
    assert columns[2].no == ["Anna Aalbers", "Bert Bakker", "Fenna Faciliteert"]
    html = page.content.decode()
    assert "Ja: Anna Aalbers, Fenna Faciliteert" in html
    assert "Desnoods: Bert Bakker" in html
    # Anna and Bert of the three participants; the facilitator's answer counts for nobody.
    assert "2 van 3 deelnemers hebben geantwoord." in " ".join(html.split())
    # The table of everyone's answers sits in the named, focusable scroll region.
    assert 'role="region" aria-label="Antwoorden per deelnemer en datum" tabindex="0"' in html


@pytest.mark.parametrize("superuser", [False, True])
def test_staff_see_the_totals_but_not_who_answered_what(client, network, facilitator, superuser):
    anna = make_member(network, first_name="Anna", last_name="Aalbers")
    poll = _poll(network, days=(20,))
    PollAnswerFactory(option=poll.options.get(), person=anna, answer="yes")
    client.force_login(make_staff(is_staff=superuser, is_superuser=superuser))
    html = client.get(f"/bijeenkomsten/prikken/{poll.pk}/").content.decode()
    assert "1 ja, 0 desnoods, 0 nee" in html
    assert "Anna Aalbers" not in html


def test_a_date_everyone_said_no_to_is_never_the_best(client, network, facilitator):
    anna = make_member(network)
    poll = _poll(network, days=(20, 27))
    for option in poll.options.all():
        for person in (anna, facilitator):
            PollAnswerFactory(option=option, person=person, answer="no")
    client.force_login(anna)
    page = client.get(f"/bijeenkomsten/prikken/{poll.pk}/")
    assert page.context["table"].best_option is None
    assert text_of(page, "best-date") == "Geen enkele datum past nog iemand."
    assert "beste datum" not in page.content.decode()


def test_the_answer_form_is_one_labelled_radio_group_per_date(client, network, facilitator):
    poll = _poll(network)
    client.force_login(facilitator)
    html = client.get(f"/bijeenkomsten/prikken/{poll.pk}/").content.decode()
    assert html.count("<fieldset") == 3
    assert html.count("<legend") == 3
    for option in poll.options.all():
        for value in ("yes", "if_need_be", "no"):
            assert f'name="option_{option.pk}" id="id_option_{option.pk}_' in html
            assert f'value="{value}"' in html
    assert html.count('<label class="form-check-label"') == 9


def test_facilitator_is_told_once_when_everybody_has_answered(
    client, network, facilitator, django_capture_on_commit_callbacks
):
    anna = make_member(network)
    bert = make_member(network)
    poll = _poll(network, days=(20, 27))
    ids = list(poll.options.values_list("pk", flat=True))
    answers = {f"option_{pk}": "yes" for pk in ids}
    for person in (facilitator, anna):
        client.force_login(person)
        with django_capture_on_commit_callbacks(execute=True):
            client.post(f"/bijeenkomsten/prikken/{poll.pk}/", answers)
    assert mail.outbox == []  # Bert has not answered yet
    client.force_login(bert)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"/bijeenkomsten/prikken/{poll.pk}/", answers)
        client.post(f"/bijeenkomsten/prikken/{poll.pk}/", {**answers, f"option_{ids[0]}": "no"})
    assert [(m.to, m.subject) for m in mail.outbox] == [
        ([facilitator.email], "Iedereen heeft geantwoord: Voorjaar")
    ]


def test_deadline_reminder_goes_once_to_those_who_have_not_answered(
    network, facilitator, django_capture_on_commit_callbacks
):
    anna = make_member(network)
    bert = make_member(network)
    now = timezone.now()
    due = _poll(network, deadline=now + datetime.timedelta(hours=20))
    later = _poll(network, deadline=now + datetime.timedelta(days=3))
    PollAnswerFactory(option=due.options.first(), person=anna, answer="yes")
    with django_capture_on_commit_callbacks(execute=True):
        first_run = services.send_poll_deadline_reminders()
        second_run = services.send_poll_deadline_reminders()
        after_a_day = services.send_poll_deadline_reminders(now=now + datetime.timedelta(hours=3))
    assert (first_run, second_run, after_a_day) == (2, 0, 0)
    assert sorted(m.to[0] for m in mail.outbox) == sorted([facilitator.email, bert.email])
    assert {m.subject for m in mail.outbox} == {"Laatste dag om datums te kiezen: Voorjaar"}
    later.refresh_from_db()
    assert later.deadline_reminded_at is None  # its day has not come


def test_answers_after_the_deadline_are_refused(client, network, facilitator):
    poll = _poll(network, days=(20,))
    DatePoll.objects.filter(pk=poll.pk).update(
        deadline=timezone.now() - datetime.timedelta(hours=1)
    )
    client.force_login(facilitator)
    option = poll.options.get()
    response = client.post(f"/bijeenkomsten/prikken/{poll.pk}/", {f"option_{option.pk}": "yes"})
    assert response.context["form"].non_field_errors() == [
        "De deadline van deze datumprikker is verstreken."
    ]
    assert PollAnswer.objects.count() == 0
