"""What a tester found walking the facilitator's year (issue 13) in the browser, each rule
from the user's side: the page text, the mail body, the .ics text.

- The briefing preview on the meeting page is exactly what the speaker receives.
- "Deelnemers" counts participants, never the facilitator; Dutch texts read right.
- The manual buddy-group form offers participants only.
- A future meeting's attendance sheet has nothing pre-selected.
- Calendar files speak no English, name the network, and the mailed one has one charset.
- A page a participant may not see is the app's Dutch 404 page with DEBUG off.

The year planner's findings are in test_facilitator_year_walk_planner.py."""

import datetime
import re
from email import message_from_bytes

import pytest
from django.core import mail

from meetings.models import BuddyGroup
from participants.enums import Visibility
from tests.factories import (
    LearningQuestionFactory,
    MeetingFactory,
    NetworkFactory,
    make_facilitator,
    make_member,
)
from tests.factories.meetings import (
    DatePollFactory,
    GuestSpeakerFactory,
    PollAnswerFactory,
    PollOptionFactory,
    past_meeting,
)
from tests.meetings.pages import text_of
from tests.meetings.year_walk_helpers import _at, _day

pytestmark = pytest.mark.django_db


FMT = "%Y-%m-%dT%H:%M"


# --- 2. The briefing preview is what the speaker receives ---------------------------------

SHARED = "GEDEELD-met-netwerk-7c1f"
FACILITATOR_ONLY = "ALLEEN-facilitator-93ab"
OWN_FACILITATOR_ONLY = "EIGEN-facilitatorvraag-5e20"
PRIVATE = "PRIVE-vraag-d4e8"


def test_briefing_preview_and_mail_show_exactly_the_network_shared_questions(
    client, django_capture_on_commit_callbacks
):
    network = NetworkFactory(name="Verbindend Vernieuwen")
    facilitator = make_facilitator(network)
    owner = make_member(network)
    meeting = MeetingFactory(network=network)
    for person, title, visibility in (
        (owner, SHARED, Visibility.NETWORK),
        (owner, FACILITATOR_ONLY, Visibility.FACILITATOR),
        (owner, PRIVATE, Visibility.PRIVATE),
        (facilitator, OWN_FACILITATOR_ONLY, Visibility.FACILITATOR),
    ):
        LearningQuestionFactory(owner=person, title=title, visibility=visibility).networks.add(
            network
        )
    speaker = GuestSpeakerFactory(meeting=meeting, name="Dr. Anne Jansen", email="anne@uu.test")
    client.force_login(facilitator)

    page = client.get(meeting.get_absolute_url()).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"/bijeenkomsten/gastspreker/{speaker.pk}/uitnodigen/")

    preview = page[page.index("Briefing voor de gastsprekers") :]
    (sent,) = mail.outbox
    assert SHARED in preview
    assert SHARED in sent.body
    for hidden in (FACILITATOR_ONLY, OWN_FACILITATOR_ONLY, PRIVATE):
        assert hidden not in preview
        assert hidden not in sent.body


# --- 3. Texts: participants are counted as deelnemers, Dutch that reads right ------------


@pytest.fixture
def poll_world():
    network = NetworkFactory(name="Vrouwelijk Leiderschap 1")
    facilitator = make_facilitator(network)
    anna, bert, cas = (make_member(network) for _ in range(3))
    poll = DatePollFactory(network=network, title="Voorjaar", deadline=_at(_day(10), 17))
    options = [
        PollOptionFactory(poll=poll, starts_at=_at(_day(d)), ends_at=_at(_day(d), 19))
        for d in (20, 27)
    ]
    return network, facilitator, (anna, bert, cas), poll, options


def test_poll_counts_participants_only_and_one_has_answered(client, poll_world):
    _network, facilitator, (anna, _bert, _cas), poll, options = poll_world
    for person in (anna, facilitator):  # the facilitator answering counts for nobody
        PollAnswerFactory(option=options[0], person=person, answer="yes")
    client.force_login(anna)

    html = " ".join(client.get(f"/bijeenkomsten/prikken/{poll.pk}/").content.decode().split())

    assert "1 van 3 deelnemers heeft geantwoord." in html


def test_poll_says_have_answered_for_more_than_one(client, poll_world):
    _network, _facilitator, (anna, bert, _cas), poll, options = poll_world
    for person in (anna, bert):
        PollAnswerFactory(option=options[0], person=person, answer="yes")
    client.force_login(anna)

    html = " ".join(client.get(f"/bijeenkomsten/prikken/{poll.pk}/").content.decode().split())

    assert "2 van 3 deelnemers hebben geantwoord." in html


def test_no_date_suits_anyone_reads_as_clear_dutch(client, poll_world):
    _network, _facilitator, (anna, _bert, _cas), poll, options = poll_world
    for option in options:
        PollAnswerFactory(option=option, person=anna, answer="no")
    client.force_login(anna)

    page = client.get(f"/bijeenkomsten/prikken/{poll.pk}/")

    assert text_of(page, "best-date") == "Geen enkele datum past nog iemand."


