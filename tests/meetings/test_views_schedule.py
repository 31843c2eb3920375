"""Scheduling a meeting through its pages: planning it with a preparation group and the
invitations, bad times refused in Dutch with nothing saved, the next theme, changing,
cancelling and copying it, the preparation page."""

import datetime

import pytest
from django.core import mail
from django.utils import timezone

from meetings.models import Meeting
from participants.enums import Visibility
from tests.factories import (
    LearningQuestionFactory,
    MeetingFactory,
    NetworkFactory,
    make_member,
    make_penvoerder,
)
from tests.factories.meetings import past_meeting
from tests.meetings.views_helpers import _future, _meeting_post

pytestmark = pytest.mark.django_db


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
    assert mail.outbox[0].subject == "Uitnodiging: Verbinden in de school (Verbindend Vernieuwen)"
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
    assert mail.outbox[0].subject == "Gewijzigd: Verbinden in de school (Verbindend Vernieuwen)"


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
    assert [m.subject for m in mail.outbox] == ["Geannuleerd: Voorjaar (Verbindend Vernieuwen)"]


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
