"""Meeting pages: content, actions, bad input (Dutch message at the field, nothing saved)."""

import datetime

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from meetings.models import (
    Attendance,
    BuddyGroup,
    Case,
    ContactMoment,
    DatePoll,
    Meeting,
    PollAnswer,
    Response,
)
from participants.enums import Visibility
from tests.factories import (
    LearningQuestionFactory,
    MeetingFactory,
    NetworkFactory,
    make_facilitator,
    make_member,
    make_penvoerder,
)
from tests.factories.meetings import past_meeting
from tests.meetings.pages import text_of

pytestmark = pytest.mark.django_db
FMT = "%Y-%m-%dT%H:%M"


def _future(days=10, hour=16):
    return (timezone.localtime() + datetime.timedelta(days=days)).replace(
        hour=hour, minute=0, second=0, microsecond=0
    )


def _meeting_post(starts_at, ends_at, **extra):
    return {
        "title": "Verbinden in de school",
        "theme": "Samen leren",
        "starts_at": starts_at.strftime(FMT),
        "ends_at": ends_at.strftime(FMT),
        "location": "Utrecht",
        "address": "Domplein 1",
        "form": "16:00-19:00",
        "agenda": "Opening, casus, afsluiting",
        **extra,
    }


@pytest.fixture
def network():
    return NetworkFactory(name="Verbindend Vernieuwen")


@pytest.fixture
def facilitator(network):
    return make_facilitator(network)


def test_facilitator_schedules_meeting_with_preparation_group_and_invites(
    client, network, facilitator, django_capture_on_commit_callbacks
):
    members = [make_member(network) for _ in range(3)]
    client.force_login(facilitator)
    start = _future()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            f"/bijeenkomsten/netwerk/{network.slug}/nieuw/",
            _meeting_post(
                start,
                start + datetime.timedelta(hours=3),
                preparation_group=[m.pk for m in members],
                academy_invited="on",
            ),
            follow=True,
        )
    meeting = Meeting.objects.get()
    assert set(meeting.preparation_group.all()) == set(members)
    assert meeting.academy_invited is True
    page = response.content.decode()
    assert "De bijeenkomst is gepland en de deelnemers zijn uitgenodigd." in page
    assert "Verbinden in de school" in page
    assert sorted(m.to[0] for m in mail.outbox) == sorted(p.email for p in [*members, facilitator])
    assert mail.outbox[0].subject == "Uitnodiging: Verbinden in de school"
    assert mail.outbox[0].attachments[0][2].startswith("text/calendar")


def test_penvoerder_may_schedule_too(client, network):
    penvoerder = make_penvoerder(network)
    client.force_login(penvoerder)
    start = _future()
    client.post(
        f"/bijeenkomsten/netwerk/{network.slug}/nieuw/",
        _meeting_post(start, start + datetime.timedelta(hours=4)),
    )
    assert Meeting.objects.filter(network=network).count() == 1


@pytest.mark.parametrize(
    "start_offset,length,field,message",
    [
        (10, -1, "ends_at", "Het einde moet na het begin liggen."),
        (10, 49, "ends_at", "Een bijeenkomst duurt hoogstens 48 uur."),
        (-2, 3, "starts_at", "Een nieuwe bijeenkomst kan niet in het verleden beginnen."),
    ],
    ids=["end-before-start", "longer-than-48-hours", "in-the-past"],
)
def test_schedule_bad_times_show_dutch_message_and_save_nothing(
    client, network, facilitator, start_offset, length, field, message
):
    client.force_login(facilitator)
    start = _future(days=start_offset)
    response = client.post(
        f"/bijeenkomsten/netwerk/{network.slug}/nieuw/",
        _meeting_post(start, start + datetime.timedelta(hours=length)),
    )
    assert response.status_code == 200
    assert response.context["form"].errors[field] == [message]
    assert message in response.content.decode()
    assert Meeting.objects.count() == 0


def test_twenty_four_hours_over_two_days_is_fine(client, network, facilitator):
    client.force_login(facilitator)
    start = _future()
    client.post(
        f"/bijeenkomsten/netwerk/{network.slug}/nieuw/",
        _meeting_post(start, start + datetime.timedelta(hours=24)),
    )
    assert Meeting.objects.get().duration_hours == 24


def test_preparation_group_from_another_network_is_refused(client, network, facilitator):
    outsider = make_member(NetworkFactory())
    client.force_login(facilitator)
    start = _future()
    response = client.post(
        f"/bijeenkomsten/netwerk/{network.slug}/nieuw/",
        _meeting_post(start, start + datetime.timedelta(hours=3), preparation_group=[outsider.pk]),
    )
    assert response.context["form"].errors["preparation_group"] == [
        "Kies alleen leden van dit netwerk."
    ]
    assert Meeting.objects.count() == 0


def test_next_theme_is_offered_when_the_next_meeting_is_prepared(client, network, facilitator):
    held = past_meeting(network)
    client.force_login(facilitator)
    client.post(f"/bijeenkomsten/{held.pk}/volgend-thema/", {"next_theme": "Feedback geven"})
    response = client.get(f"/bijeenkomsten/netwerk/{network.slug}/nieuw/")
    assert response.context["form"]["theme"].value() == "Feedback geven"
    assert "Feedback geven" in response.content.decode()


