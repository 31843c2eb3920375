"""Every meeting URL against the role matrix: facilitator of the network and of another,
participant of the network and of another, staff, anonymous. Not allowed answers 404."""

import pytest

from meetings import rules as meeting_rules  # noqa: F401  (registers the permissions)
from meetings.models import Meeting
from tests.factories import (
    MeetingFactory,
    NetworkFactory,
    make_facilitator,
    make_member,
    make_staff,
)
from tests.factories.meetings import BuddyGroupFactory, DatePollFactory, PollOptionFactory

pytestmark = pytest.mark.django_db

ROLES = ["facilitator", "other_facilitator", "participant", "other_participant", "staff"]
MEMBERS_AND_STAFF = {"facilitator", "participant", "staff"}
MEMBERS = {"facilitator", "participant"}
ORGANISER = {"facilitator"}
ORGANISER_AND_STAFF = {"facilitator", "staff"}
EVERYONE = set(ROLES)

# (url template, who may open it with GET, the status they get)
URLS = [
    ("/bijeenkomsten/", EVERYONE, 200),
    ("/bijeenkomsten/netwerk/{slug}/", MEMBERS_AND_STAFF, 200),
    ("/bijeenkomsten/netwerk/{slug}/nieuw/", ORGANISER, 200),
    ("/bijeenkomsten/netwerk/{slug}/jaarplanner/", ORGANISER, 200),
    ("/bijeenkomsten/netwerk/{slug}/aanwezigheid/", ORGANISER_AND_STAFF, 200),
    ("/bijeenkomsten/netwerk/{slug}/prikken/nieuw/", ORGANISER, 200),
    ("/bijeenkomsten/netwerk/{slug}/maatjesgroepen/", MEMBERS_AND_STAFF, 200),
    ("/bijeenkomsten/netwerk/{slug}/contactmomenten/", MEMBERS_AND_STAFF, 200),
    ("/bijeenkomsten/maatjesgroepen/{group}/opheffen/", ORGANISER, 200),
    ("/bijeenkomsten/{meeting}/", MEMBERS_AND_STAFF, 200),
    ("/bijeenkomsten/{meeting}/bewerken/", ORGANISER, 200),
    ("/bijeenkomsten/{meeting}/kopieren/", ORGANISER, 200),
    ("/bijeenkomsten/{meeting}/annuleren/", ORGANISER, 200),
    ("/bijeenkomsten/{meeting}/voorbereiding/", ORGANISER, 200),
    ("/bijeenkomsten/{meeting}/gastspreker/", ORGANISER, 200),
    ("/bijeenkomsten/{meeting}/antwoord/", MEMBERS, 200),
    ("/bijeenkomsten/{meeting}/casus/", MEMBERS, 200),
    ("/bijeenkomsten/{meeting}/volgend-thema/", ORGANISER, 200),
    ("/bijeenkomsten/{meeting}/aanwezigheid/", ORGANISER, 200),
    ("/bijeenkomsten/{meeting}/agenda.ics", MEMBERS_AND_STAFF, 200),
    ("/bijeenkomsten/prikken/{poll}/", MEMBERS_AND_STAFF, 200),
    ("/bijeenkomsten/prikken/{poll}/kiezen/{option}/", ORGANISER, 200),
    ("/bijeenkomsten/prikken/{poll}/herinneren/", ORGANISER, 405),
    ("/bijeenkomsten/agenda-abonnement/", EVERYONE, 200),
    ("/bijeenkomsten/agenda-abonnement/vernieuwen/", EVERYONE, 405),
]


