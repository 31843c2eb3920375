"""The year planner: only dates not yet planned, existing ones beside the proposal, safe to
confirm twice (no second meeting, no second mail), POST only, never a server error on dates."""

import datetime

import pytest
from django.core import mail
from django.utils import timezone

from meetings import planner
from meetings.models import Meeting
from tests.factories import MeetingFactory, NetworkFactory, make_facilitator, make_member

pytestmark = pytest.mark.django_db
FMT = "%Y-%m-%dT%H:%M"


@pytest.fixture
def network():
    return NetworkFactory(name="Vrouwelijk Leiderschap 1", meetings_per_year=3)


@pytest.fixture
def facilitator(network):
    return make_facilitator(network)


def _url(network):
    return f"/bijeenkomsten/netwerk/{network.slug}/jaarplanner/"


def _propose(client, network, first, count=3):
    return client.post(
        _url(network),
        {
            "step": "propose",
            "first_date": first.isoformat(),
            "per_year": 3,
            "count": count,
            "preset": "evening",
            "weekday": "",
        },
    )


def _confirm_data(confirm) -> dict:
    data = {"count": str(confirm.count)}
    for i in range(confirm.count):
        data[f"include_{i}"] = "on"
        data[f"title_{i}"] = f"Bijeenkomst {i + 1}"
        data[f"starts_at_{i}"] = confirm.initial[f"starts_at_{i}"].strftime(FMT)
        data[f"ends_at_{i}"] = confirm.initial[f"ends_at_{i}"].strftime(FMT)
    return data


def _monday_in(days: int) -> datetime.date:
    day = timezone.localdate() + datetime.timedelta(days=days)
    return day + datetime.timedelta(days=(7 - day.weekday()) % 7)


def _at(day: datetime.date, hour: int = 16) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour)))


def test_planner_proposes_only_dates_not_yet_planned(client, network, facilitator):
    first = _monday_in(21)
    existing = planner.propose_dates(
        first_date=first, per_year=3, count=2, start_time=datetime.time(16)
    )
    for proposal in existing:  # the first two slots of the year are planned already
        starts_at = timezone.make_aware(proposal.starts_at)
        MeetingFactory(
            network=network, starts_at=starts_at, ends_at=starts_at + datetime.timedelta(hours=3)
        )
    client.force_login(facilitator)

    confirm = _propose(client, network, first).context["confirm_form"]

    planned_days = {p.starts_at.date() for p in existing}
    proposed_days = [confirm.initial[f"starts_at_{i}"].date() for i in range(confirm.count)]
    assert confirm.count == 3
    assert set(proposed_days) & planned_days == set()
    assert proposed_days == sorted(proposed_days)
    assert proposed_days[0] > max(planned_days)


def test_planner_shows_the_meetings_already_planned_beside_the_proposal(
    client, network, facilitator
):
    starts_at = _at(_monday_in(30))
    MeetingFactory(
        network=network,
        title="Al gepland in december",
        starts_at=starts_at,
        ends_at=starts_at + datetime.timedelta(hours=3),
    )
    MeetingFactory(title="Van een ander netwerk")
    client.force_login(facilitator)

    page = _propose(client, network, _monday_in(14)).content.decode()

    assert "Al gepland" in page
    assert "Al gepland in december" in page
    assert "Van een ander netwerk" not in page


def test_planner_confirmed_twice_makes_each_meeting_once_and_mails_once(
    client, network, facilitator, django_capture_on_commit_callbacks
):
    member = make_member(network)
    client.force_login(facilitator)
    confirm = _propose(client, network, _monday_in(21)).context["confirm_form"]
    data = _confirm_data(confirm)

    with django_capture_on_commit_callbacks(execute=True):
        first = client.post(_url(network), data, follow=True).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        second = client.post(_url(network), data, follow=True).content.decode()

    assert Meeting.objects.filter(network=network).count() == 3
    assert "3 bijeenkomsten zijn gepland." in first
    assert "0 bijeenkomsten zijn gepland." in second
    assert "3 datums waren al gepland en zijn niet opnieuw toegevoegd." in second
    to_member = [m for m in mail.outbox if m.to == [member.email]]
    assert len(to_member) == 3


