"""Calendar output parsed back with icalendar: times, time zone, UID, SEQUENCE, cancellation."""

import datetime
from zoneinfo import ZoneInfo

import icalendar
import pytest
from django.conf import settings

from meetings import services
from meetings.calendar import CalendarEvent, build_calendar
from tests.factories import MeetingFactory, NetworkFactory, make_facilitator, make_member

AMS = ZoneInfo("Europe/Amsterdam")
pytestmark = pytest.mark.django_db


def _events(body: bytes):
    calendar = icalendar.Calendar.from_ical(body)
    return calendar, [c for c in calendar.walk("VEVENT")]


def _meeting(**kwargs):
    starts_at = datetime.datetime(2027, 3, 16, 16, 0, tzinfo=AMS)
    return MeetingFactory(
        starts_at=starts_at, ends_at=starts_at + datetime.timedelta(hours=3), **kwargs
    )


def test_build_calendar_writes_amsterdam_times_with_vtimezone():
    start = datetime.datetime(2027, 7, 1, 14, 0, tzinfo=datetime.UTC)  # 16:00 summer time
    event = CalendarEvent(
        uid="x@test",
        sequence=2,
        summary="Zomer",
        starts_at=start,
        ends_at=start + datetime.timedelta(hours=24),
        updated_at=start,
    )
    calendar, (vevent,) = _events(build_calendar([event], name="Test"))
    assert [tz["TZID"] for tz in calendar.walk("VTIMEZONE")] == ["Europe/Amsterdam"]
    assert vevent.decoded("DTSTART") == datetime.datetime(2027, 7, 1, 16, 0, tzinfo=AMS)
    assert vevent["DTSTART"].params["TZID"] == "Europe/Amsterdam"
    assert vevent.decoded("DTEND") - vevent.decoded("DTSTART") == datetime.timedelta(hours=24)
    assert str(vevent["STATUS"]) == "CONFIRMED"


def test_meeting_ics_has_times_location_and_uid(client):
    meeting = _meeting(title="Verbinden", location="Utrecht", address="Domplein 1")
    person = make_member(meeting.network)
    client.force_login(person)
    response = client.get(f"/bijeenkomsten/{meeting.pk}/agenda.ics")
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    calendar, (vevent,) = _events(response.content)
    assert str(vevent["SUMMARY"]) == f"{meeting.network.name}: Verbinden"
    assert str(vevent["UID"]) == f"{meeting.uid}@leernetwerk.vo-academie.nl"
    assert vevent.decoded("DTSTART") == datetime.datetime(2027, 3, 16, 16, 0, tzinfo=AMS)
    assert vevent.decoded("DTEND") == datetime.datetime(2027, 3, 16, 19, 0, tzinfo=AMS)
    assert str(vevent["LOCATION"]) == "Utrecht, Domplein 1"
    assert len(calendar.walk("VTIMEZONE")) == 1


def test_calendar_description_links_back_and_holds_the_agenda(client):
    meeting = _meeting(title="Verbinden", theme="Eigenaarschap", agenda="Opening\nCasus")
    person = make_member(meeting.network)
    client.force_login(person)
    _cal, (vevent,) = _events(client.get(f"/bijeenkomsten/{meeting.pk}/agenda.ics").content)
    link = f"{settings.SITE_URL.rstrip('/')}/bijeenkomsten/{meeting.pk}/"
    assert str(vevent["DESCRIPTION"]) == f"{link}\n\nEigenaarschap\n\nOpening\nCasus"


def test_changed_meeting_keeps_uid_and_raises_sequence(client):
    meeting = _meeting()
    facilitator = make_facilitator(meeting.network)
    client.force_login(facilitator)
    _cal, (before,) = _events(client.get(f"/bijeenkomsten/{meeting.pk}/agenda.ics").content)
    services.update_meeting(
        meeting,
        by=facilitator,
        data={
            "starts_at": meeting.starts_at + datetime.timedelta(days=1),
            "ends_at": meeting.ends_at + datetime.timedelta(days=1),
        },
    )
    _cal, (after,) = _events(client.get(f"/bijeenkomsten/{meeting.pk}/agenda.ics").content)
    assert str(after["UID"]) == str(before["UID"])
    assert int(after["SEQUENCE"]) == int(before["SEQUENCE"]) + 1
    assert after.decoded("DTSTART") == datetime.datetime(2027, 3, 17, 16, 0, tzinfo=AMS)