def test_mijn_lists_the_poll_without_a_space_before_the_comma(client, poll_world):
    _network, _facilitator, (anna, _bert, _cas), poll, _options = poll_world
    client.force_login(anna)

    text = " ".join(client.get("/mijn/").content.decode().split())

    assert "(Vrouwelijk Leiderschap 1), antwoorden vóór" in text
    assert "(Vrouwelijk Leiderschap 1) ," not in text


@pytest.fixture
def attendance_world():
    network = NetworkFactory(name="Verbindend Vernieuwen")
    facilitator = make_facilitator(network, first_name="Fenna", last_name="Faciliteert")
    people = [make_member(network, first_name=n, last_name="Deelnemer") for n in ("Anna", "Bert")]
    return network, facilitator, people


# --- 4. Buddy groups of participants only -------------------------------------------------


def test_manual_buddy_group_form_offers_participants_only(client, attendance_world):
    network, facilitator, (anna, bert) = attendance_world
    client.force_login(facilitator)
    url = f"/bijeenkomsten/netwerk/{network.slug}/maatjesgroepen/"

    page = client.get(url)
    labels = [label for _value, label in page.context["form"].fields["members"].choices]
    response = client.post(url, {"name": "Noord", "members": [anna.pk, facilitator.pk]})

    assert labels == ["Anna Deelnemer", "Bert Deelnemer"]
    assert response.context["form"].errors["members"] == ["Kies alleen deelnemers van dit netwerk."]
    assert not BuddyGroup.objects.exists()


# --- 5. No pre-selected attendance before the meeting -------------------------------------


def test_future_meetings_attendance_sheet_has_nothing_selected(client, attendance_world):
    network, facilitator, _people = attendance_world
    meeting = MeetingFactory(network=network)  # in two weeks
    client.force_login(facilitator)

    html = client.get(f"/bijeenkomsten/{meeting.pk}/aanwezigheid/").content.decode()

    radios = re.findall(r'<input class="form-check-input" type="radio"[^>]*>', html)
    assert len(radios) == 3 * 4  # three members, four statuses each
    assert [r for r in radios if "checked" in r] == []
    assert all("disabled" in r for r in radios)


def test_started_meetings_attendance_sheet_starts_at_present(client, attendance_world):
    network, facilitator, _people = attendance_world
    meeting = past_meeting(network)
    client.force_login(facilitator)

    html = client.get(f"/bijeenkomsten/{meeting.pk}/aanwezigheid/").content.decode()

    radios = re.findall(r'<input class="form-check-input" type="radio"[^>]*>', html)
    assert [re.search(r'value="(\w+)"', r).group(1) for r in radios if "checked" in r] == [
        "present"
    ] * 3


# --- 6. Calendar files ---------------------------------------------------------------------


def test_meeting_ics_has_no_english_line_and_names_the_network(client, attendance_world):
    network, facilitator, _people = attendance_world
    meeting = MeetingFactory(network=network, title="Bijeenkomst 4")
    client.force_login(facilitator)

    text = client.get(f"/bijeenkomsten/{meeting.pk}/agenda.ics").content.decode()

    assert "This timezone" not in text
    assert "COMMENT" not in text
    assert "X-WR-CALNAME:Verbindend Vernieuwen: Bijeenkomst 4\r\n" in text


def test_invitation_calendar_attachment_names_its_charset_once(
    client, attendance_world, django_capture_on_commit_callbacks
):
    network, facilitator, (anna, _bert) = attendance_world
    client.force_login(facilitator)
    start = _at(_day(20))
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            f"/bijeenkomsten/netwerk/{network.slug}/nieuw/",
            {
                "title": "Bijeenkomst 1",
                "theme": "",
                "starts_at": start.strftime(FMT),
                "ends_at": (start + datetime.timedelta(hours=3)).strftime(FMT),
                "location": "Utrecht",
                "form": "",
                "agenda": "",
                "address": "",
            },
        )

    invitation = next(m for m in mail.outbox if m.to == [anna.email])
    parsed = message_from_bytes(invitation.message().as_bytes())
    (part,) = [p for p in parsed.walk() if p.get_content_type() == "text/calendar"]
    header = part["Content-Type"]
    assert header.lower().count("charset") == 1
    lines = part.get_payload(decode=True).decode().splitlines()
    assert "X-WR-CALNAME:Verbindend Vernieuwen: Bijeenkomst 1" in lines
    body = "\n".join(lines)
    assert "This timezone" not in body


# --- 7. The Dutch 404 page with DEBUG off --------------------------------------------------


def test_a_page_a_participant_may_not_see_is_the_dutch_404_with_debug_off(
    client, settings, attendance_world
):
    settings.DEBUG = False
    network, _facilitator, (anna, _bert) = attendance_world
    meeting = MeetingFactory(network=network)
    client.force_login(anna)

    response = client.get(f"/bijeenkomsten/{meeting.pk}/voorbereiding/")

    assert response.status_code == 404
    assert text_of(response, "main").startswith("Pagina niet gevonden")
