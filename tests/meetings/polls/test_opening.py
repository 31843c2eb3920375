"""Opening a date poll (issue 13 item 2): members are told once through their digest
choice; any number of dates (rows added and removed without saving); no dates, a past
deadline or one after the first date refused at the field."""

import datetime

import pytest
from django.core import mail
from django.utils import timezone

from mails.enums import Frequency, MailStatus
from mails.models import Mail
from mails.services import set_frequency
from meetings import services
from meetings.models import DatePoll, PollOption
from tests.factories import NetworkFactory, make_member
from tests.meetings.polls.helpers import _day

pytestmark = pytest.mark.django_db


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