@pytest.fixture
def world():
    network, other = NetworkFactory(), NetworkFactory()
    people = {
        "facilitator": make_facilitator(network),
        "other_facilitator": make_facilitator(other),
        "participant": make_member(network),
        "other_participant": make_member(other),
        "staff": make_staff(),
    }
    second = make_member(network)
    meeting = MeetingFactory(network=network)
    poll = DatePollFactory(network=network)
    option = PollOptionFactory(poll=poll)
    group = BuddyGroupFactory(network=network, members=[people["participant"], second])
    ids = {
        "slug": network.slug,
        "meeting": meeting.pk,
        "poll": poll.pk,
        "option": option.pk,
        "group": group.pk,
    }
    return people, ids


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("url,allowed,status", URLS, ids=[u[0] for u in URLS])
def test_meeting_url_role_matrix(client, world, role, url, allowed, status):
    people, ids = world
    client.force_login(people[role])
    response = client.get(url.format(**ids))
    assert response.status_code == (status if role in allowed else 404)


@pytest.mark.parametrize("url,allowed,status", URLS, ids=[u[0] for u in URLS])
def test_meeting_url_anonymous_goes_to_login(client, world, url, allowed, status):
    _people, ids = world
    response = client.get(url.format(**ids))
    assert response.status_code == 302
    assert response["Location"].startswith("/account/inloggen/")


@pytest.mark.parametrize(
    "role,expected",
    [
        ("facilitator", 200),
        ("participant", 200),
        ("staff", 200),
        ("other_facilitator", 404),
        ("other_participant", 404),
    ],
)
def test_meeting_detail_shows_the_meeting_only_to_allowed(client, world, role, expected):
    people, ids = world
    client.force_login(people[role])
    response = client.get(f"/bijeenkomsten/{ids['meeting']}/")
    assert response.status_code == expected
    if expected == 200:
        assert Meeting.objects.get(pk=ids["meeting"]).title in response.content.decode()


@pytest.mark.parametrize(
    "role,can_post",
    [("facilitator", True), ("participant", False), ("staff", False), ("other_facilitator", False)],
)
def test_cancel_post_only_by_organiser(client, world, role, can_post):
    people, ids = world
    client.force_login(people[role])
    response = client.post(f"/bijeenkomsten/{ids['meeting']}/annuleren/")
    meeting = Meeting.objects.get(pk=ids["meeting"])
    assert response.status_code == (302 if can_post else 404)
    assert meeting.status == ("cancelled" if can_post else "scheduled")


def test_meeting_visible_to_agrees_with_view_permission(world):
    people, ids = world
    other_meeting = MeetingFactory()
    for person in people.values():
        for meeting in Meeting.objects.filter(pk__in=[ids["meeting"], other_meeting.pk]):
            visible = Meeting.objects.visible_to(person).filter(pk=meeting.pk).exists()
            assert visible == person.has_perm("meetings.view_meeting", meeting)


def test_feed_with_wrong_token_is_404_even_for_logged_in(client, world):
    people, _ids = world
    client.force_login(people["participant"])
    assert client.get("/bijeenkomsten/agenda/niet-het-goede-token.ics").status_code == 404


def test_other_querysets_agree_with_view_permissions(world):
    from meetings.models import BuddyGroup, Case, ContactMoment, DatePoll
    from tests.factories.meetings import CaseFactory, ContactMomentFactory

    people, ids = world
    meeting = Meeting.objects.get(pk=ids["meeting"])
    objects = [
        (DatePoll, DatePoll.objects.get(pk=ids["poll"]), "meetings.view_datepoll"),
        (DatePoll, DatePollFactory(), "meetings.view_datepoll"),
        (Case, CaseFactory(meeting=meeting), "meetings.view_meeting"),
        (Case, CaseFactory(), "meetings.view_meeting"),
        (BuddyGroup, BuddyGroup.objects.get(pk=ids["group"]), "meetings.view_buddygroups"),
        (BuddyGroup, BuddyGroupFactory(), "meetings.view_buddygroups"),
        (ContactMoment, ContactMomentFactory(network=meeting.network), "meetings.view_contact_log"),
        (ContactMoment, ContactMomentFactory(), "meetings.view_contact_log"),
    ]
    for person in people.values():
        for model, obj, perm in objects:
            visible = model.objects.visible_to(person).filter(pk=obj.pk).exists()
            target = obj.meeting if model is Case else obj
            assert visible == person.has_perm(perm, target), (model, person)
