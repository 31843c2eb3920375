"""Attendance from the facilitator's side (issue 13 item 4): present, late, apologised in
advance (from the RSVP) and absent without notice; everyone present in one click, then the
exceptions; only from the meeting's start on; rates that count apologies apart; a CSV and
Excel export; a notice after two absences in a row without apology."""

import datetime
import io

import openpyxl
import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.utils import timezone

from mails.enums import Frequency, MailStatus
from mails.models import Mail
from mails.services import set_frequency
from meetings import services
from meetings.models import Attendance, Response
from tests.factories import MeetingFactory, NetworkFactory, make_facilitator, make_member
from tests.factories.meetings import past_meeting
from tests.meetings.pages import text_of

pytestmark = pytest.mark.django_db


@pytest.fixture
def network():
    return NetworkFactory(name="Verbindend Vernieuwen", slug="verbindend-vernieuwen")


@pytest.fixture
def facilitator(network):
    return make_facilitator(network, first_name="Fenna", last_name="Faciliteert")


def _statuses(meeting) -> dict:
    return dict(Attendance.objects.filter(meeting=meeting).values_list("person_id", "status"))


def _sheet_post(meeting, client, changes: dict) -> dict:
    """The attendance form as shown, with `changes` (person id -> status) made."""
    form = client.get(f"/bijeenkomsten/{meeting.pk}/aanwezigheid/").context["form"]
    data = {}
    for row in form.rows:
        data[f"person_{row.person.pk}"] = changes.get(row.person.pk, row.status)
        data[f"shown_{row.person.pk}"] = row.status
    return data


def test_everyone_present_in_one_click_then_the_exceptions(client, network, facilitator):
    anna, bert, cas = (make_member(network) for _ in range(3))
    meeting = past_meeting(network, days_ago=1)
    Response.objects.create(meeting=meeting, person=cas, answer="not_coming")
    client.force_login(facilitator)
    page = client.post(f"/bijeenkomsten/{meeting.pk}/aanwezigheid/iedereen/", follow=True)
    assert "Iedereen is als aanwezig geregistreerd" in page.content.decode()
    assert _statuses(meeting) == {
        facilitator.pk: "present",
        anna.pk: "present",
        bert.pk: "present",
        cas.pk: "excused",  # apologised in advance through the RSVP
    }
    # The exceptions: Anna came late, Bert did not come and sent no word.
    client.post(
        f"/bijeenkomsten/{meeting.pk}/aanwezigheid/",
        _sheet_post(meeting, client, {anna.pk: "late", bert.pk: "absent"}),
    )
    assert _statuses(meeting) == {
        facilitator.pk: "present",
        anna.pk: "late",
        bert.pk: "absent",
        cas.pk: "excused",
    }
    # A second click keeps the exceptions.
    client.post(f"/bijeenkomsten/{meeting.pk}/aanwezigheid/iedereen/")
    assert _statuses(meeting)[anna.pk] == "late"


def test_the_four_statuses_are_offered_in_dutch(client, network, facilitator):
    meeting = past_meeting(network)
    client.force_login(facilitator)
    html = client.get(f"/bijeenkomsten/{meeting.pk}/aanwezigheid/").content.decode()
    for label in ("Aanwezig", "Te laat", "Vooraf afgemeld", "Afwezig zonder bericht"):
        assert f">{label}</label>" in html


def test_attendance_before_the_start_is_refused_with_a_dutch_message(client, network, facilitator):
    anna = make_member(network)
    meeting = MeetingFactory(network=network)  # in the future
    start = timezone.localtime(meeting.starts_at)
    client.force_login(facilitator)
    page = client.get(f"/bijeenkomsten/{meeting.pk}/aanwezigheid/")
    assert text_of(page, "attendance-not-yet").startswith(
        "Aanwezigheid kunt u registreren vanaf het begin van de bijeenkomst ("
    )
    assert "Iedereen aanwezig" not in page.content.decode()
    refused = client.post(f"/bijeenkomsten/{meeting.pk}/aanwezigheid/iedereen/", follow=True)
    assert "Aanwezigheid kunt u registreren vanaf het begin" in refused.content.decode()
    response = client.post(
        f"/bijeenkomsten/{meeting.pk}/aanwezigheid/",
        {f"person_{anna.pk}": "present", f"person_{facilitator.pk}": "present"},
    )
    [message] = response.context["form"].non_field_errors()
    assert message.startswith("Aanwezigheid kunt u registreren vanaf het begin")
    assert str(start.year) in message
    assert Attendance.objects.count() == 0


def test_attendance_for_someone_outside_the_network_changes_nothing(client, network, facilitator):
    anna = make_member(network)
    outsider = make_member(NetworkFactory())
    meeting = past_meeting(network)
    services.record_attendance(meeting, by=facilitator, statuses={anna.pk: "present"})
    client.force_login(facilitator)
    data = _sheet_post(meeting, client, {anna.pk: "absent"})
    data[f"person_{outsider.pk}"] = "present"
    response = client.post(f"/bijeenkomsten/{meeting.pk}/aanwezigheid/", data)
    assert response.context["form"].non_field_errors() == [
        "Alleen leden van het netwerk kunnen worden geregistreerd."
    ]
    assert _statuses(meeting) == {anna.pk: "present"}
    # The service refuses it as well, whatever calls it, and saves none of the rest.
    with pytest.raises(ValidationError) as error:
        services.record_attendance(
            meeting, by=facilitator, statuses={anna.pk: "absent", outsider.pk: "present"}
        )
    assert error.value.messages == ["Alleen leden van het netwerk kunnen worden geregistreerd."]
    assert _statuses(meeting) == {anna.pk: "present"}


