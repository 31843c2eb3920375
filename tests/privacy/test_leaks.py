"""Issue 10, leaks 1, 2, 4 and 7: what each person sees of someone else's learning questions
and BC-Scans, in the site and in the management site, and what the audit log records."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from meetings.models import GuestSpeaker
from meetings.selectors import speaker_briefing
from networks.enums import Role
from participants.enums import AuditAction, Visibility
from participants.models import AuditLog, BCScan, LearningQuestion, ReflectionEntry
from tests.factories import (
    LearningQuestionFactory,
    MeetingFactory,
    NetworkFactory,
    make_facilitator,
    make_member,
    make_penvoerder,
    make_staff,
)
from tests.factories.participants import BCScanFactory, ReflectionFactory, full_answers

pytestmark = pytest.mark.django_db


def _question(owner, network, visibility, title):
    question = LearningQuestionFactory(owner=owner, title=title, visibility=visibility)
    question.networks.add(network)
    return question


def _text(client, path) -> str:
    response = client.get(path)
    assert response.status_code == 200, path
    return response.content.decode()


def _admin(client):
    staff = make_staff(is_staff=True, is_superuser=True)
    client.force_login(staff)
    return staff


# --- leak 1: the management site shows metadata only -------------------------------------


@pytest.mark.parametrize("visibility", list(Visibility))
def test_admin_learning_question_pages_show_no_question_text(client, visibility):
    network = NetworkFactory()
    question = _question(make_member(network), network, visibility, "Geheime vraag KX-41")
    ReflectionFactory(question=question, note="Reflectie KX-42")
    _admin(client)
    pk = question.pk
    pages = [
        "/beheer/participants/learningquestion/",
        f"/beheer/participants/learningquestion/{pk}/change/",
        f"/beheer/participants/learningquestion/{pk}/history/",
        f"/beheer/participants/learningquestion/{pk}/delete/",
        f"/beheer/participants/user/{question.owner.pk}/delete/",
    ]

    texts = [_text(client, page) for page in pages]

    assert [("KX-41" in t, "KX-42" in t, f"Leervraag {pk}" in t) for t in texts] == [
        (False, False, True)
    ] * len(pages)


def test_admin_meeting_page_shows_no_guest_speaker_briefing(client):
    network = NetworkFactory()
    meeting = MeetingFactory(network=network)
    GuestSpeaker.objects.create(meeting=meeting, name="Dr. Gast")
    # The briefing is built live: a question shared with the network is in it.
    _question(make_member(network), network, Visibility.NETWORK, "Gedeelde vraag BR-77")
    briefing = speaker_briefing(meeting)
    _admin(client)

    text = _text(client, f"/beheer/meetings/meeting/{meeting.pk}/change/")

    assert ([q.title for q in briefing.questions], "Dr. Gast" in text, "BR-77" in text) == (
        ["Gedeelde vraag BR-77"],
        True,
        False,
    )


# --- leak 2: "shared with the facilitator" is that network's facilitator(s) only ---------


@pytest.fixture
def shared_world():
    network = NetworkFactory()
    owner = make_member(network)
    people = {
        "facilitator": make_facilitator(network),
        "penvoerder": make_penvoerder(network),
        "participant": make_member(network),
    }
    _question(owner, network, Visibility.FACILITATOR, "Alleen begeleider FQ-11")
    _question(owner, network, Visibility.NETWORK, "Heel het netwerk NQ-22")
    _question(owner, network, Visibility.PRIVATE, "Alleen ik PQ-33")
    return network, MeetingFactory(network=network), people


def _markers(text: str) -> set[str]:
    return {m for m in ("FQ-11", "NQ-22", "PQ-33") if m in text}


@pytest.mark.parametrize(
    ("role", "expected"),
    [("facilitator", {"FQ-11", "NQ-22"}), ("penvoerder", {"NQ-22"})],
)
def test_meeting_preparation_shows_questions_shared_with_the_viewer(
    client, shared_world, role, expected
):
    _network, meeting, people = shared_world
    client.force_login(people[role])

    text = _text(client, reverse("meetings:meeting-prepare", args=[meeting.pk]))

    assert _markers(text) == expected


@pytest.mark.parametrize(
    ("role", "expected"),
    [("facilitator", {"NQ-22"}), ("penvoerder", {"NQ-22"})],
)
def test_guest_speaker_briefing_preview_holds_what_the_speaker_receives(
    client, shared_world, role, expected
):
    _network, meeting, people = shared_world
    # The briefing is built live and previewed on the meeting page once the meeting has a
    # guest speaker: exactly what the speaker receives, so network-shared questions only.
    GuestSpeaker.objects.create(meeting=meeting, name="Dr. Gast")
    client.force_login(people[role])

    text = _text(client, reverse("meetings:meeting-detail", args=[meeting.pk]))

    assert _markers(text) == expected


@pytest.mark.parametrize(
    ("role", "expected"),
    [("facilitator", {"FQ-11", "NQ-22"}), ("penvoerder", {"NQ-22"}), ("participant", {"NQ-22"})],
)
def test_shared_questions_page_shows_what_reaches_the_viewer(client, shared_world, role, expected):
    network, _meeting, people = shared_world
    client.force_login(people[role])

    text = _text(client, reverse("participants:shared-questions", args=[network.slug]))

    assert _markers(text) == expected


def test_facilitator_elsewhere_does_not_read_a_question_on_this_networks_pages(client):
    # The question is shared with the facilitator and linked to A and B. The facilitator of
    # B is a mere participant in A: on A's pages the question does not reach him.
    a, b = NetworkFactory(), NetworkFactory()
    owner = make_member(a)
    make_member(b, person=owner)
    question = _question(owner, a, Visibility.FACILITATOR, "Via B alleen FB-55")
    question.networks.add(b)
    facilitator_b = make_facilitator(b)
    make_member(a, person=facilitator_b)
    meeting_a = MeetingFactory(network=a)
    client.force_login(facilitator_b)

    seen = {
        "A shared": "FB-55"
        in _text(client, reverse("participants:shared-questions", args=[a.slug])),
        "B shared": "FB-55"
        in _text(client, reverse("participants:shared-questions", args=[b.slug])),
        "A meeting": client.get(
            reverse("meetings:meeting-prepare", args=[meeting_a.pk])
        ).status_code,
    }

    assert seen == {"A shared": False, "B shared": True, "A meeting": 404}


def test_question_of_someone_who_left_the_network_no_longer_reaches_it(client):
    network = NetworkFactory()
    owner = make_member(network)
    question = _question(owner, network, Visibility.FACILITATOR, "Vertrokken VQ-66")
    facilitator = make_facilitator(network)
    owner.memberships.update(left_on=timezone.localdate() - datetime.timedelta(days=1))
    client.force_login(facilitator)

    detail = client.get(reverse("participants:question-detail", args=[question.pk]))
    shared = _text(client, reverse("participants:shared-questions", args=[network.slug]))

    assert (detail.status_code, "VQ-66" in shared) == (404, False)


# --- leak 4: a comparison uses only scans the viewer may read -----------------------------


def test_shared_scan_compares_only_with_an_earlier_scan_the_viewer_may_read(client):
    network = NetworkFactory()
    owner = make_member(network)
    member = make_member(network)
    now = timezone.now()
    BCScanFactory(owner=owner, answers=full_answers(1), taken_at=now - datetime.timedelta(days=90))
    shared = BCScanFactory(
        owner=owner,
        answers=full_answers(5),
        taken_at=now,
        visibility=Visibility.NETWORK,
        networks=[network],
    )
    path = reverse("participants:scan-detail", args=[shared.pk])

    client.force_login(member)
    as_member = _text(client, path)
    client.force_login(owner)
    as_owner = _text(client, path)

    assert [("Eerder" in t, "vergeleken met de scan van" in t) for t in (as_member, as_owner)] == [
        (False, False),
        (True, True),
    ]


def test_shared_scan_compares_with_an_earlier_shared_scan(client):
    network = NetworkFactory()
    owner = make_member(network)
    facilitator = make_facilitator(network)
    now = timezone.now()
    for days, value in ((90, 1), (0, 5)):
        BCScanFactory(
            owner=owner,
            answers=full_answers(value),
            taken_at=now - datetime.timedelta(days=days),
            visibility=Visibility.FACILITATOR,
            networks=[network],
        )
    latest = BCScan.objects.filter(owner=owner).order_by("-taken_at").first()
    client.force_login(facilitator)

    text = _text(client, reverse("participants:scan-detail", args=[latest.pk]))

    assert ("Eerder" in text, "+4,0" in text) == (True, True)


# --- leak 7: staff views of a person's data are in the audit log --------------------------


def test_staff_views_in_the_management_site_are_audited(client):
    network = NetworkFactory()
    owner = make_member(network)
    question = _question(owner, network, Visibility.PRIVATE, "Vraag")
    scan = BCScanFactory(owner=owner)
    staff = _admin(client)
    for path in (
        f"/beheer/participants/learningquestion/{question.pk}/change/",
        f"/beheer/participants/bcscan/{scan.pk}/change/",
        f"/beheer/participants/bcscan/{scan.pk}/history/",
        f"/beheer/participants/user/{owner.pk}/change/",
        f"/beheer/participants/user/{owner.pk}/history/",
    ):
        _text(client, path)

    entries = list(
        AuditLog.objects.order_by("pk").values_list("actor", "action", "subject_id", "detail")
    )
    log_page = _text(client, reverse("participants:audit-log"))

    assert entries == [
        (staff.pk, AuditAction.VIEW_QUESTION, owner.pk, "beheer"),
        (staff.pk, AuditAction.VIEW_SCAN, owner.pk, "beheer"),
        (staff.pk, AuditAction.VIEW_SCAN, owner.pk, "beheer: geschiedenis"),
        (staff.pk, AuditAction.VIEW_PERSON, owner.pk, "beheer"),
        (staff.pk, AuditAction.VIEW_PERSON, owner.pk, "beheer: geschiedenis"),
    ]
    assert (
        "Leervraag van een persoon bekeken" in log_page,
        "BC-Scan van een persoon bekeken" in log_page,
    ) == (True, True)


def test_staff_opening_a_persons_page_is_audited(client):
    owner = make_member(NetworkFactory())
    staff = make_staff()
    client.force_login(staff)

    _text(client, reverse("participants:person-detail", args=[owner.pk]))

    assert list(AuditLog.objects.values_list("actor", "action", "subject_id")) == [
        (staff.pk, AuditAction.VIEW_PERSON, owner.pk)
    ]


# --- one rule: the querysets and the rules predicates agree -------------------------------


def test_visible_to_and_the_rules_predicates_agree_for_every_role_and_choice():
    a, b = NetworkFactory(), NetworkFactory()
    owner = make_member(a)
    people = [
        owner,
        make_member(a),
        make_facilitator(a),
        make_penvoerder(a),
        make_member(b),
        make_facilitator(b),
        make_staff(),
        make_member(b, role=Role.FACILITATOR, person=make_member(a)),
    ]
    for visibility in Visibility:
        question = _question(owner, a, visibility, f"Vraag {visibility}")
        ReflectionFactory(question=question)
        BCScanFactory(owner=owner, visibility=visibility, networks=[a])
    objects = [
        ("participants.view_learningquestion", LearningQuestion),
        ("participants.view_reflectionentry", ReflectionEntry),
        ("participants.view_bcscan", BCScan),
    ]

    disagreements = [
        (perm, person.pk, obj.pk)
        for perm, model in objects
        for person in people
        for obj in model.objects.all()
        if person.has_perm(perm, obj) != model.objects.visible_to(person).filter(pk=obj.pk).exists()
    ]
    readable = {
        visibility: sorted(
            p.pk
            for p in people
            if LearningQuestion.objects.visible_to(p).filter(visibility=visibility).exists()
        )
        for visibility in Visibility
    }

    assert disagreements == []
    assert readable == {
        Visibility.PRIVATE: [owner.pk],
        Visibility.FACILITATOR: sorted([owner.pk, people[2].pk]),
        Visibility.NETWORK: sorted(
            [owner.pk, people[1].pk, people[2].pk, people[3].pk, people[7].pk]
        ),
    }
