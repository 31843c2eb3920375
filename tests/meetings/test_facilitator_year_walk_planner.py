"""What a tester found walking the facilitator's year (issue 13) in the browser: the year
planner, from the user's side.

- It proposes no date outside the network's term, defaults to the weekday the network meets
  on, and titles its meetings "Bijeenkomst N" with the chosen theme as theme (a new poll and
  its chosen date too)."""

import datetime
import re

import pytest
from django.utils import translation
from django.utils.formats import date_format

from meetings.models import Meeting
from tests.factories import MeetingFactory, NetworkFactory, make_facilitator
from tests.factories.meetings import DatePollFactory, PollOptionFactory
from tests.meetings.year_walk_helpers import _at, _day

pytestmark = pytest.mark.django_db


def _next_weekday(days: int, weekday: int) -> datetime.date:
    day = _day(days)
    return day + datetime.timedelta(days=(weekday - day.weekday()) % 7)


def _input_values(html: str, prefix: str) -> list[str]:
    """The values of the inputs named `<prefix>_0`, `<prefix>_1`, ... in page order."""
    values = []
    for tag in re.findall(rf'<input[^>]*name="{prefix}_\d+"[^>]*>', html):
        match = re.search(r'value="([^"]*)"', tag)
        values.append(match.group(1) if match else "")
    return values


@pytest.fixture
def vl1():
    network = NetworkFactory(
        name="Vrouwelijk Leiderschap 1",
        start_date=_day(-300),
        planned_end_date=_day(200),
        meetings_per_year=3,
    )
    return network


def _planner(network) -> str:
    return f"/bijeenkomsten/netwerk/{network.slug}/jaarplanner/"


def _propose(client, network, first: datetime.date, count=3, weekday=""):
    return client.post(
        _planner(network),
        {
            "step": "propose",
            "first_date": first.isoformat(),
            "per_year": 3,
            "count": count,
            "preset": "evening",
            "weekday": weekday,
        },
    )


def test_planner_proposes_no_date_after_the_networks_term(client, vl1):
    client.force_login(make_facilitator(vl1))

    html = _propose(client, vl1, _day(21), count=6).content.decode()

    starts = [datetime.date.fromisoformat(v[:10]) for v in _input_values(html, "starts_at")]
    ends = [datetime.date.fromisoformat(v[:10]) for v in _input_values(html, "ends_at")]
    # Every four months from three weeks ahead: +21 and +143 days fall in the term (200 days).
    assert len(starts) == 2
    assert max(ends) <= vl1.planned_end_date
    assert min(starts) >= _day(21)


def test_planner_refuses_a_first_date_after_the_term_in_dutch(client, vl1):
    client.force_login(make_facilitator(vl1))

    response = _propose(client, vl1, _day(230))

    with translation.override("nl"):
        end = date_format(vl1.planned_end_date, "j F Y")
    html = response.content.decode()
    assert f"Het netwerk loopt tot {end}; kies een eerste datum vóór die dag." in html
    assert _input_values(html, "starts_at") == []


def test_planner_proposes_no_date_before_the_networks_start(client):
    network = NetworkFactory(planned_end_date=_day(900))
    client.force_login(make_facilitator(network))  # joined already: the network is starting
    network.start_date = _day(100)
    network.save()

    html = _propose(client, network, _day(14)).content.decode()

    starts = [datetime.date.fromisoformat(v[:10]) for v in _input_values(html, "starts_at")]
    assert len(starts) == 3
    assert min(starts) >= network.start_date


def test_planner_weekday_defaults_to_the_day_the_network_meets_on(client, vl1):
    for days in (-200, -80, 30):
        MeetingFactory(network=vl1, starts_at=_at(_next_weekday(days, 3)))  # Thursdays
    client.force_login(make_facilitator(vl1))

    html = client.get(_planner(vl1)).content.decode()

    assert re.findall(r'<option value="(\d*)" selected>([^<]*)</option>', html) == [
        ("3", "donderdag")
    ]


def test_planner_weekday_defaults_to_any_day_without_meetings(client, vl1):
    client.force_login(make_facilitator(vl1))

    html = client.get(_planner(vl1)).content.decode()

    assert re.findall(r'<option value="(\d*)" selected>([^<]*)</option>', html) == [
        ("", "Elke werkdag")
    ]


def test_planner_titles_continue_the_numbering_and_put_the_chosen_theme_in_the_theme(client, vl1):
    MeetingFactory(network=vl1, title="Bijeenkomst 1", starts_at=_at(_day(-200)))
    MeetingFactory(
        network=vl1,
        title="Bijeenkomst 2",
        starts_at=_at(_day(-60)),
        next_theme="Feedback durven geven",
    )
    client.force_login(make_facilitator(vl1))

    html = _propose(client, vl1, _day(21), count=2).content.decode()

    assert _input_values(html, "title") == ["Bijeenkomst 3", "Bijeenkomst 4"]
    assert _input_values(html, "theme") == ["Feedback durven geven", ""]
    data = {"count": "2"}
    for i, (title, theme, starts, ends) in enumerate(
        zip(
            _input_values(html, "title"),
            _input_values(html, "theme"),
            _input_values(html, "starts_at"),
            _input_values(html, "ends_at"),
            strict=True,
        )
    ):
        data.update(
            {
                f"include_{i}": "on",
                f"title_{i}": title,
                f"theme_{i}": theme,
                f"starts_at_{i}": starts,
                f"ends_at_{i}": ends,
            }
        )
    client.post(_planner(vl1), data)
    meeting = Meeting.objects.get(network=vl1, title="Bijeenkomst 3")
    detail = client.get(meeting.get_absolute_url()).content.decode()
    assert "Feedback durven geven" in detail
    assert Meeting.objects.get(network=vl1, title="Bijeenkomst 4").theme == ""


def test_a_new_poll_and_its_chosen_date_follow_the_same_title_and_theme(client, vl1):
    MeetingFactory(
        network=vl1, title="Bijeenkomst 1", starts_at=_at(_day(-60)), next_theme="Eigen regie"
    )
    client.force_login(make_facilitator(vl1))

    create = client.get(f"/bijeenkomsten/netwerk/{vl1.slug}/prikken/nieuw/").content.decode()

    assert 'name="title" value="Bijeenkomst 2"' in create
    poll = DatePollFactory(network=vl1, title="Bijeenkomst 2")
    option = PollOptionFactory(poll=poll, starts_at=_at(_day(20)), ends_at=_at(_day(20), 19))
    choose = client.get(f"/bijeenkomsten/prikken/{poll.pk}/kiezen/{option.pk}/")
    html = choose.content.decode()
    assert 'name="title" value="Bijeenkomst 2"' in html
    assert 'name="theme" value="Eigen regie"' in html
