"""Two people editing the same object: the later save based on a stale copy is refused with a
Dutch message at the top of the form, and the earlier change survives (no lost update).

Two browsers are simulated with two clients (load A, load B, save A, save B); the meeting is
also saved by two threads at the same moment, each on its own PostgreSQL connection."""

from __future__ import annotations

import datetime
import re
import threading
import time
from unittest import mock

import pytest
from django.db import connection
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from leernetwerk import concurrency
from meetings.models import Meeting
from participants.enums import Function, QuestionStatus, Region, Visibility
from participants.models import LearningQuestion, User
from tests.factories import (
    LearningQuestionFactory,
    MeetingFactory,
    NetworkFactory,
    UserFactory,
    make_facilitator,
    make_penvoerder,
)
from tests.meetings.views_helpers import meeting_form_of

STALE = "Iemand anders heeft dit intussen gewijzigd. Uw wijzigingen zijn niet opgeslagen."


def _told_at_top(response, first_field: str) -> bool:
    """The stale message is shown, above the form's first field."""
    html = response.content.decode()
    return STALE in html and html.index(STALE) < html.index(f'name="{first_field}"')


def _version(response) -> str:
    html = response.content.decode()
    match = re.search(r'name="edit_version" value="([0-9a-f]+)"', html) or re.search(
        r'value="([0-9a-f]+)"[^>]*name="edit_version"', html
    )
    assert match, "the edit form carries no version"
    return match.group(1)


def _client(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _meeting():
    network = NetworkFactory()
    start = (timezone.localtime() + datetime.timedelta(days=14)).replace(
        hour=16, minute=0, second=0, microsecond=0
    )
    meeting = MeetingFactory(
        network=network,
        title="Verbinden in de school",
        starts_at=start,
        ends_at=start + datetime.timedelta(hours=3),
        location="Utrecht",
    )
    return meeting, make_facilitator(network), make_penvoerder(network)


@pytest.mark.django_db
def test_meeting_edit_by_two_organisers_keeps_the_first_change():
    meeting, facilitator, penvoerder = _meeting()
    url = reverse("meetings:meeting-update", args=[meeting.pk])
    a, b = _client(facilitator), _client(penvoerder)
    version_a, version_b = _version(a.get(url)), _version(b.get(url))
    assert version_a == version_b

    saved = a.post(
        url, {**meeting_form_of(meeting, title="Samen sturen"), "edit_version": version_a}
    )
    assert saved.status_code == 302
    refused = b.post(
        url, {**meeting_form_of(meeting, location="Zwolle"), "edit_version": version_b}
    )

    assert refused.status_code == 200
    assert _told_at_top(refused, "title")
    meeting.refresh_from_db()
    assert (meeting.title, meeting.location) == ("Samen sturen", "Utrecht")
    # Told, B may knowingly save again: the re-shown form carries the current version.
    again = b.post(
        url,
        {
            **meeting_form_of(meeting, location="Zwolle"),
            "edit_version": _version(refused),
        },
    )
    assert again.status_code == 302
    meeting.refresh_from_db()
    assert (meeting.title, meeting.location) == ("Samen sturen", "Zwolle")


@pytest.mark.django_db
def test_learning_question_edited_in_two_tabs_keeps_the_first_change():
    owner = UserFactory()
    question = LearningQuestionFactory(owner=owner, title="Hoe geef ik feedback?")
    url = reverse("participants:question-update", args=[question.pk])
    a, b = _client(owner), _client(owner)
    version_a, version_b = _version(a.get(url)), _version(b.get(url))
    data = {
        "title": question.title,
        "description": "",
        "goal": "",
        "visibility": Visibility.PRIVATE,
        "status": QuestionStatus.OPEN,
    }

    saved = a.post(url, {**data, "title": "Hoe geef ik goede feedback?", "edit_version": version_a})
    assert saved.status_code == 302
    refused = b.post(url, {**data, "status": QuestionStatus.CLOSED, "edit_version": version_b})

    assert _told_at_top(refused, "title")
    question.refresh_from_db()
    assert (question.title, question.status) == ("Hoe geef ik goede feedback?", QuestionStatus.OPEN)


@pytest.mark.django_db
def test_profile_edited_in_two_tabs_keeps_the_first_change():
    person = UserFactory(first_name="Ans", last_name="de Vries", phone="")
    url = reverse("participants:profile")
    a, b = _client(person), _client(person)
    version_a, version_b = _version(a.get(url)), _version(b.get(url))
    data = {
        "first_name": "Ans",
        "last_name": "de Vries",
        "function": Function.TEAM_LEADER,
        "school": person.school_id,
        "region": Region.UTRECHT,
        "phone": "",
    }

    saved = a.post(url, {**data, "phone": "030-1234567", "edit_version": version_a})
    assert saved.status_code == 302
    refused = b.post(url, {**data, "last_name": "Jansen", "edit_version": version_b})

    assert _told_at_top(refused, "first_name")
    person.refresh_from_db()
    assert (person.last_name, person.phone) == ("de Vries", "030-1234567")


@pytest.mark.realstack
@pytest.mark.django_db(transaction=True)
def test_meeting_saved_by_two_organisers_at_the_same_moment_loses_no_update():
    assert connection.vendor == "postgresql"
    meeting, facilitator, penvoerder = _meeting()
    url = reverse("meetings:meeting-update", args=[meeting.pk])
    clients = {"title": _client(facilitator), "location": _client(penvoerder)}
    versions = {field: _version(client.get(url)) for field, client in clients.items()}
    changes = {"title": "Samen sturen", "location": "Zwolle"}
    barrier = threading.Barrier(2)
    outcome: dict[str, int | str] = {}

    def save(field: str) -> None:
        from django.db import connection as thread_connection

        try:
            barrier.wait(timeout=10)
            response = clients[field].post(
                url,
                {
                    **meeting_form_of(meeting, **{field: changes[field]}),
                    "edit_version": versions[field],
                },
            )
            outcome[field] = "stale" if STALE in response.content.decode() else response.status_code
        finally:
            thread_connection.close()

    # Widen the race: both requests reach the service's guard at the same moment (each waits
    # up to 2 s for the other), and the first to pass holds the row a moment longer. A check
    # that reads the version and then writes would let both pass (a lost update); the one
    # conditional UPDATE makes the second wait for the first to commit and then refuses it.
    both_at_guard = threading.Barrier(2)
    claim = concurrency.claim_version

    def claim_together(instance, loaded_version):
        try:
            both_at_guard.wait(timeout=2)
        except threading.BrokenBarrierError:
            pass
        claim(instance, loaded_version)
        time.sleep(0.3)

    threads = [threading.Thread(target=save, args=(field,)) for field in changes]
    with mock.patch("meetings.services.meetings.claim_version", claim_together):
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=30)

    assert sorted(map(str, outcome.values())) == ["302", "stale"]
    winner = next(field for field, result in outcome.items() if result == 302)
    meeting.refresh_from_db()
    stored = {"title": meeting.title, "location": meeting.location}
    expected = {"title": "Verbinden in de school", "location": "Utrecht", winner: changes[winner]}
    assert stored == expected
    assert Meeting.objects.count() == 1
    assert User.objects.count() >= 2
    assert LearningQuestion.objects.count() == 0


