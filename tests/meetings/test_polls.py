"""Date polls from the user's side (issue 13 item 2): the facilitator opens a poll with any
number of dates and a deadline; members are told (through their digest choice), find it on
/mijn/ and in their meetings list, answer yes / if need be / no per date and see everyone's
answers and the best date; who has not answered is reminded once before the deadline; the
facilitator is told once when everybody has answered."""

import datetime

import pytest
from django.core import mail
from django.utils import timezone, translation
from django.utils.formats import date_format

from mails.enums import Frequency, MailStatus
from mails.models import Mail
from mails.services import set_frequency
from meetings import services
from meetings.models import DatePoll, PollAnswer, PollOption
from tests.factories import NetworkFactory, make_facilitator, make_member, make_staff
from tests.factories.meetings import (
    DatePollFactory,
    MeetingFactory,
    PollAnswerFactory,
    PollOptionFactory,
)
from tests.meetings.pages import text_of

pytestmark = pytest.mark.django_db


@pytest.fixture
def network():
    return NetworkFactory(name="Verbindend Vernieuwen")


@pytest.fixture
def facilitator(network):
    return make_facilitator(network, first_name="Fenna", last_name="Faciliteert")


def _day(days: int) -> datetime.date:
    return timezone.localdate() + datetime.timedelta(days=days)


def _poll_post(dates, **extra):
    data = {"title": "Voorjaar", "rows": str(len(dates))}
    for i, day in enumerate(dates, start=1):
        data.update(
            {
                f"option_{i}_date": day.isoformat(),
                f"option_{i}_start": "16:00",
                f"option_{i}_end": "19:00",
            }
        )
    return {**data, **extra}


def _create_url(network):
    return f"/bijeenkomsten/netwerk/{network.slug}/prikken/nieuw/"


def _poll(network, days=(20, 27, 34), **kwargs):
    poll = DatePollFactory(**{"network": network, "title": "Voorjaar", **kwargs})
    for d in days:
        start = timezone.make_aware(datetime.datetime.combine(_day(d), datetime.time(16)))
        PollOptionFactory(poll=poll, starts_at=start, ends_at=start + datetime.timedelta(hours=3))
    return poll


def test_opening_a_poll_tells_every_member_once_through_their_digest_choice(
    client, network, facilitator, django_capture_on_commit_callbacks
):
    at_once = make_member(network, first_name="Anna")
    daily = make_member(network, first_name="Daan")
    set_frequency(daily, Frequency.DAILY)
    make_member(NetworkFactory())  # someone of another network hears nothing
    client.force_login(facilitator)
    deadline = timezone.localtime() + datetime.timedelta(days=10)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            _create_url(network),
            _poll_post([_day(20), _day(27)], deadline=deadline.strftime("%Y-%m-%dT%H:%M")),
        )
    poll = DatePoll.objects.get()
    assert response.status_code == 302
    assert poll.deadline is not None
    # Sent now to who chose "at once"; held for the daily digest of who chose that.
    assert sorted(m.to[0] for m in mail.outbox) == sorted([facilitator.email, at_once.email])
    assert all(
        m.subject == "Welke datums passen u? Voorjaar (Verbindend Vernieuwen)" for m in mail.outbox
    )
    assert f"/bijeenkomsten/prikken/{poll.pk}/" in mail.outbox[0].body
    assert Mail.objects.get(recipient=daily).status == MailStatus.HELD
    # Running the task again (a redelivery) mails nobody a second time.
    with django_capture_on_commit_callbacks(execute=True):
        assert services.send_poll_opened(poll) == 0
    assert len(mail.outbox) == 2


def test_a_poll_takes_more_than_five_dates(client, network, facilitator):
    client.force_login(facilitator)
    dates = [_day(20 + 7 * n) for n in range(7)]
    client.post(_create_url(network), _poll_post(dates))
    poll = DatePoll.objects.get()
    assert [timezone.localtime(o.starts_at).date() for o in poll.options.all()] == dates


def test_add_a_date_shows_one_more_row_keeps_the_entries_and_saves_nothing(
    client, network, facilitator
):
    client.force_login(facilitator)
    response = client.post(_create_url(network), _poll_post([_day(20)], add_row="1"))
    form = response.context["form"]
    assert form.row_count == 2
    assert form["option_1_date"].value() == _day(20).isoformat()
    assert 'name="option_2_date"' in response.content.decode()
    assert form.errors == {}  # not a submission: no error shown
    assert DatePoll.objects.count() == 0


