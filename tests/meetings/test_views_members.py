"""Meeting pages from the members' side: answering (with an apology, not after the
meeting), cases, the attendance screen, the contact log, the start page and network page
sections, the meeting's date."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from meetings.models import Attendance, Case, ContactMoment, Response
from tests.factories import MeetingFactory, NetworkFactory, make_member
from tests.factories.meetings import past_meeting
from tests.meetings.pages import text_of

pytestmark = pytest.mark.django_db


def test_member_answers_komt_niet_with_apology_and_facilitator_sees_it(
    client, network, facilitator
):
    member = make_member(network, first_name="Ans", last_name="de Vries")
    silent = make_member(network, first_name="Bram", last_name="Stil")
    meeting = MeetingFactory(network=network)
    client.force_login(member)
    response = client.post(
        f"/bijeenkomsten/{meeting.pk}/antwoord/",
        {"answer": "not_coming", "apology": "Ouderavond"},
        follow=True,
    )
    assert "Dank u, uw antwoord is opgeslagen." in response.content.decode()
    assert Response.objects.get().apology == "Ouderavond"
    client.force_login(facilitator)
    page = client.get(f"/bijeenkomsten/{meeting.pk}/").content.decode()
    assert "Komt niet" in page and "Ouderavond" in page
    assert "Niet gereageerd" in page and str(silent) in page


def test_answer_after_the_meeting_is_refused_in_dutch(client, network):
    member = make_member(network)
    meeting = past_meeting(network)
    client.force_login(member)
    response = client.post(f"/bijeenkomsten/{meeting.pk}/antwoord/", {"answer": "coming"})
    assert response.context["form"].errors["answer"] == [
        "De bijeenkomst is voorbij; u kunt niet meer reageren."
    ]
    assert Response.objects.count() == 0


def test_member_adds_case_visible_to_network_only(client, network):
    member = make_member(network)
    outsider = make_member(NetworkFactory())
    meeting = MeetingFactory(network=network)
    client.force_login(member)
    client.post(
        f"/bijeenkomsten/{meeting.pk}/casus/",
        {"title": "Weerstand in team", "description": "Lastig"},
    )
    assert Case.objects.get().author == member
    assert "Weerstand in team" in client.get(f"/bijeenkomsten/{meeting.pk}/").content.decode()
    client.force_login(outsider)
    assert client.get(f"/bijeenkomsten/{meeting.pk}/").status_code == 404


def test_attendance_screen_registers_all_members_in_one_go(client, network, facilitator):
    a, b, c = (make_member(network) for _ in range(3))
    meeting = past_meeting(network)
    Response.objects.create(meeting=meeting, person=c, answer="not_coming")
    client.force_login(facilitator)
    form = client.get(f"/bijeenkomsten/{meeting.pk}/aanwezigheid/").context["form"]
    assert form[f"person_{c.pk}"].initial == "excused"
    response = client.post(
        f"/bijeenkomsten/{meeting.pk}/aanwezigheid/",
        {
            f"person_{a.pk}": "present",
            f"person_{b.pk}": "absent",
            f"person_{c.pk}": "excused",
            f"person_{facilitator.pk}": "present",
        },
        follow=True,
    )
    assert "De aanwezigheid is vastgelegd." in response.content.decode()
    assert dict(Attendance.objects.values_list("person_id", "status")) == {
        a.pk: "present",
        b.pk: "absent",
        c.pk: "excused",
        facilitator.pk: "present",
    }
    rates = client.get(f"/bijeenkomsten/netwerk/{network.slug}/aanwezigheid/")
    # Apologies apart: 2 attended of the 3 not apologised for; 1 of 4 apologised.
    assert text_of(rates, "network-rate") == (
        "Netwerk, over 1 geregistreerde bijeenkomsten: 67% aanwezig, "
        "25% van de registraties vooraf afgemeld."
    )


def test_contact_log_member_records_a_moment(client, network):
    a, b = make_member(network), make_member(network)
    client.force_login(a)
    response = client.post(
        f"/bijeenkomsten/netwerk/{network.slug}/contactmomenten/",
        {
            "date": timezone.localdate().isoformat(),
            "participants": [a.pk, b.pk],
            "note": "Schoolbezoek",
        },
        follow=True,
    )
    assert "Het contactmoment is vastgelegd." in response.content.decode()
    assert "Schoolbezoek" in response.content.decode()
    assert set(ContactMoment.objects.get().participants.all()) == {a, b}


def test_start_page_lists_upcoming_meetings_with_my_answer(client, network):
    member = make_member(network)
    meeting = MeetingFactory(network=network, title="Komende sessie")
    Response.objects.create(meeting=meeting, person=member, answer="maybe")
    MeetingFactory(title="Van een ander netwerk")
    client.force_login(member)
    page = client.get(reverse("networks:my-networks")).content.decode()
    assert "Komende sessie" in page
    assert "Misschien" in page
    assert "Van een ander netwerk" not in page


def test_network_page_section_has_plan_button_for_organisers_only(client, network, facilitator):
    member = make_member(network)
    MeetingFactory(network=network, title="Netwerkdag")
    client.force_login(facilitator)
    page = client.get(network.get_absolute_url()).content.decode()
    assert "Netwerkdag" in page and "Bijeenkomst plannen" in page
    client.force_login(member)
    page = client.get(network.get_absolute_url()).content.decode()
    assert "Netwerkdag" in page and "Bijeenkomst plannen" not in page


def test_meeting_date_shows_the_month_abbreviation_in_lower_case(client, network):
    member = make_member(network)
    amsterdam = timezone.get_default_timezone()
    starts_at = datetime.datetime(2027, 3, 4, 16, 0, tzinfo=amsterdam)
    meeting = MeetingFactory(network=network, starts_at=starts_at)
    client.force_login(member)
    page = client.get(meeting.get_absolute_url()).content.decode()
    assert "do 4 mrt 2027, 16:00" in page
    assert "Mrt" not in page
