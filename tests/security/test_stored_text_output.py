"""Calendar and mail output stay whole with what is already stored (issue 10, security 4): a
title saved with a line break before one-line fields refused them must not break the .ics
file (for every member) or the change mail."""

import datetime

import icalendar
import pytest
from django.core import mail
from django.utils import timezone

from meetings.enums import MailKind
from meetings.models import Meeting
from meetings.services import calendar_feed_token_for, send_meeting_mail
from tests.factories import MeetingFactory, NetworkFactory, make_member

pytestmark = pytest.mark.django_db
STORED_TITLE = "Bijeenkomst\r\nBcc: iedereen@example.nl\x1b"


def _stored_meeting(**fields):
    start = timezone.now() + datetime.timedelta(days=20)
    meeting = MeetingFactory(
        network=NetworkFactory(), starts_at=start, ends_at=start + datetime.timedelta(hours=3)
    )
    # Written as older code stored it, around the forms that now refuse it.
    Meeting.objects.filter(pk=meeting.pk).update(**fields)
    meeting.refresh_from_db()
    return meeting


def test_meeting_ics_with_a_stored_line_break_in_the_title_is_one_summary_line(client):
    meeting = _stored_meeting(
        title=STORED_TITLE, location="Utrecht\r\nZaal 2", agenda="Opening\r\nCasus\x1b"
    )
    client.force_login(make_member(meeting.network))
    response = client.get(f"/bijeenkomsten/{meeting.pk}/agenda.ics")
    assert response.status_code == 200
    (vevent,) = icalendar.Calendar.from_ical(response.content).walk("VEVENT")
    # Calendar titles start with the network's name; the stored title stays one line.
    assert str(vevent["SUMMARY"]) == f"{meeting.network.name}: Bijeenkomst Bcc: iedereen@example.nl"
    assert str(vevent["LOCATION"]) == "Utrecht Zaal 2"
    assert str(vevent["DESCRIPTION"]).endswith("Opening\nCasus")


def test_feed_with_a_stored_line_break_in_a_title_still_serves_every_meeting(client):
    meeting = _stored_meeting(title=STORED_TITLE)
    person = make_member(meeting.network)
    token = calendar_feed_token_for(person).token
    response = client.get(f"/bijeenkomsten/agenda/{token}.ics")
    assert response.status_code == 200
    summaries = [
        str(e["SUMMARY"]) for e in icalendar.Calendar.from_ical(response.content).walk("VEVENT")
    ]
    assert summaries == [f"{meeting.network.name}: Bijeenkomst Bcc: iedereen@example.nl"]


def test_change_mail_with_a_stored_line_break_in_the_title_reaches_every_member(
    django_capture_on_commit_callbacks,
):
    meeting = _stored_meeting(title=STORED_TITLE)
    members = [make_member(meeting.network) for _ in range(3)]
    # Mails are queued (one row per recipient) and sent by the worker once committed.
    with django_capture_on_commit_callbacks(execute=True):
        sent = send_meeting_mail(meeting, MailKind.CHANGE)
    assert sent == 3
    assert sorted(m.to[0] for m in mail.outbox) == sorted(p.email for p in members)
    for message in mail.outbox:
        assert "\n" not in message.subject and "\r" not in message.subject
        assert "\x1b" not in message.subject
        assert "Bijeenkomst Bcc: iedereen@example.nl" in message.subject
        assert message.message()["Bcc"] is None