def test_remove_takes_out_that_row_keeps_the_others_and_the_removed_date_is_not_proposed(
    client, network, facilitator
):
    client.force_login(facilitator)
    dates = [_day(20), _day(27), _day(34)]
    response = client.post(_create_url(network), _poll_post(dates, remove_row="2"))
    form = response.context["form"]
    assert form.row_count == 2
    assert form["option_1_date"].value() == dates[0].isoformat()
    assert form["option_2_date"].value() == dates[2].isoformat()  # the third row moved up
    assert form.errors == {}
    assert DatePoll.objects.count() == 0
    page = response.content.decode()
    assert 'name="option_3_date"' not in page
    # Each row's button names its row for a screen reader.
    assert 'value="2" class="btn btn-outline-danger" aria-label="Verwijderen: Datum 2"' in page

    # Opening the poll from what is shown proposes the two dates left, not the removed one.
    data = {key: form[key].value() for key in form.fields if form[key].value() is not None}
    client.post(_create_url(network), {**data, "title": "Voorjaar"})
    poll = DatePoll.objects.get()
    assert [timezone.localtime(o.starts_at).date() for o in poll.options.all()] == [
        dates[0],
        dates[2],
    ]


def test_a_single_date_row_has_no_remove_button(client, network, facilitator):
    client.force_login(facilitator)
    response = client.post(_create_url(network), _poll_post([_day(20), _day(27)], remove_row="1"))
    form = response.context["form"]
    assert form.row_count == 1
    assert form["option_1_date"].value() == _day(27).isoformat()
    assert 'name="remove_row"' not in response.content.decode()


def test_a_poll_without_dates_is_refused_at_the_first_date(client, network, facilitator):
    client.force_login(facilitator)
    response = client.post(_create_url(network), {"title": "Voorjaar", "rows": "3"})
    assert response.context["form"].errors["option_1_date"] == ["Stel minstens één datum voor."]
    assert (DatePoll.objects.count(), PollOption.objects.count(), Mail.objects.count()) == (0, 0, 0)


def test_a_deadline_in_the_past_is_refused_at_the_deadline(client, network, facilitator):
    client.force_login(facilitator)
    past = timezone.localtime() - datetime.timedelta(hours=2)
    response = client.post(
        _create_url(network), _poll_post([_day(20)], deadline=past.strftime("%Y-%m-%dT%H:%M"))
    )
    assert response.context["form"].errors == {
        "deadline": ["De deadline moet in de toekomst liggen."]
    }
    assert (DatePoll.objects.count(), PollOption.objects.count(), Mail.objects.count()) == (0, 0, 0)


def test_a_deadline_after_the_first_date_is_refused(client, network, facilitator):
    client.force_login(facilitator)
    late = timezone.make_aware(datetime.datetime.combine(_day(25), datetime.time(9)))
    response = client.post(
        _create_url(network),
        _poll_post([_day(20), _day(30)], deadline=late.strftime("%Y-%m-%dT%H:%M")),
    )
    assert response.context["form"].errors == {
        "deadline": ["De deadline moet vóór de eerste voorgestelde datum liggen."]
    }
    assert DatePoll.objects.count() == 0


def test_the_service_refuses_a_past_deadline_too(network, facilitator):
    start = timezone.now() + datetime.timedelta(days=20)
    with pytest.raises(Exception) as error:
        services.create_date_poll(
            network,
            by=facilitator,
            title="X",
            options=[(start, start + datetime.timedelta(hours=3))],
            deadline=timezone.now() - datetime.timedelta(minutes=1),
        )
    assert error.value.message_dict == {"deadline": ["De deadline moet in de toekomst liggen."]}
    assert DatePoll.objects.count() == 0


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