def test_cancelled_meeting_is_published_as_cancelled(client):
    meeting = _meeting()
    facilitator = make_facilitator(meeting.network)
    services.cancel_meeting(meeting, by=facilitator)
    token = services.calendar_feed_token_for(facilitator)
    response = client.get(f"/bijeenkomsten/agenda/{token.token}.ics")
    _cal, (vevent,) = _events(response.content)
    assert str(vevent["STATUS"]) == "CANCELLED"
    assert int(vevent["SEQUENCE"]) == 1
    assert str(vevent["UID"]) == f"{meeting.uid}@leernetwerk.vo-academie.nl"


def test_feed_holds_meetings_of_all_my_networks_only(client):
    first, second, other = NetworkFactory(), NetworkFactory(), NetworkFactory()
    person = make_member(first)
    make_member(second, person=person)
    mine = [_meeting(network=first, title="Eerste"), _meeting(network=second, title="Tweede")]
    _meeting(network=other, title="Van een ander")
    token = services.calendar_feed_token_for(person)
    _cal, events = _events(client.get(f"/bijeenkomsten/agenda/{token.token}.ics").content)
    assert sorted(str(e["SUMMARY"]) for e in events) == sorted(
        f"{m.network.name}: {m.title}" for m in mine
    )


def test_feed_with_wrong_token_is_404(client):
    person = make_member(NetworkFactory())
    services.calendar_feed_token_for(person)
    assert client.get("/bijeenkomsten/agenda/verkeerd-token.ics").status_code == 404


def test_reset_token_stops_the_old_feed_url(client):
    person = make_member(NetworkFactory())
    old = services.calendar_feed_token_for(person).token
    client.force_login(person)
    response = client.post("/bijeenkomsten/agenda-abonnement/vernieuwen/", follow=True)
    assert "de oude link werkt niet meer" in response.content.decode()
    new = services.calendar_feed_token_for(person).token
    assert new != old
    assert client.get(f"/bijeenkomsten/agenda/{old}.ics").status_code == 404
    assert client.get(f"/bijeenkomsten/agenda/{new}.ics").status_code == 200


# --- issue 13 item 7: across the clock change, cancelled, and the person's alarm ---------


def _feed(client, person):
    from meetings.services import calendar_feed_token_for

    token = calendar_feed_token_for(person).token
    response = client.get(f"/bijeenkomsten/agenda/{token}.ics")
    assert response.status_code == 200
    return _events(response.content)


@pytest.mark.parametrize(
    ("start", "end"),
    [
        # Summer time ends on Sunday 25 October 2026 at 03:00 (clocks back to 02:00): 24
        # hours from Saturday 12:00 CEST end on Sunday at 11:00 CET.
        (
            datetime.datetime(2026, 10, 24, 12, 0, tzinfo=AMS),
            datetime.datetime(2026, 10, 25, 11, 0, tzinfo=AMS),
        ),
        # Summer time starts on Sunday 28 March 2027 at 02:00 (clocks forward to 03:00): 24
        # hours from Saturday 12:00 CET end on Sunday at 13:00 CEST.
        (
            datetime.datetime(2027, 3, 27, 12, 0, tzinfo=AMS),
            datetime.datetime(2027, 3, 28, 13, 0, tzinfo=AMS),
        ),
    ],
)
def test_a_24_hour_meeting_spans_the_right_days_across_the_clock_change(client, start, end):
    utc = datetime.UTC
    # (Subtracting two times of the same zone object compares wall clocks: go through UTC.)
    assert end.astimezone(utc) - start.astimezone(utc) == datetime.timedelta(hours=24)
    network = NetworkFactory(name="Eindverantwoordelijk Schoolleiders")
    person = make_member(network)
    MeetingFactory(network=network, title="24 uur", starts_at=start, ends_at=end)

    _, (vevent,) = _feed(client, person)

    dtstart, dtend = vevent.decoded("DTSTART"), vevent.decoded("DTEND")
    assert (dtstart.date(), dtend.date()) == (start.date(), end.date())
    assert (dtstart.hour, dtend.hour) == (12, end.hour)
    assert (vevent["DTSTART"].params["TZID"], vevent["DTEND"].params["TZID"]) == (
        "Europe/Amsterdam",
        "Europe/Amsterdam",
    )
    assert dtend.astimezone(utc) - dtstart.astimezone(utc) == datetime.timedelta(hours=24)
    assert dtstart.utcoffset() != dtend.utcoffset()  # one side in summer time, one not


def test_a_cancelled_meeting_stays_in_the_feed_as_cancelled_with_a_higher_sequence(client):
    network = NetworkFactory()
    facilitator = make_facilitator(network)
    person = make_member(network)
    meeting = _meeting(network=network, title="Gaat niet door")
    _, (before,) = _feed(client, person)
    services.cancel_meeting(meeting, by=facilitator)

    _, (after,) = _feed(client, person)

    assert str(after["UID"]) == str(before["UID"])
    assert (str(before["STATUS"]), str(after["STATUS"])) == ("CONFIRMED", "CANCELLED")
    assert int(after["SEQUENCE"]) == int(before["SEQUENCE"]) + 1


