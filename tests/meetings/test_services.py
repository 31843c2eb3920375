"""Services, the demo data and the privacy contract."""

import pytest
from django.core.exceptions import ValidationError

from meetings import demo, privacy, services
from meetings.models import (
    Attendance,
    BuddyGroup,
    Case,
    ContactMoment,
    DatePoll,
    PollAnswer,
    Response,
)
from tests.factories import MeetingFactory, NetworkFactory, make_facilitator, make_member
from tests.factories.meetings import (
    BuddyGroupFactory,
    CaseFactory,
    ContactMomentFactory,
    PollAnswerFactory,
    ResponseFactory,
    past_meeting,
)

pytestmark = pytest.mark.django_db


def test_record_attendance_is_idempotent_and_updates():
    network = NetworkFactory()
    facilitator = make_facilitator(network)
    member = make_member(network)
    meeting = past_meeting(network)
    statuses = {member.pk: "present", facilitator.pk: "present"}
    services.record_attendance(meeting, by=facilitator, statuses=statuses)
    services.record_attendance(meeting, by=facilitator, statuses=statuses)
    assert Attendance.objects.count() == 2
    services.record_attendance(meeting, by=facilitator, statuses={member.pk: "excused"})
    assert Attendance.objects.get(person=member).status == "excused"


def test_record_attendance_refuses_outsiders():
    network = NetworkFactory()
    facilitator = make_facilitator(network)
    outsider = make_member(NetworkFactory())
    with pytest.raises(ValidationError):
        services.record_attendance(
            past_meeting(network), by=facilitator, statuses={outsider.pk: "present"}
        )
    assert Attendance.objects.count() == 0


def test_buddy_group_service_refuses_other_network_member():
    network = NetworkFactory()
    facilitator = make_facilitator(network)
    member, outsider = make_member(network), make_member(NetworkFactory())
    with pytest.raises(ValidationError) as error:
        services.form_buddy_group(network, by=facilitator, name="X", members=[member, outsider])
    assert "members" in error.value.message_dict
    assert BuddyGroup.objects.count() == 0


def test_create_date_poll_without_dates_raises_at_first_date():
    network = NetworkFactory()
    with pytest.raises(ValidationError) as error:
        services.create_date_poll(network, by=make_facilitator(network), title="X", options=[])
    assert list(error.value.message_dict) == ["option_1_date"]
    assert DatePoll.objects.count() == 0


def test_respond_to_cancelled_meeting_is_refused():
    network = NetworkFactory()
    member = make_member(network)
    meeting = MeetingFactory(network=network, status="cancelled")
    with pytest.raises(ValidationError):
        services.respond_to_meeting(meeting, person=member, answer="coming")
    assert Response.objects.count() == 0


def test_seed_demo_extras_is_idempotent_and_skips_missing_networks():
    network = NetworkFactory(slug="verbindend-vernieuwen")
    make_facilitator(network)
    for _ in range(6):
        make_member(network)
    MeetingFactory(network=network)
    demo.seed_demo_extras()
    counts = [
        m.objects.count() for m in (DatePoll, PollAnswer, Response, Case, BuddyGroup, ContactMoment)
    ]
    demo.seed_demo_extras()
    assert [
        m.objects.count() for m in (DatePoll, PollAnswer, Response, Case, BuddyGroup, ContactMoment)
    ] == counts
    assert all(counts)


def test_privacy_export_and_erase():
    network = NetworkFactory()
    person = make_member(network)
    other = make_member(network)
    meeting = MeetingFactory(network=network, title="Samen")
    ResponseFactory(meeting=meeting, person=person, answer="not_coming", apology="Ziek")
    CaseFactory(meeting=meeting, author=person, title="Mijn casus")
    PollAnswerFactory(person=person)
    group = BuddyGroupFactory(network=network, members=[person, other])
    moment = ContactMomentFactory(network=network, participants=[person, other])
    Attendance.objects.create(meeting=meeting, person=person, status="present")
    services.calendar_feed_token_for(person)

    exported = privacy.export_person(person)
    assert exported["meeting_responses"][0]["apology"] == "Ziek"
    assert exported["cases"][0]["title"] == "Mijn casus"
    assert exported["calendar_feed"] is True
    import json

    json.dumps(exported)

    privacy.erase_person(person)
    assert Response.objects.filter(person=person).count() == 0
    assert Case.objects.filter(author=person).count() == 0
    assert PollAnswer.objects.filter(person=person).count() == 0
    assert list(group.members.all()) == [other]
    assert list(moment.participants.all()) == [other]
    assert Attendance.objects.filter(person=person).count() == 1  # aggregate rates stay
    assert privacy.export_person(person)["calendar_feed"] is False


def test_contact_summary_counts_moments_and_buddy_groups():
    import datetime

    from django.utils import timezone

    from meetings.selectors import contact_summary

    network = NetworkFactory()
    today = timezone.localdate()
    ContactMomentFactory(network=network, date=today - datetime.timedelta(days=400))
    ContactMomentFactory(network=network, date=today - datetime.timedelta(days=3))
    ContactMomentFactory()  # another network
    BuddyGroupFactory(network=network)
    summary = contact_summary(network)
    assert (summary.moments, summary.last_date, summary.buddy_groups) == (
        2,
        today - datetime.timedelta(days=3),
        1,
    )
    assert contact_summary(network, since=today - datetime.timedelta(days=365)).moments == 1