def test_update_raises_sequence_keeps_uid_and_notifies(
    client, network, facilitator, django_capture_on_commit_callbacks
):
    member = make_member(network)
    meeting = MeetingFactory(network=network)
    uid = meeting.uid
    client.force_login(facilitator)
    start = _future(days=20)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            f"/bijeenkomsten/{meeting.pk}/bewerken/",
            _meeting_post(start, start + datetime.timedelta(hours=3)),
        )
    meeting.refresh_from_db()
    assert (meeting.uid, meeting.sequence, meeting.starts_at) == (uid, 1, start)
    assert sorted(m.to[0] for m in mail.outbox) == sorted([member.email, facilitator.email])
    assert mail.outbox[0].subject == "Gewijzigd: Verbinden in de school"


def test_cancel_shows_confirmation_then_cancels_and_notifies(
    client, network, facilitator, django_capture_on_commit_callbacks
):
    meeting = MeetingFactory(network=network, title="Voorjaar")
    client.force_login(facilitator)
    page = client.get(f"/bijeenkomsten/{meeting.pk}/annuleren/").content.decode()
    assert "Wilt u “Voorjaar” annuleren?" in page
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/bijeenkomsten/{meeting.pk}/annuleren/", follow=True)
    meeting.refresh_from_db()
    assert (meeting.status, meeting.sequence) == ("cancelled", 1)
    assert "De bijeenkomst is geannuleerd" in response.content.decode()
    assert [m.subject for m in mail.outbox] == ["Geannuleerd: Voorjaar"]


def test_copy_prefills_a_future_date_and_same_fields(client, network, facilitator):
    meeting = past_meeting(network, days_ago=30, title="Herfst", location="Zwolle")
    client.force_login(facilitator)
    form = client.get(f"/bijeenkomsten/{meeting.pk}/kopieren/").context["form"]
    assert form["title"].value() == "Herfst"
    assert form["location"].value() == "Zwolle"
    assert form.initial["starts_at"] > timezone.now()
    assert form.initial["ends_at"] - form.initial["starts_at"] == datetime.timedelta(hours=3)


def test_preparation_page_lists_shared_questions_never_private(client, network, facilitator):
    meeting = MeetingFactory(network=network)
    owner = make_member(network)
    for title, visibility in [
        ("Gedeeld met netwerk", Visibility.NETWORK),
        ("Gedeeld met facilitator", Visibility.FACILITATOR),
        ("Privé vraag", Visibility.PRIVATE),
    ]:
        LearningQuestionFactory(owner=owner, title=title, visibility=visibility).networks.add(
            network
        )
    client.force_login(facilitator)
    page = client.get(f"/bijeenkomsten/{meeting.pk}/voorbereiding/").content.decode()
    assert "Gedeeld met netwerk" in page
    assert "Gedeeld met facilitator" in page
    assert "Privé vraag" not in page


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


def test_date_poll_without_dates_is_refused(client, network, facilitator):
    client.force_login(facilitator)
    response = client.post(
        f"/bijeenkomsten/netwerk/{network.slug}/prikken/nieuw/", {"title": "Voorjaar"}
    )
    assert response.context["form"].errors["option_1_date"] == ["Stel minstens één datum voor."]
    assert DatePoll.objects.count() == 0


def test_date_poll_flow_answer_tally_choose(
    client, network, facilitator, django_capture_on_commit_callbacks
):
    member = make_member(network)
    late = make_member(network, first_name="Laat", last_name="Komer")
    client.force_login(facilitator)
    day1, day2 = (timezone.localdate() + datetime.timedelta(days=d) for d in (30, 37))
    response = client.post(
        f"/bijeenkomsten/netwerk/{network.slug}/prikken/nieuw/",
        {
            "title": "Voorjaar",
            "option_1_date": day1.isoformat(),
            "option_1_start": "16:00",
            "option_1_end": "19:00",
            "option_2_date": day2.isoformat(),
            "option_2_start": "09:00",
            "option_2_end": "13:00",
        },
        follow=True,
    )
    poll = DatePoll.objects.get()
    first, second = poll.options.all()
    assert "De datumprikker is geopend; de deelnemers krijgen bericht." in (
        response.content.decode()
    )
    client.force_login(member)
    client.post(
        f"/bijeenkomsten/prikken/{poll.pk}/",
        {f"option_{first.pk}": "no", f"option_{second.pk}": "yes"},
    )
    assert PollAnswer.objects.filter(person=member).count() == 2
    client.force_login(facilitator)
    page = client.get(f"/bijeenkomsten/prikken/{poll.pk}/")
    assert page.context["table"].best == second.pk
    assert {m.pk for m in page.context["table"].not_answered} == {facilitator.pk, late.pk}
    assert [(t.yes, t.no) for t in page.context["table"].tallies] == [(0, 1), (1, 0)]
    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"/bijeenkomsten/prikken/{poll.pk}/herinneren/")
        client.post(f"/bijeenkomsten/prikken/{poll.pk}/herinneren/")
    assert sorted(m.to[0] for m in mail.outbox) == sorted([facilitator.email, late.email])
    form = client.get(f"/bijeenkomsten/prikken/{poll.pk}/kiezen/{second.pk}/").context["form"]
    assert form["title"].value() == "Voorjaar"
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            f"/bijeenkomsten/prikken/{poll.pk}/kiezen/{second.pk}/",
            _meeting_post(
                timezone.localtime(second.starts_at),
                timezone.localtime(second.ends_at),
                title="Voorjaar",
                location="Ede",
            ),
        )
    poll.refresh_from_db()
    assert poll.meeting.starts_at == second.starts_at
    assert (poll.meeting.title, poll.meeting.location) == ("Voorjaar", "Ede")
    # One mail per member: the invitation with the details, no change notice after it.
    assert sorted(m.subject for m in mail.outbox) == ["Uitnodiging: Voorjaar"] * 3
    assert sorted(m.to[0] for m in mail.outbox) == sorted(
        [facilitator.email, member.email, late.email]
    )


