"""iCalendar output for meetings: one .ics per meeting and the personal feed.

Pure: builds from plain `CalendarEvent` values. Times are written in Europe/Amsterdam with a
VTIMEZONE; the UID never changes, SEQUENCE rises on every change, and a cancelled meeting is
published with STATUS:CANCELLED so calendar programs remove it. A person may ask for an
alarm (VALARM) before each meeting; a cancelled meeting carries none."""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from dataclasses import dataclass
from zoneinfo import ZoneInfo

import icalendar

from leernetwerk.text import one_line, plain_text

TZ = ZoneInfo("Europe/Amsterdam")
PRODID = "-//VO-academie//Leernetwerk//NL"

# How long before a meeting the alarm goes off, per value of enums.CalendarAlarm.
ALARMS = {
    "none": None,
    "1h": datetime.timedelta(hours=1),
    "1d": datetime.timedelta(days=1),
}


@dataclass(frozen=True)
class CalendarEvent:
    uid: str
    sequence: int
    summary: str
    starts_at: datetime.datetime  # aware
    ends_at: datetime.datetime
    updated_at: datetime.datetime
    description: str = ""
    location: str = ""
    url: str = ""
    cancelled: bool = False


def build_calendar(
    events: Iterable[CalendarEvent], *, name: str, alarm: str = "none", alarm_text: str = ""
) -> bytes:
    """The .ics file, with an alarm `alarm` (a key of ALARMS) before each meeting that is
    not cancelled; `alarm_text` is what the calendar program shows then. Texts stored before one-line fields
    refused line breaks are written safely: one-line properties on one line, descriptions without control characters."""
    calendar = icalendar.Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", one_line(name))
    calendar.add("x-wr-timezone", "Europe/Amsterdam")
    events_list = list(events)
    for item in events_list:
        event = icalendar.Event()
        event.add("uid", item.uid)
        event.add("sequence", item.sequence)
        event.add("summary", one_line(item.summary))
        event.add("dtstamp", item.updated_at.astimezone(datetime.UTC))
        event.add("last-modified", item.updated_at.astimezone(datetime.UTC))
        event.add("dtstart", item.starts_at.astimezone(TZ))
        event.add("dtend", item.ends_at.astimezone(TZ))
        event.add("status", "CANCELLED" if item.cancelled else "CONFIRMED")
        if item.description:
            event.add("description", plain_text(item.description))
        if item.location:
            event.add("location", one_line(item.location))
        if item.url:
            event.add("url", item.url)
        before = ALARMS.get(alarm)
        if before is not None and not item.cancelled:
            valarm = icalendar.Alarm()
            valarm.add("action", "DISPLAY")
            valarm.add("description", one_line(alarm_text or item.summary))
            valarm.add("trigger", -before)
            event.add_component(valarm)
        calendar.add_component(event)
    # A VTIMEZONE covering the years around the events keeps the file short.
    years = [e.starts_at.year for e in events_list] or [datetime.date.today().year]  # noqa: DTZ011
    calendar.add_missing_timezones(
        first_date=datetime.date(min(years) - 1, 1, 1),
        last_date=datetime.date(max(years) + 2, 1, 1),
    )
    for timezone in calendar.walk("VTIMEZONE"):
        timezone.pop("COMMENT", None)  # icalendar's English note on the years covered
    return calendar.to_ical()