def test_planner_refused_by_the_service_shows_why_above_the_rows_and_plans_nothing(
    client, network, facilitator, monkeypatch
):
    from django.core.exceptions import ValidationError

    from meetings import services

    def refuse(*args, **kwargs):
        raise ValidationError("De bijeenkomst kan nu niet worden gepland.")

    client.force_login(facilitator)
    confirm = _propose(client, network, _monday_in(21)).context["confirm_form"]
    monkeypatch.setattr(services, "plan_meetings", refuse)
    response = client.post(_url(network), _confirm_data(confirm))

    assert response.status_code == 200
    form = response.context["confirm_form"]
    assert form.non_field_errors() == ["De bijeenkomst kan nu niet worden gepland."]
    assert form["title_0"].value() == "Bijeenkomst 1"  # what she entered is kept
    assert "De bijeenkomst kan nu niet worden gepland." in response.content.decode()
    assert Meeting.objects.filter(network=network).count() == 0


def test_planner_after_confirming_proposes_the_next_dates(client, network, facilitator):
    client.force_login(facilitator)
    first = _monday_in(21)
    confirm = _propose(client, network, first).context["confirm_form"]
    client.post(_url(network), _confirm_data(confirm))
    planned = set(Meeting.objects.values_list("starts_at", flat=True))

    again = _propose(client, network, first).context["confirm_form"]

    proposed = {again.initial[f"starts_at_{i}"] for i in range(again.count)}
    planned_days = {timezone.localtime(s).date() for s in planned}
    assert {p.date() for p in proposed} & planned_days == set()


def test_planner_page_posts_its_forms_so_no_token_lands_in_the_address(
    client, network, facilitator
):
    client.force_login(facilitator)
    page = client.get(_url(network)).content.decode()
    form_start = page.rindex("<form", 0, page.index('name="first_date"'))
    form_tag = page[form_start : page.index(">", form_start) + 1]
    assert 'method="post"' in form_tag
    assert 'method="get"' not in page
    response = _propose(client, network, _monday_in(14))
    assert response.status_code == 200
    assert response.context["confirm_form"].count == 3


DATE_RANGE = "Kies een datum tussen 1-1-2000 en 31-12-2099."
WITHIN_TWO_YEARS = "Kies een eerste datum binnen twee jaar."


@pytest.mark.parametrize(
    "first_date",
    [
        "9999-12-20",
        "9999-12-31",
        # inside the site's date bounds, beyond the planner's own two years
        (datetime.date.today() + datetime.timedelta(days=3 * 366)).isoformat(),
    ],
)
def test_planner_far_dates_get_a_dutch_message_not_a_server_error(
    client, network, facilitator, first_date
):
    # a date outside 2000-2099 is refused by the site-wide date bound first
    # (leernetwerk.forms.DateRangeValidator); inside it, the planner's two-year rule holds
    expected = DATE_RANGE if first_date.startswith("9999") else WITHIN_TWO_YEARS
    client.force_login(facilitator)
    response = client.post(
        _url(network),
        {
            "step": "propose",
            "first_date": first_date,
            "per_year": 12,
            "count": 12,
            "preset": "two_days",
            "weekday": "4",
        },
    )
    assert response.status_code == 200
    assert response.context["planner_form"].errors["first_date"] == [expected]
    assert "confirm_form" not in response.context


@pytest.mark.parametrize("weekday", [None, 0, 4])
def test_planner_near_the_end_of_the_calendar_stops_without_raising(weekday):
    proposals = planner.propose_dates(
        first_date=datetime.date(9999, 12, 20),
        per_year=12,
        count=12,
        start_time=datetime.time(16),
        durations=(24,),
        weekday=weekday,
    )
    assert len(proposals) <= 1
    assert all(p.starts_at.year == 9999 for p in proposals)


def test_planner_skips_a_slot_already_planned_and_continues_after_it():
    first = datetime.date(2027, 1, 4)  # a Monday
    plain = planner.propose_dates(
        first_date=first, per_year=3, count=3, start_time=datetime.time(16)
    )
    taken = plain[1].starts_at.date() + datetime.timedelta(days=3)  # near the second slot
    proposals = planner.propose_dates(
        first_date=first, per_year=3, count=3, start_time=datetime.time(16), planned=[taken]
    )
    days = [p.starts_at.date() for p in proposals]
    assert days[0] == plain[0].starts_at.date()
    assert days[1] == plain[2].starts_at.date()
    assert len(days) == 3
    assert all(abs(d - taken) > datetime.timedelta(days=60) for d in days)
