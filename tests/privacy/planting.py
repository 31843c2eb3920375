"""Planting the markers through the app's own forms, the journeys after it, and the crawl of
every page, download, mail and management-site page as each role (the package fixture
`crawled` in conftest.py runs `crawl_world` once)."""

from __future__ import annotations

import datetime

from django.core import mail
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from evaluations.models import Item
from mails.models import Mail
from meetings.models import GuestSpeaker, Minutes
from participants import bcscan
from participants.enums import QuestionStatus, Visibility
from tests.privacy.crawl import admin_paths, crawl, site_paths
from tests.privacy.markers import mark
from tests.security.world import ROLES, build_world


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
                "title": mark("q", choice, "title"),
                "description": mark("q", choice, "description"),
                "goal": mark("q", choice, "goal"),
                "networks": [network],
                "visibility": choice,
                "status": QuestionStatus.OPEN,
                "edit_version": "",
            },
        )
        questions[choice] = _created_pk(response)
        response = client.post(
            reverse("participants:reflection-create", args=[questions[choice]]),
            {"date": "2026-11-02", "note": mark("q", choice, "reflection")},
        )
        assert response.status_code == 302, response.content.decode()[:2000]
    for choice in Visibility:
        answers = {key: "3" for key in bcscan.STATEMENT_KEYS}
        sharing = {"visibility": choice, "networks": [network] if choice != "private" else []}
        scans[choice] = _created_pk(
            client.post(reverse("participants:scan-create"), {**answers, **sharing})
        )
        plans = {f"plan_{n}": mark("scan", choice, "plan") for n in bcscan.COMPETENCE_NAMES}
        response = client.post(
            reverse("participants:scan-plan", args=[scans[choice]]), {**plans, **sharing}
        )
        assert response.status_code == 302, response.content.decode()[:2000]
    answers = {}
    for item in Item.objects.filter(round=world.round):
        answers[f"item_{item.pk}"] = "4" if item.is_scale else mark("eval", "comment")
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
            {"summary": mark("min", "summary"), "decisions": mark("min", "decision")},
        ),
        (
            facilitator,
            "meetings:action-create",
            {
                "description": mark("min", "action"),
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
        {"text": mark("min", "correction")},
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


def crawl_world(django_db_blocker) -> dict:
    """Build the world, plant the markers, walk the journeys and crawl as every role, inside
    one transaction that is rolled back: role -> {path: text} for the whole site, the meeting
    pages around a briefing, the minutes stages, every mail by recipient, and the management
    site as the superuser and as a view-only staff member."""
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
                "title": mark("q", "facilitator", "title"),
                "networks": [world.network.pk],
                "visibility": Visibility.PRIVATE,
                "status": QuestionStatus.OPEN,
                "edit_version": "",
            },
        )
        assert response.status_code == 302, response.content.decode()[:2000]
        withdrawn = _crawl_meetings(world)
        # The day before the owner's action is due, the daily beat task reminds her of it.
        _remind_actions(planted["minutes"]["meeting"])
        mails = _mails_by_recipient(world)
        # The management site as it is now (every mail row there too): as the superuser and
        # as a staff member who may only view every model.
        admin = {
            "superuser": crawl(world.user("staff"), admin_paths(objects=True)),
            "viewer": crawl(_view_only_staff(), admin_paths(objects=True)),
        }
        transaction.set_rollback(True)
        cache.clear()
    voter = f"Ja: {world.people['owner']}"
    return {
        "site": seen,
        "briefed": briefed,
        "withdrawn": withdrawn,
        "mails": mails,
        "admin": admin,
        "questions": planted["questions"],
        "owner_pk": world.people["owner"].pk,
        "minutes": stages,
        "poll": (planted["poll"], voter),
    }


def _remind_actions(meeting) -> None:
    from meetings.models import ActionItem
    from meetings.services.minutes import send_action_reminders

    due = ActionItem.objects.get(minutes__meeting=meeting).due_date
    assert send_action_reminders(today=due - datetime.timedelta(days=1)) == 1


def _view_only_staff():
    """A VO-academie staff member with admin access who may only view, every model."""
    from django.contrib.auth.models import Permission

    from tests.factories import make_staff

    viewer = make_staff(email="kijker@vo-academie.example.nl", is_staff=True)
    viewer.user_permissions.set(Permission.objects.filter(codename__startswith="view_"))
    return type(viewer).objects.get(pk=viewer.pk)


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