def test_two_absences_in_a_row_without_apology_tell_the_facilitator_once(
    network, facilitator, django_capture_on_commit_callbacks
):
    anna = make_member(network, first_name="Anna", last_name="Aalbers")
    bert = make_member(network)
    first, second = past_meeting(network, days_ago=40), past_meeting(network, days_ago=10)
    with django_capture_on_commit_callbacks(execute=True):
        services.record_attendance(first, by=facilitator, statuses={anna.pk: "absent"})
        services.record_attendance(second, by=facilitator, statuses={bert.pk: "absent"})
        assert mail.outbox == []  # one absence each so far
        services.record_attendance(second, by=facilitator, statuses={anna.pk: "absent"})
        services.record_attendance(second, by=facilitator, statuses={anna.pk: "absent"})
    assert [(m.to, m.subject) for m in mail.outbox] == [
        (
            [facilitator.email],
            "Anna Aalbers was twee keer afwezig zonder bericht (Verbindend Vernieuwen)",
        )
    ]


def test_an_apology_between_two_absences_sends_no_notice(network, facilitator):
    anna = make_member(network)
    meetings = [past_meeting(network, days_ago=d) for d in (60, 40, 10)]
    for meeting, status in zip(meetings, ("absent", "excused", "absent"), strict=True):
        services.record_attendance(meeting, by=facilitator, statuses={anna.pk: status})
    assert Mail.objects.count() == 0


def test_the_absence_notice_follows_the_facilitators_digest_choice(network, facilitator):
    set_frequency(facilitator, Frequency.WEEKLY)
    anna = make_member(network)
    for days_ago in (40, 10):
        services.record_attendance(
            past_meeting(network, days_ago=days_ago), by=facilitator, statuses={anna.pk: "absent"}
        )
    assert list(Mail.objects.values_list("recipient", "status")) == [
        (facilitator.pk, MailStatus.HELD)
    ]


def test_rates_per_person_and_network_count_apologies_apart(client, network, facilitator):
    anna = make_member(network, first_name="Anna", last_name="Aalbers")
    meetings = [past_meeting(network, days_ago=d) for d in (60, 40, 20, 10)]
    for meeting, status in zip(meetings, ("present", "late", "excused", "absent"), strict=True):
        services.record_attendance(meeting, by=facilitator, statuses={anna.pk: status})
    client.force_login(facilitator)
    page = client.get(f"/bijeenkomsten/netwerk/{network.slug}/aanwezigheid/")
    row = next(r for r in page.context["rows"] if r.person == anna)
    # Present or late at 2 of the 3 meetings she did not apologise for; 1 of 4 apologised.
    assert (row.rate.percentage, row.rate.excused_percentage) == (67, 25)
    html = " ".join(page.content.decode().split())
    assert (
        '<th scope="row">Anna Aalbers</th> <td>1</td> <td>1</td> <td>1</td> <td>1</td> <td>67%</td> <td>25%</td>'
        in html
    )


def test_export_as_csv_and_excel_with_dutch_labels_and_neutralised_names(
    client, network, facilitator
):
    evil = make_member(network, first_name="=HYPERLINK(1)", last_name="Ëlsa")
    meeting = past_meeting(network, title="Voorjaar")
    services.record_attendance(
        meeting, by=facilitator, statuses={evil.pk: "late", facilitator.pk: "present"}
    )
    client.force_login(facilitator)
    csv = client.get(f"/bijeenkomsten/netwerk/{network.slug}/aanwezigheid/export.csv")
    assert csv["Content-Type"] == "text/csv; charset=utf-8"
    text = csv.content.decode("utf-8")
    assert text.startswith("\ufeffDatum;Bijeenkomst;Deelnemer;E-mailadres;Aanwezigheid")
    assert ";'=HYPERLINK(1) Ëlsa;" in text
    assert text.count("Voorjaar") == 2
    assert ";Te laat" in text and ";Aanwezig" in text
    xlsx = client.get(f"/bijeenkomsten/netwerk/{network.slug}/aanwezigheid/export.xlsx")
    book = openpyxl.load_workbook(io.BytesIO(xlsx.content))
    assert book.sheetnames == ["Aanwezigheid", "Percentages"]
    registrations = list(book["Aanwezigheid"].iter_rows(values_only=True))
    assert registrations[0] == ("Datum", "Bijeenkomst", "Deelnemer", "E-mailadres", "Aanwezigheid")
    assert {r[2:] for r in registrations[1:]} == {
        ("'=HYPERLINK(1) Ëlsa", evil.email, "Te laat"),
        ("Fenna Faciliteert", facilitator.email, "Aanwezig"),
    }
    rates = {r[0]: r[1:] for r in book["Percentages"].iter_rows(values_only=True)}
    assert rates["'=HYPERLINK(1) Ëlsa"] == (0, 1, 0, 0, "100%", "0%")


def test_a_participant_cannot_export_attendance(client, network):
    participant = make_member(network)
    client.force_login(participant)
    for suffix in ("export.csv", "export.xlsx"):
        response = client.get(f"/bijeenkomsten/netwerk/{network.slug}/aanwezigheid/{suffix}")
        assert response.status_code == 404


def test_everyone_present_refused_for_someone_only_a_member(client, network, facilitator):
    meeting = past_meeting(network)
    client.force_login(make_member(network))
    assert client.post(f"/bijeenkomsten/{meeting.pk}/aanwezigheid/iedereen/").status_code == 404
    assert Attendance.objects.count() == 0


def test_a_meeting_starting_now_takes_attendance(network, facilitator):
    start = timezone.now() - datetime.timedelta(minutes=1)
    meeting = MeetingFactory(
        network=network, starts_at=start, ends_at=start + datetime.timedelta(hours=3)
    )
    assert services.mark_everyone_present(meeting, by=facilitator) == 1
