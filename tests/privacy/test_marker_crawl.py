"""Issue 10, "Done when" 2: personal text reaches exactly the people its owner chose.

The owner plants unique markers through the app's own forms: three learning questions (only
me / my facilitator / my network) each with explanation, goal and a reflection, three BC-Scans
with an action plan and each sharing choice, an open evaluation comment and a phone number in
her profile. Then every page of the site, every download (PDF text, CSV, JSON, .ics) and every
page of the management site is read as each role, and each marker must appear for exactly the
roles its owner's choice (or the rule for that kind of data) allows: never elsewhere, and
really there for those allowed.

The world is built and crawled once for the module (inside a transaction that is rolled back),
because a crawl of every page as eight roles is the expensive part; each test only compares."""

from __future__ import annotations

import datetime

import pytest
from django.core import mail
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from evaluations.models import Item
from mails.models import Mail
from meetings.models import GuestSpeaker, Minutes
from participants import bcscan
from participants.enums import QuestionStatus, Visibility
from tests.privacy.crawl import admin_paths, crawl, site_paths, where
from tests.security.world import ROLES, build_world

# The crawl's module fixture needs the test database; the tests themselves only compare.
pytestmark = pytest.mark.django_db

A_MEMBERS = {"owner", "participant", "facilitator", "penvoerder"}

# What the owner shares with whom, declared from the rules (DOMAIN.md, the privacy page):
# "only me" reaches the owner; "my facilitator" also the facilitator(s) of the linked
# network (not its penvoerder, not staff); "my network" every current member of it.
AUDIENCE = {
    Visibility.PRIVATE: {"owner"},
    Visibility.FACILITATOR: {"owner", "facilitator"},
    Visibility.NETWORK: A_MEMBERS,
}
QUESTION_FIELDS = ("title", "description", "goal", "reflection")


def _marker(*parts: str) -> str:
    """One word without hyphens, so a PDF table cell cannot break it over two lines."""
    return "Mrk" + "".join(str(part).capitalize() for part in parts)


# kind -> {marker: roles that must see it}
EXPECTED: dict[str, dict[str, set[str]]] = {
    "questions": {
        _marker("q", choice, field): AUDIENCE[choice]
        for choice in Visibility
        for field in QUESTION_FIELDS
    },
    "scans": {_marker("scan", choice, "plan"): AUDIENCE[choice] for choice in Visibility},
    # One respondent is below the group of five: her words are printed nowhere, not even to
    # staff or the facilitator, and never with her name.
    "evaluation": {_marker("eval", "comment"): set()},
    # A profile's contact details: the person, the organisers of her network (member list
    # with contact details) and staff (people pages, management site).
    "profile": {"+31 6 8765 4321": {"owner", "facilitator", "penvoerder", "staff"}},
    # Minutes are network-internal (issue 13 item 5): once published every member of the
    # network reads them, never staff, the public, the directory, the API or a calendar; a
    # suggested correction is read by the writers (the organisers) and its author only.
    "minutes": {
        _marker("min", "summary"): A_MEMBERS,
        _marker("min", "decision"): A_MEMBERS,
        _marker("min", "action"): A_MEMBERS,
        _marker("min", "correction"): {"owner", "facilitator", "penvoerder"},
    },
}
MINUTES_TEXT = (_marker("min", "summary"), _marker("min", "decision"), _marker("min", "action"))
# Before publishing: a draft is read by its writers; once shared, also by who attended.
MINUTES_STAGES = {
    "draft": {"facilitator", "penvoerder"},
    "shared": {"facilitator", "penvoerder", "owner"},
}


def _created_pk(response) -> int:
    assert response.status_code == 302, response.content.decode()[:2000]
    return int(response["Location"].rstrip("/").split("/")[-1])