def test_buddy_group_formed_with_suggestion_shown(client, network, facilitator):
    a, b, c = (make_member(network) for _ in range(3))
    client.force_login(facilitator)
    page = client.get(f"/bijeenkomsten/netwerk/{network.slug}/maatjesgroepen/")
    assert page.context["suggestion"]
    response = client.post(
        f"/bijeenkomsten/netwerk/{network.slug}/maatjesgroepen/",
        {"name": "Noord", "members": [a.pk, b.pk, c.pk]},
        follow=True,
    )
    assert "De maatjesgroep is gevormd." in response.content.decode()
    assert set(BuddyGroup.objects.get().members.all()) == {a, b, c}


@pytest.mark.parametrize("size", [1, 6])
def test_buddy_group_outside_two_to_five_is_refused(client, network, facilitator, size):
    people = [make_member(network) for _ in range(size)]
    client.force_login(facilitator)
    response = client.post(
        f"/bijeenkomsten/netwerk/{network.slug}/maatjesgroepen/",
        {"name": "Te groot of klein", "members": [p.pk for p in people]},
    )
    assert response.context["form"].errors["members"] == [
        "Een maatjesgroep heeft twee tot vijf leden."
    ]
    assert BuddyGroup.objects.count() == 0


def test_buddy_group_with_someone_from_another_network_is_refused(client, network, facilitator):
    member = make_member(network)
    outsider = make_member(NetworkFactory())
    client.force_login(facilitator)
    response = client.post(
        f"/bijeenkomsten/netwerk/{network.slug}/maatjesgroepen/",
        {"name": "Gemengd", "members": [member.pk, outsider.pk]},
    )
    assert response.context["form"].errors["members"] == ["Kies alleen deelnemers van dit netwerk."]
    assert BuddyGroup.objects.count() == 0


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


def test_planner_proposes_and_creates_the_adjusted_series(client, network, facilitator):
    client.force_login(facilitator)
    first = timezone.localdate() + datetime.timedelta(days=21)
    response = client.post(
        f"/bijeenkomsten/netwerk/{network.slug}/jaarplanner/",
        {
            "step": "propose",
            "first_date": first.isoformat(),
            "per_year": 3,
            "count": 3,
            "preset": "evening",
            "weekday": "1",
        },
    )
    confirm = response.context["confirm_form"]
    assert confirm.count == 3
    data = {"count": "3"}
    for i in range(3):
        data[f"include_{i}"] = "on" if i != 2 else ""
        data[f"title_{i}"] = f"Bijeenkomst {i + 1}"
        data[f"starts_at_{i}"] = confirm.initial[f"starts_at_{i}"].strftime(FMT)
        data[f"ends_at_{i}"] = confirm.initial[f"ends_at_{i}"].strftime(FMT)
    data["starts_at_1"] = data["starts_at_1"][:11] + "15:00"  # the facilitator adjusts
    response = client.post(f"/bijeenkomsten/netwerk/{network.slug}/jaarplanner/", data, follow=True)
    assert "2 bijeenkomsten zijn gepland." in response.content.decode()
    meetings = list(Meeting.objects.order_by("starts_at"))
    assert [m.title for m in meetings] == ["Bijeenkomst 1", "Bijeenkomst 2"]
    assert timezone.localtime(meetings[1].starts_at).hour == 15
    assert all(timezone.localtime(m.starts_at).weekday() == 1 for m in meetings)


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


def test_buddy_suggestion_never_places_a_facilitator(client, network, facilitator):
    """Issue 13 item 9: the facilitator runs the network and is in no suggested group; the
    penvoerder (a participant as well) is."""
    from tests.factories import make_facilitator, make_penvoerder

    second_facilitator = make_facilitator(network)
    penvoerder = make_penvoerder(network)
    participants = [make_member(network) for _ in range(5)]
    client.force_login(facilitator)

    page = client.get(f"/bijeenkomsten/netwerk/{network.slug}/maatjesgroepen/")

    placed = {person for group in page.context["suggestion"] for person in group}
    assert placed == {penvoerder, *participants}
    assert {facilitator, second_facilitator} & placed == set()
