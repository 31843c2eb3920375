"""Same number of queries with 1 and with 50 meetings (or members) on the list pages."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from meetings import services
from tests.factories import (
    LearningQuestionFactory,
    MeetingFactory,
    NetworkFactory,
    make_facilitator,
    make_member,
)
from tests.factories.meetings import (
    BuddyGroupFactory,
    CaseFactory,
    ContactMomentFactory,
    DatePollFactory,
    GuestSpeakerFactory,
    PollAnswerFactory,
    PollOptionFactory,
    ResponseFactory,
    past_meeting,
)

pytestmark = pytest.mark.django_db


def _meetings(network, count, person):
    for i in range(count):
        start = (timezone.localtime() + datetime.timedelta(days=3 + i)).replace(
            hour=16, minute=0, second=0, microsecond=0
        )
        meeting = MeetingFactory(
            network=network, starts_at=start, ends_at=start + datetime.timedelta(hours=3)
        )
        ResponseFactory(meeting=meeting, person=person)


@pytest.mark.parametrize("count", [1, 50])
def test_meeting_list_queries_do_not_grow(client, django_assert_num_queries, count):
    network = NetworkFactory()
    person = make_member(network)
    _meetings(network, count, person)
    for _ in range(count):
        PollOptionFactory(poll=DatePollFactory(network=network))
    client.force_login(person)
    # Two of them: the person's networks (read once per request) and their open date polls.
    with django_assert_num_queries(9):
        response = client.get(reverse("meetings:meeting-list"))
    assert len(response.context["meetings"]) == min(count, 20)
    assert len(response.context["open_polls"]) == count


@pytest.mark.parametrize("count", [1, 50])
def test_attendance_screen_queries_do_not_grow(client, django_assert_num_queries, count):
    network = NetworkFactory()
    facilitator = make_facilitator(network)
    for _ in range(count):
        make_member(network)
    _meetings(network, count, facilitator)
    meeting = past_meeting(network)
    client.force_login(facilitator)
    with django_assert_num_queries(10):
        response = client.get(reverse("meetings:attendance", kwargs={"pk": meeting.pk}))
    assert len(response.context["form"].rows) == count + 1


@pytest.mark.parametrize("count", [1, 50])
def test_feed_queries_do_not_grow(client, django_assert_num_queries, count):
    network = NetworkFactory()
    person = make_member(network)
    _meetings(network, count, person)
    token = services.calendar_feed_token_for(person).token
    # 5: the person's chosen alarm (VALARM) is read once as well.
    with django_assert_num_queries(5):
        response = client.get(reverse("meetings:feed", kwargs={"token": token}))
    assert response.content.decode().count("BEGIN:VEVENT") == count


@pytest.mark.parametrize("count", [1, 50])
def test_network_meetings_page_queries_do_not_grow(client, django_assert_num_queries, count):
    network = NetworkFactory()
    person = make_member(network)
    _meetings(network, count, person)
    client.force_login(person)
    with django_assert_num_queries(10):
        client.get(reverse("meetings:network-meetings", kwargs={"slug": network.slug}))


@pytest.mark.parametrize("count", [1, 50])
def test_meeting_detail_queries_do_not_grow(client, django_assert_num_queries, count):
    network = NetworkFactory()
    facilitator = make_facilitator(network)
    meeting = MeetingFactory(network=network)
    for _ in range(count):
        member = make_member(network)
        ResponseFactory(meeting=meeting, person=member)
        CaseFactory(meeting=meeting, author=member)
        GuestSpeakerFactory(meeting=meeting)
        question = LearningQuestionFactory(owner=member, visibility="network")
        question.networks.add(network)
    meeting.preparation_group.set([facilitator])
    client.force_login(facilitator)
    with django_assert_num_queries(14):  # 14 + the briefing's earlier themes and questions
        client.get(meeting.get_absolute_url())


@pytest.mark.parametrize("count", [1, 50])
def test_network_section_slot_queries_do_not_grow(client, django_assert_num_queries, count):
    network = NetworkFactory()
    person = make_member(network)
    _meetings(network, count, person)
    for i in range(count):
        past_meeting(network, days_ago=10 + i)
        others = [make_member(network), make_member(network)]
        BuddyGroupFactory(network=network, members=others)
        ContactMomentFactory(network=network, participants=others)
    from django.template import Context, Template
    from django.test import RequestFactory

    request = RequestFactory().get("/")
    request.user = person
    template = Template("{% load meetings_slots %}{% meetings_network_section network %}")
    with django_assert_num_queries(9):
        html = template.render(Context({"request": request, "network": network}))
    assert "Maatjesgroepen" in html


@pytest.mark.parametrize("count", [1, 50])
def test_start_section_slot_queries_do_not_grow(django_assert_num_queries, count):
    network = NetworkFactory()
    person = make_member(network)
    _meetings(network, count, person)
    for _ in range(count):
        PollOptionFactory(poll=DatePollFactory(network=network))
    from django.template import Context, Template
    from django.test import RequestFactory

    request = RequestFactory().get("/")
    request.user = person
    person.request_memo = {}  # as ViewerMemoMiddleware gives every signed-in request
    template = Template("{% load meetings_slots %}{% meetings_start_section %}")
    # The person's networks (once per request, shared with the page's other sections), the
    # meetings, the open date polls.
    with django_assert_num_queries(3):
        html = template.render(Context({"request": request}))
    assert html.count("list-group-item") == min(count, 10) + count


@pytest.mark.parametrize("count", [1, 30])
def test_poll_page_queries_do_not_grow(client, django_assert_num_queries, count):
    network = NetworkFactory()
    facilitator = make_facilitator(network)
    poll = DatePollFactory(network=network)
    options = [PollOptionFactory(poll=poll) for _ in range(count)]
    for _ in range(count):
        member = make_member(network)
        for option in options:
            PollAnswerFactory(option=option, person=member, answer="yes")
    client.force_login(facilitator)
    with django_assert_num_queries(11):
        response = client.get(reverse("meetings:poll-detail", kwargs={"pk": poll.pk}))
    assert len(response.context["table"].rows) == count + 1