def _plant(world) -> dict:
    """As the owner, through the forms; returns the planted objects' pages."""
    from django.test import Client

    owner = world.people["owner"]
    client = Client()
    client.force_login(owner)
    network = world.network.pk
    questions, scans = {}, {}
    for choice in Visibility:
        response = client.post(
            reverse("participants:question-create"),
            {
                "title": _marker("q", choice, "title"),
                "description": _marker("q", choice, "description"),
                "goal": _marker("q", choice, "goal"),
                "networks": [network],
                "visibility": choice,
                "status": QuestionStatus.OPEN,
                "edit_version": "",
            },
        )
        questions[choice] = _created_pk(response)
        response = client.post(
            reverse("participants:reflection-create", args=[questions[choice]]),
            {"date": "2026-11-02", "note": _marker("q", choice, "reflection")},
        )
        assert response.status_code == 302, response.content.decode()[:2000]
    for choice in Visibility:
        answers = {key: "3" for key in bcscan.STATEMENT_KEYS}
        sharing = {"visibility": choice, "networks": [network] if choice != "private" else []}
        scans[choice] = _created_pk(
            client.post(reverse("participants:scan-create"), {**answers, **sharing})
        )
        plans = {f"plan_{n}": _marker("scan", choice, "plan") for n in bcscan.COMPETENCE_NAMES}
        response = client.post(
            reverse("participants:scan-plan", args=[scans[choice]]), {**plans, **sharing}
        )
        assert response.status_code == 302, response.content.decode()[:2000]
    answers = {}
    for item in Item.objects.filter(round=world.round):
        answers[f"item_{item.pk}"] = "4" if item.is_scale else _marker("eval", "comment")
    response = client.post(
        reverse("evaluations:respond", args=[world.round_invitation.token]), answers
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    response = client.post(
        reverse("participants:profile"),
        {
            "first_name": owner.first_name,
            "last_name": owner.last_name,
            "function": owner.function,
            "school": owner.school_id,
            "region": owner.region,
            "phone": "+31 6 8765 4321",
            "edit_version": "",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    # She answers the network's date poll: who said what is shown to the network only.
    poll_path = reverse("meetings:poll-detail", args=[world.poll.pk])
    response = client.post(poll_path, {f"option_{o.pk}": "yes" for o in world.poll.options.all()})
    assert response.status_code == 302, response.content.decode()[:2000]
    return {"questions": questions, "scans": scans, "poll": poll_path}


def _plant_minutes(world, crawl_stage) -> dict:
    """A held meeting of network A the owner attended: the facilitator writes minutes with a
    decision and an action for the owner, shares the draft, the owner suggests a correction,
    the facilitator publishes. `crawl_stage(name, meeting)` reads the pages at each stage."""
    from django.test import Client

    from tests.factories import AttendanceFactory
    from tests.factories.meetings import past_meeting

    meeting = past_meeting(world.network, days_ago=3, title="Bijeenkomst A eerder")
    AttendanceFactory(meeting=meeting, person=world.people["owner"], status="present")
    facilitator, owner = Client(), Client()
    facilitator.force_login(world.user("facilitator"))
    owner.force_login(world.user("owner"))
    steps = [
        (
            facilitator,
            "meetings:minutes-edit",
            {"summary": _marker("min", "summary"), "decisions": _marker("min", "decision")},
        ),
        (
            facilitator,
            "meetings:action-create",
            {
                "description": _marker("min", "action"),
                "owner": world.people["owner"].pk,
                "due_date": (meeting.starts_at.date() + datetime.timedelta(days=20)).isoformat(),
            },
        ),
    ]
    for client, name, data in steps:
        response = client.post(reverse(name, args=[meeting.pk]), data)
        assert response.status_code == 302, response.content.decode()[:2000]
    crawl_stage("draft", meeting)
    response = facilitator.post(reverse("meetings:minutes-share", args=[meeting.pk]))
    assert response.status_code == 302
    response = owner.post(
        reverse("meetings:minutes-correction", args=[meeting.pk]),
        {"text": _marker("min", "correction")},
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    crawl_stage("shared", meeting)
    # The correction week passes: only then may the minutes be published.
    Minutes.objects.filter(meeting=meeting).update(
        shared_at=timezone.now() - datetime.timedelta(days=7, minutes=1)
    )
    response = facilitator.post(reverse("meetings:minutes-publish", args=[meeting.pk]))
    assert response.status_code == 302
    return {"meeting": meeting}


def _minutes_paths(meeting) -> list[str]:
    names = ("minutes", "minutes-edit", "action-create", "minutes-correction")
    names += ("meeting-detail", "meeting-prepare", "meeting-ics")
    paths = [reverse(f"meetings:{name}", args=[meeting.pk]) for name in names]
    return paths + [reverse("networks:my-networks")]


def _close_and_compute(world) -> None:
    """The round ends and its report is computed: the worst case for the small group."""
    from evaluations.services import close_round
    from evaluations.services.scores import compute_round_scores

    close_round(world.round, by=world.people["staff"])
    compute_round_scores(world.round.pk)
    # The worker makes the report's PDF (issue 12.6); the crawl reads it as each role.
    from evaluations.services import build_report_pdf, request_report_pdf

    world.round.refresh_from_db()
    pdf = request_report_pdf(world.round, world.network, by=world.people["staff"], language="nl")
    build_report_pdf(pdf.pk)


def _extra_paths(planted, world) -> list[str]:
    paths = []
    for pk in planted["questions"].values():
        for name in ("question-detail", "question-update", "question-delete"):
            paths.append(reverse(f"participants:{name}", args=[pk]))
    for pk in planted["scans"].values():
        for name in ("scan-detail", "scan-plan", "scan-delete"):
            paths.append(reverse(f"participants:{name}", args=[pk]))
    paths += _minutes_paths(planted["minutes"]["meeting"])
    slug = world.network.slug
    for name in ("network-report", "network-report-pdf", "network-report-csv"):
        paths.append(reverse(f"evaluations:{name}", kwargs={"pk": world.round.pk, "slug": slug}))
    return paths


def _learning_record_post(planted) -> tuple[str, dict]:
    return (
        reverse("participants:learning-record"),
        {
            "questions": list(planted["questions"].values()),
            "scans": list(planted["scans"].values()),
        },
    )


MEETING_PAGES = ("meeting-detail", "meeting-prepare", "speaker-create", "meeting-ics")


def _meeting_paths(world) -> list[str]:
    paths = [reverse(f"meetings:{name}", args=[world.meeting.pk]) for name in MEETING_PAGES]
    paths += [
        reverse("admin:meetings_meeting_change", args=[world.meeting.pk]),
        reverse("admin:meetings_meeting_history", args=[world.meeting.pk]),
    ]
    return paths


def _crawl_meetings(world) -> dict[str, dict[str, str]]:
    return {role: crawl(world.user(role), _meeting_paths(world)) for role in ROLES}


@pytest.fixture(scope="module")
def crawled(django_db_setup, django_db_blocker):
    """role -> {path: text}, for the whole site; and the meeting pages around a briefing."""
    from django.core.cache import cache

    from networks.competences import ensure_competences
    from participants.models import User

    with django_db_blocker.unblock(), transaction.atomic():
        cache.clear()
        ensure_competences()
        world = build_world()
        User.objects.filter(pk=world.people["staff"].pk).update(is_staff=True, is_superuser=True)
        planted = _plant(world)
        stages = {}

        def crawl_stage(name, meeting):
            paths = _minutes_paths(meeting) + _meeting_paths(world)
            stages[name] = {role: crawl(world.user(role), paths) for role in ROLES}

        planted["minutes"] = _plant_minutes(world, crawl_stage)
        _close_and_compute(world)
        paths = site_paths(world, _extra_paths(planted, world))
        seen = {}
        for role in ROLES:
            role_paths = paths + admin_paths(objects=role == "staff")
            seen[role] = crawl(world.user(role), role_paths, posts=[_learning_record_post(planted)])
        # The guest-speaker briefing: the facilitator adds a speaker (the briefing filled in
        # from what is shared with her); later the owner makes her facilitator-only question
        # private again.
        from django.test import Client

        client = Client()
        client.force_login(world.user("facilitator"))
        response = client.post(
            reverse("meetings:speaker-create", args=[world.meeting.pk]),
            {
                "name": "Dr. Gast",
                "email": "gast@example.org",
                "organisation": "Universiteit",
                "topic": "Leren",
            },
        )
        assert response.status_code == 302, response.content.decode()[:2000]
        # She sends the speaker the briefing: a mail to someone who is no member.
        speaker = GuestSpeaker.objects.get(meeting=world.meeting, email="gast@example.org")
        response = client.post(reverse("meetings:speaker-invite", args=[speaker.pk]))
        assert response.status_code == 302, response.content.decode()[:2000]
        briefed = _crawl_meetings(world)
        client.force_login(world.user("owner"))
        pk = planted["questions"][Visibility.FACILITATOR]
        response = client.post(
            reverse("participants:question-update", args=[pk]),
            {
                "title": _marker("q", "facilitator", "title"),
                "networks": [world.network.pk],
                "visibility": Visibility.PRIVATE,
                "status": QuestionStatus.OPEN,
                "edit_version": "",
            },
        )
        assert response.status_code == 302, response.content.decode()[:2000]
        withdrawn = _crawl_meetings(world)
        mails = _mails_by_recipient(world)
        transaction.set_rollback(True)
        cache.clear()
    voter = f"Ja: {world.people['owner']}"
    return {
        "site": seen,
        "briefed": briefed,
        "withdrawn": withdrawn,
        "mails": mails,
        "minutes": stages,
        "poll": (planted["poll"], voter),
    }


def _mails_by_recipient(world) -> dict[str, str]:
    """Every mail the planting and the crawl caused, queued, held for a digest or sent (the
    fixture's transaction never commits, so the worker sends nothing: the rows still hold
    their text), as recipient role -> all the text addressed to it; an address outside the
    world counts as itself."""
    by_address = {person.email: role for role, person in world.people.items()}
    by_address["gast@example.org"] = "speaker"
    texts: dict[str, list[str]] = {}
    for row in Mail.objects.all():
        role = by_address.get(row.to, row.to)
        texts.setdefault(role, []).append(
            f"{row.subject}\n{row.body}\n{bytes(row.attachment).decode('utf-8', 'replace')}"
        )
    for message in getattr(mail, "outbox", []):
        for address in message.to:
            role = by_address.get(address, address)
            texts.setdefault(role, []).append(f"{message.subject}\n{message.body}")
    return {role: "\n".join(parts) for role, parts in texts.items()}


@pytest.mark.parametrize(("role", "kind"), [(role, kind) for role in ROLES for kind in EXPECTED])
def test_markers_appear_exactly_where_the_owner_allows(crawled, role, kind):
    seen = crawled["site"][role]
    markers = EXPECTED[kind]

    shown = {marker: where(marker, seen) for marker in markers}

    visible = sorted(marker for marker, pages in shown.items() if pages)
    allowed = sorted(marker for marker, roles in markers.items() if role in roles)
    leaks = {m: pages for m, pages in shown.items() if pages and m not in allowed}
    assert (visible, leaks) == (allowed, {})


def test_the_crawl_reads_every_kind_of_download(crawled):
    """The crawl really reads PDFs, CSV, JSON and the calendar (else a leak there is missed)."""
    owner = crawled["site"]["owner"]
    record = owner[f"POST {reverse('participants:learning-record')}"]

    assert (
        _marker("q", "private", "reflection") in record,
        _marker("scan", "private", "plan") in record,
        _marker("q", "private", "title") in owner[reverse("participants:data-export")],
        any("BEGIN:VCALENDAR" in text for text in owner.values()),
    ) == (True, True, True, True)


# On the meeting pages (preparation, guest speaker, meeting page with the stored briefing,
# calendar) and the meeting in the management site: organisers see what is shared with
# them, nobody sees more. Only titles go into a briefing.
Q_FAC = _marker("q", "facilitator", "title")
Q_NET = _marker("q", "network", "title")
Q_PRIV = _marker("q", "private", "title")
BRIEFED = {"facilitator": {Q_FAC, Q_NET}, "penvoerder": {Q_NET}}
WITHDRAWN = {"facilitator": {Q_NET}, "penvoerder": {Q_NET}}


# The briefing is built live for the viewer (meetings.selectors.speaker_briefing) and shown
# on the meeting page to whoever may organise: each sees what the owners share with them now.
@pytest.mark.parametrize("role", ROLES)
def test_meeting_pages_show_questions_as_shared_with_the_viewer(crawled, role):
    seen = crawled["briefed"][role]

    shown = {m: where(m, seen) for m in (Q_PRIV, Q_FAC, Q_NET) if where(m, seen)}

    assert set(shown) == BRIEFED.get(role, set()), shown


@pytest.mark.parametrize("role", ROLES)
def test_meeting_pages_follow_the_owners_current_choice(crawled, role):
    seen = crawled["withdrawn"][role]

    shown = {m: where(m, seen) for m in (Q_PRIV, Q_FAC, Q_NET) if where(m, seen)}

    assert set(shown) == WITHDRAWN.get(role, set()), shown


@pytest.mark.parametrize("stage", sorted(MINUTES_STAGES))
@pytest.mark.parametrize("role", ROLES)
def test_unpublished_minutes_reach_their_writers_and_then_the_attendees(crawled, stage, role):
    seen = crawled["minutes"][stage][role]

    shown = {marker for marker in MINUTES_TEXT if where(marker, seen)}

    assert shown == (set(MINUTES_TEXT) if role in MINUTES_STAGES[stage] else set())


# A date poll names who answered what (issue 13 item 2): its network's members see the
# names per answer; staff see the totals, everyone else not the poll at all.
@pytest.mark.parametrize("role", ROLES)
def test_poll_answers_name_the_voter_to_the_networks_members_only(crawled, role):
    path, voter = crawled["poll"]
    seen = crawled["site"][role]

    assert path in seen  # the crawl reads the poll page
    assert (voter in seen[path]) == (role in A_MEMBERS)
    assert [p for p in where(voter, seen) if p != path] == []


# Mail: the same choices hold. The guest speaker (no member) receives in the briefing the
# titles the owner shared with the network, nothing shared with the facilitator only, and no
# other text of hers.
MAIL_AUDIENCE = {
    marker: roles | ({"speaker"} if marker == _marker("q", Visibility.NETWORK, "title") else set())
    for kind in EXPECTED.values()
    for marker, roles in kind.items()
}


def test_mails_carry_each_marker_only_to_whom_the_owner_allows(crawled):
    mails = crawled["mails"]
    assert "speaker" in mails, "the briefing mail to the guest speaker was not queued"
    received = {
        marker: sorted(role for role, text in mails.items() if marker in text)
        for marker in MAIL_AUDIENCE
    }
    leaks = {
        marker: [role for role in roles if role not in MAIL_AUDIENCE[marker]]
        for marker, roles in received.items()
    }
    assert {marker: roles for marker, roles in leaks.items() if roles} == {}


def test_the_speaker_mail_carries_what_the_network_shares(crawled):
    text = crawled["mails"]["speaker"]
    assert _marker("q", Visibility.NETWORK, "title") in text
    assert _marker("q", Visibility.FACILITATOR, "title") not in text
    assert _marker("q", Visibility.PRIVATE, "title") not in text