def test_an_open_poll_shows_on_mijn_and_in_the_meetings_list_until_chosen(
    client, network, facilitator
):
    anna = make_member(network)
    outsider = make_member(NetworkFactory())
    poll = _poll(network, days=(20,))
    client.force_login(anna)
    for path in ("/mijn/", "/bijeenkomsten/"):
        page = client.get(path)
        assert text_of(page, "open-polls-heading") == "Datumprikkers die op uw antwoord wachten"
        assert f'href="/bijeenkomsten/prikken/{poll.pk}/">Voorjaar</a>' in page.content.decode()
        assert "Nog niet gereageerd" in page.content.decode()
    PollAnswerFactory(option=poll.options.get(), person=anna, answer="yes")
    assert "U hebt geantwoord" in client.get("/mijn/").content.decode()
    client.force_login(outsider)
    assert "Voorjaar" not in client.get("/mijn/").content.decode()
    assert "Voorjaar" not in client.get("/bijeenkomsten/").content.decode()
    services.choose_poll_option(poll, poll.options.get(), by=facilitator)
    client.force_login(anna)
    assert "open-polls-heading" not in client.get("/mijn/").content.decode()


def _accept_invitation(client, network, email, django_capture_on_commit_callbacks):
    """The person follows her invitation link and creates her account: she joins."""
    from django.urls import reverse

    from participants.services import invitation_token
    from tests.factories.participants import InvitationFactory

    invitation = InvitationFactory(email=email, network=network)
    url = reverse("participants:invitation-accept", args=[invitation_token(invitation)])
    password = "een-Sterk-wachtwoord-42"
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            url,
            {
                "first_name": "Nora",
                "last_name": "Nieuw",
                "password1": password,
                "password2": password,
            },
            follow=True,
        )
    assert response.status_code == 200
    return response


def _poll_mails_to(email):
    return [m for m in mail.outbox if m.to == [email] and m.subject.startswith("Welke datums")]


def test_who_joins_while_a_poll_is_open_is_invited_to_it_once_and_finds_it_on_mijn(
    client, network, facilitator, django_capture_on_commit_callbacks
):
    open_poll = _poll(network, days=(20,))
    with django_capture_on_commit_callbacks(execute=True):
        services.send_poll_opened(open_poll)  # the members of then were told
    _poll(network, days=(21,), title="Gekozen", meeting=MeetingFactory(network=network))
    _poll(network, days=(22,), title="Verlopen", deadline=timezone.now() - datetime.timedelta(1))

    _accept_invitation(client, network, "nora@school.nl", django_capture_on_commit_callbacks)

    [invitation] = _poll_mails_to("nora@school.nl")
    assert invitation.subject == "Welke datums passen u? Voorjaar (Verbindend Vernieuwen)"
    assert f"/bijeenkomsten/prikken/{open_poll.pk}/" in invitation.body
    page = client.get("/mijn/").content.decode()
    assert f'href="/bijeenkomsten/prikken/{open_poll.pk}/">Voorjaar</a>' in page
    assert "Gekozen" not in page
    assert "Verlopen" not in page
    # The poll's own task running again (a redelivery) does not mail her a second time.
    with django_capture_on_commit_callbacks(execute=True):
        services.send_poll_opened(open_poll)
    assert len(_poll_mails_to("nora@school.nl")) == 1


def test_who_joins_when_no_poll_takes_answers_gets_no_poll_mail(
    client, network, facilitator, django_capture_on_commit_callbacks
):
    _poll(network, days=(21,), meeting=MeetingFactory(network=network))
    _poll(network, days=(22,), deadline=timezone.now() - datetime.timedelta(hours=1))

    _accept_invitation(client, network, "nora@school.nl", django_capture_on_commit_callbacks)

    assert _poll_mails_to("nora@school.nl") == []
    assert "open-polls-heading" not in client.get("/mijn/").content.decode()


def test_joining_again_after_being_told_sends_no_second_poll_mail(
    network, facilitator, django_capture_on_commit_callbacks
):
    from networks.enums import Role
    from networks.memberships import add_member

    poll = _poll(network, days=(20,))
    nora = make_member(network, email="nora@school.nl")
    with django_capture_on_commit_callbacks(execute=True):
        services.send_poll_opened(poll)
    membership = nora.memberships.get()
    membership.left_on = timezone.localdate()
    membership.save()
    with django_capture_on_commit_callbacks(execute=True):
        add_member(network, nora, role=Role.PARTICIPANT)  # she comes back
    assert len(_poll_mails_to("nora@school.nl")) == 1