@pytest.mark.parametrize(
    ("choice", "trigger"),
    [("1d", -datetime.timedelta(days=1)), ("1h", -datetime.timedelta(hours=1))],
)
def test_the_alarm_is_the_persons_own_choice(client, choice, trigger):
    network = NetworkFactory()
    chooser = make_member(network)
    other = make_member(network)
    _meeting(network=network)
    client.force_login(chooser)

    response = client.post("/bijeenkomsten/agenda-abonnement/", {"alarm": choice})

    assert response.status_code == 302
    _, (mine,) = _feed(client, chooser)
    _, (theirs,) = _feed(client, other)
    [alarm] = mine.walk("VALARM")
    assert (str(alarm["ACTION"]), alarm.decoded("TRIGGER")) == ("DISPLAY", trigger)
    assert theirs.walk("VALARM") == []
    # The meeting's own .ics, downloaded by the chooser, carries her alarm too.
    meeting_ics = client.get(f"/bijeenkomsten/{network.meetings.get().pk}/agenda.ics")
    [downloaded] = _events(meeting_ics.content)[1]
    assert [a.decoded("TRIGGER") for a in downloaded.walk("VALARM")] == [trigger]


def test_no_alarm_on_a_cancelled_meeting_and_none_after_choosing_none(client):
    network = NetworkFactory()
    facilitator = make_facilitator(network)
    person = make_member(network)
    cancelled = _meeting(network=network, title="Afgelast")
    _meeting(network=network, title="Gaat door")
    services.cancel_meeting(cancelled, by=facilitator)
    services.set_calendar_alarm(person, alarm="1h")

    _, events = _feed(client, person)
    alarms = {str(e["SUMMARY"]).split(": ", 1)[1]: len(e.walk("VALARM")) for e in events}
    services.set_calendar_alarm(person, alarm="none")
    _, events_after = _feed(client, person)

    assert alarms == {"Afgelast": 0, "Gaat door": 1}
    assert [len(e.walk("VALARM")) for e in events_after] == [0, 0]


def test_a_bad_alarm_choice_is_refused_at_the_field(client):
    person = make_member(NetworkFactory())
    client.force_login(person)

    response = client.post("/bijeenkomsten/agenda-abonnement/", {"alarm": "1w"})

    assert response.status_code == 200
    assert list(response.context["form"].errors) == ["alarm"]
    from meetings.selectors import calendar_alarm_for

    assert calendar_alarm_for(person) == "none"


def test_the_invitation_of_a_24_hour_meeting_across_the_october_change_gives_the_right_days(
    django_capture_on_commit_callbacks,
):
    """Summer time ends on Sunday 31 October 2027 at 03:00: 24 hours from Saturday 12:00
    (summer time) end on Sunday at 11:00 (winter time), in the mail's text and its .ics."""
    from django.core import mail

    network = NetworkFactory(name="Eindverantwoordelijk Schoolleiders")
    facilitator = make_facilitator(network)
    member = make_member(network)
    start = datetime.datetime(2027, 10, 30, 12, 0, tzinfo=AMS)
    end = datetime.datetime(2027, 10, 31, 11, 0, tzinfo=AMS)
    with django_capture_on_commit_callbacks(execute=True):
        services.schedule_meeting(
            network,
            by=facilitator,
            data={"title": "24 uur op de Veluwe", "starts_at": start, "ends_at": end},
        )

    (sent,) = [m for m in mail.outbox if m.to == [member.email]]
    assert "zaterdag 30 oktober 2027 12:00 – zondag 31 oktober 2027 11:00" in sent.body
    ((name, content, _type),) = sent.attachments
    _, (vevent,) = _events(content.encode() if isinstance(content, str) else content)
    dtstart, dtend = vevent.decoded("DTSTART"), vevent.decoded("DTEND")
    assert (dtstart.date(), dtstart.hour, dtend.date(), dtend.hour) == (
        datetime.date(2027, 10, 30),
        12,
        datetime.date(2027, 10, 31),
        11,
    )
    assert dtend.astimezone(datetime.UTC) - dtstart.astimezone(datetime.UTC) == (
        datetime.timedelta(hours=24)
    )
    assert (name, str(vevent["SUMMARY"])) == (
        "bijeenkomst.ics",
        "Eindverantwoordelijk Schoolleiders: 24 uur op de Veluwe",
    )
