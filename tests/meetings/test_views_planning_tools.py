"""The facilitator's planning tools through their pages: a date poll from opening to the
chosen meeting, buddy groups (sizes, other networks, the suggestion), the year planner."""

import datetime

import pytest
from django.core import mail
from django.utils import timezone

from meetings.models import BuddyGroup, DatePoll, Meeting, PollAnswer
from tests.factories import NetworkFactory, make_member
from tests.meetings.views_helpers import FMT, _meeting_post

pytestmark = pytest.mark.django_db


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
    assert (
        sorted(m.subject for m in mail.outbox)
        == ["Uitnodiging: Voorjaar (Verbindend Vernieuwen)"] * 3
    )
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