@pytest.mark.django_db
def test_application_edited_in_two_tabs_keeps_the_first_change():
    from tests.factories.networks import make_application
    from tests.networks.application_helpers import form_data

    application = make_application()
    url = reverse("networks:application-update", args=[application.pk])
    a, b = _client(application.applicant), _client(application.applicant)
    version_a, version_b = _version(a.get(url)), _version(b.get(url))

    saved = a.post(url, {**form_data(theme="Kwaliteitszorg"), "edit_version": version_a})
    assert saved.status_code == 302
    refused = b.post(url, {**form_data(theme="Leiderschap"), "edit_version": version_b})

    assert _told_at_top(refused, "name")
    application.network.refresh_from_db()
    assert application.network.theme == "Kwaliteitszorg"


def _attendance_post(response, **changes) -> dict:
    """What the browser sends: every radio as shown, the hidden 'shown' values, plus the
    organiser's own changes (person id -> status)."""
    form = response.context["form"]
    data = {name: field.initial for name, field in form.fields.items()}
    data.update({f"person_{pk}": status for pk, status in changes.items()})
    return data


@pytest.mark.django_db
def test_attendance_registered_by_two_organisers_keeps_both_changes():
    from meetings.models import Attendance
    from tests.factories import make_member

    meeting, facilitator, penvoerder = _meeting()
    # Attendance is registered from the start of the meeting on: this one has begun.
    start = timezone.now() - datetime.timedelta(hours=1)
    type(meeting).objects.filter(pk=meeting.pk).update(
        starts_at=start, ends_at=start + datetime.timedelta(hours=3)
    )
    jan, piet = make_member(meeting.network), make_member(meeting.network)
    url = reverse("meetings:attendance", args=[meeting.pk])
    a, b = _client(facilitator), _client(penvoerder)
    # A records first, so both later edits change existing rows.
    a.post(url, _attendance_post(a.get(url)))
    page_a, page_b = a.get(url), b.get(url)

    assert a.post(url, _attendance_post(page_a, **{str(jan.pk): "absent"})).status_code == 302
    assert b.post(url, _attendance_post(page_b, **{str(piet.pk): "excused"})).status_code == 302

    recorded = dict(Attendance.objects.filter(meeting=meeting).values_list("person_id", "status"))
    assert (recorded[jan.pk], recorded[piet.pk]) == ("absent", "excused")
