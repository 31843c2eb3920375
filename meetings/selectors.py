"""Reads for meeting pages. Each returns what its page shows, pre-fetched, so a page makes
the same number of queries whatever the number of meetings, members or answers."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db.models import OuterRef, Prefetch, QuerySet, Subquery
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone

from networks.models import Network
from participants.models import LearningQuestion, User

from . import attendance as attendance_calc
from . import polls as poll_calc
from .calendar import CalendarEvent
from .enums import MeetingStatus
from .models import (
    Attendance,
    BuddyGroup,
    CalendarFeedToken,
    ContactMoment,
    DatePoll,
    Meeting,
    PollAnswer,
    Response,
)


def members_of(network: Network) -> QuerySet[User]:
    """People currently holding any role in the network, each once."""
    from networks.models import Membership

    return (
        User.objects.filter(
            pk__in=Membership.objects.current().filter(network=network).values("person")
        )
        .select_related("school")
        .order_by("last_name", "first_name", "email")
    )


def planned_days(network: Network) -> set[datetime.date]:
    """Local dates on which the network has a meeting that is not cancelled."""
    return {
        timezone.localtime(starts_at).date()
        for starts_at in Meeting.objects.filter(network=network)
        .scheduled()
        .values_list("starts_at", flat=True)
    }


def planned_meetings(network: Network) -> list[Meeting]:
    """The network's meetings still to come (not cancelled), for beside the planner proposal."""
    return list(Meeting.objects.filter(network=network).upcoming())


def _with_my_answer(queryset: QuerySet[Meeting], user) -> QuerySet[Meeting]:
    if not user.is_authenticated:
        return queryset
    mine = Response.objects.filter(meeting=OuterRef("pk"), person=user)
    return queryset.annotate(my_answer=Subquery(mine.values("answer")[:1]))


def meetings_for_person(user) -> QuerySet[Meeting]:
    """Meetings the user may see, with the network and the user's own answer."""
    return _with_my_answer(Meeting.objects.visible_to(user).select_related("network"), user)


def upcoming_meetings_for_person(user, *, limit: int = 10) -> list[Meeting]:
    """The start page: coming meetings of the user's own networks with their answer."""
    queryset = Meeting.objects.of_networks_of(user).not_ended().select_related("network")
    return list(_with_my_answer(queryset, user)[:limit])


def meeting_for_user(user, pk: int) -> Meeting:
    """One meeting the user may see, with everything its page shows; 404 otherwise."""
    from django.shortcuts import get_object_or_404

    queryset = _with_my_answer(
        Meeting.objects.visible_to(user)
        .select_related("network")
        .prefetch_related(
            "speakers",
            "preparation_group",
            Prefetch("cases", queryset=_cases()),
        ),
        user,
    )
    return get_object_or_404(queryset, pk=pk)


def _cases():
    from .models import Case

    return Case.objects.select_related("author").order_by("created_at")


@dataclass(frozen=True)
class ResponseRow:
    person: User
    response: Response | None


def responses_overview(meeting: Meeting) -> list[ResponseRow]:
    """Every current member with their answer (None: not answered yet)."""
    responses = {r.person_id: r for r in meeting.responses.all()}
    return [ResponseRow(p, responses.get(p.pk)) for p in members_of(meeting.network)]


@dataclass(frozen=True)
class AttendanceRow:
    person: User
    status: str


def attendance_sheet(meeting: Meeting) -> list[AttendanceRow]:
    """Every current member with the recorded status ('' when none yet).

    Members who answered "not coming" default to excused, the rest to present."""
    recorded = {a.person_id: a.status for a in meeting.attendances.all()}
    answers = {r.person_id: r.answer for r in meeting.responses.all()}
    rows = []
    for person in members_of(meeting.network):
        default = "excused" if answers.get(person.pk) == "not_coming" else "present"
        rows.append(AttendanceRow(person, recorded.get(person.pk, default)))
    for person in User.objects.filter(
        pk__in=set(recorded) - {row.person.pk for row in rows}
    ).order_by("last_name"):
        rows.append(AttendanceRow(person, recorded[person.pk]))  # former members keep theirs
    return rows


@dataclass(frozen=True)
class RateRow:
    person: User
    rate: attendance_calc.Rate


def attendance_rates(network: Network) -> tuple[list[RateRow], attendance_calc.Rate, int]:
    """Per member and for the network: rows, the overall rate and meetings registered."""
    records = list(
        Attendance.objects.filter(meeting__network=network).values_list(
            "person_id", "status", "meeting_id"
        )
    )
    pairs = [(person, status) for person, status, _meeting in records]
    members = list(members_of(network))
    per_person = attendance_calc.rates_per_person(pairs, [m.pk for m in members])
    rows = [RateRow(m, per_person[m.pk]) for m in members]
    return rows, attendance_calc.overall_rate(pairs), len({r[2] for r in records})


def shared_questions_for(network: Network, viewer: User) -> list[LearningQuestion]:
    """Learning questions of others that reach `viewer` through this network: the owner's
    current choice decides (participants' visible_to), so a penvoerder sees only what was
    shared with the whole network and a facilitator also what was shared with them."""
    return list(
        LearningQuestion.objects.visible_to(viewer, in_network=network)
        .exclude(owner=viewer)
        .select_related("owner")
        .order_by("owner__last_name", "title")
    )


def earlier_meetings(meeting: Meeting) -> list[Meeting]:
    """Held meetings of the same network before this one, newest first."""
    return list(
        Meeting.objects.filter(network_id=meeting.network_id, starts_at__lt=meeting.starts_at)
        .scheduled()
        .exclude(pk=meeting.pk)
        .order_by("-starts_at")
    )


@dataclass(frozen=True)
class Briefing:
    """What a guest speaker is told: earlier themes and the learning questions shared."""

    meeting: Meeting
    earlier: list[Meeting]
    questions: list[LearningQuestion]


def briefing_questions(network: Network, *, viewer=None) -> list[LearningQuestion]:
    """Questions of current members, linked to the network, as their owners share them NOW.

    `viewer=None` is the guest speaker (outside the network): only questions shared with
    the network. A viewer who is a facilitator of this network also sees those shared with
    the facilitator; any other member sees the network-shared ones; anyone else (staff, the
    admin, someone who left) sees none. Built on every call: never a stored copy."""
    from networks.models import Membership
    from networks.rules import is_facilitator, is_member

    questions = LearningQuestion.objects.shared_with_members_of(network)
    if viewer is not None:
        if not is_member(viewer, network):
            return []
        if is_facilitator(viewer, network):
            # The one visibility rule, through this network; the viewer's own questions
            # are not part of what she tells a speaker.
            questions = LearningQuestion.objects.visible_to(viewer, in_network=network).exclude(
                owner=viewer
            )
    current = Membership.objects.current().filter(network=network).values("person")
    return list(questions.filter(owner__in=current).distinct().order_by("title", "pk"))


def speaker_briefing(meeting: Meeting, *, viewer=None) -> Briefing:
    """The guest-speaker briefing as `viewer` may see it (None: as the speaker receives it)."""
    return Briefing(
        meeting=meeting,
        earlier=earlier_meetings(meeting),
        questions=briefing_questions(meeting.network, viewer=viewer),
    )


def speaker_for_organiser(user, pk: int):
    """A guest speaker of a meeting the user may see (404 otherwise); rules decide the rest."""
    from .models import GuestSpeaker

    speaker = get_object_or_404(GuestSpeaker.objects.select_related("meeting__network"), pk=pk)
    meeting_for_user(user, speaker.meeting_id)
    return speaker


def speaker_for_token(token: str):
    """The guest speaker whose answer link carries `token`, or None."""
    from .models import GuestSpeaker

    if not token or len(token) > 64:
        return None
    return GuestSpeaker.objects.select_related("meeting__network").filter(token=token).first()


def suggested_theme(network: Network) -> str:
    """The theme the group chose at the latest meeting that recorded one."""
    latest = (
        Meeting.objects.filter(network=network)
        .scheduled()
        .exclude(next_theme="")
        .order_by("-starts_at")
        .values_list("next_theme", flat=True)
        .first()
    )
    return latest or ""


def polls_for_network(network: Network) -> list[DatePoll]:
    return list(network.date_polls.select_related("meeting").order_by("-created_at"))


@dataclass(frozen=True)
class PollTable:
    poll: DatePoll
    options: list
    tallies: list[poll_calc.OptionTally]
    rows: list  # (person, {option_id: answer})
    best: int | None
    not_answered: list[User]


def poll_table(poll: DatePoll) -> PollTable:
    """The facilitator's table: each member's answers, totals per date, who has not answered."""
    options = list(poll.options.all())
    answers = list(
        PollAnswer.objects.filter(option__poll=poll).values_list("option_id", "person_id", "answer")
    )
    members = list(members_of(poll.network))
    by_person: dict[int, dict[int, str]] = {}
    for option_id, person_id, answer in answers:
        by_person.setdefault(person_id, {})[option_id] = answer
    tallies = poll_calc.tally([o.pk for o in options], answers)
    missing = set(poll_calc.not_answered([m.pk for m in members], answers))
    return PollTable(
        poll=poll,
        options=options,
        tallies=tallies,
        rows=[(m, [by_person.get(m.pk, {}).get(o.pk, "") for o in options]) for m in members],
        best=poll_calc.best_option(tallies) if answers else None,
        not_answered=[m for m in members if m.pk in missing],
    )


def my_poll_answers(poll: DatePoll, person) -> dict[int, str]:
    return dict(
        PollAnswer.objects.filter(option__poll=poll, person=person).values_list(
            "option_id", "answer"
        )
    )


@dataclass(frozen=True)
class NetworkSection:
    upcoming: list[Meeting]
    past: list[Meeting]
    buddy_groups: list[BuddyGroup]
    contact_moments: list[ContactMoment]
    open_polls: list[DatePoll]


def network_section(network: Network, *, limit: int = 5) -> NetworkSection:
    """The meetings part of a network's page: five queries whatever the data size."""
    meetings = Meeting.objects.filter(network=network)
    return NetworkSection(
        upcoming=list(meetings.not_ended()[:limit]),
        past=list(meetings.past()[:limit]),
        buddy_groups=list(
            network.buddy_groups.prefetch_related(
                Prefetch("members", queryset=User.objects.order_by("last_name", "first_name"))
            )
        ),
        contact_moments=list(
            network.contact_moments.prefetch_related("participants").order_by("-date")[:limit]
        ),
        open_polls=list(network.date_polls.open()[:limit]),
    )


def contact_log(network: Network) -> QuerySet[ContactMoment]:
    return network.contact_moments.select_related("recorded_by").prefetch_related(
        Prefetch("participants", queryset=User.objects.order_by("last_name"))
    )


def buddy_groups_for(network: Network) -> list[BuddyGroup]:
    return list(
        network.buddy_groups.prefetch_related(
            Prefetch("members", queryset=User.objects.select_related("school"))
        )
    )


def feed_token_for(person) -> CalendarFeedToken | None:
    return CalendarFeedToken.objects.filter(person=person).first()


def person_for_feed_token(token: str) -> User | None:
    row = CalendarFeedToken.objects.select_related("person").filter(token=token).first()
    if row is None or not row.person.is_active:
        return None
    return row.person


def feed_meetings(person) -> QuerySet[Meeting]:
    """All meetings of all the person's networks (cancelled ones too, marked so)."""
    return Meeting.objects.of_networks_of(person).select_related("network").order_by("starts_at")


def calendar_events(meetings) -> list[CalendarEvent]:
    """Calendar entries: the title starts with the network's name (a feed holds several
    networks); the description has the link back to the meeting, the theme and the agenda."""
    from django.conf import settings

    events = []
    for meeting in meetings:
        location = ", ".join(part for part in (meeting.location, meeting.address) if part)
        url = settings.SITE_URL.rstrip("/") + reverse(
            "meetings:meeting-detail", kwargs={"pk": meeting.pk}
        )
        description = "\n\n".join(part for part in (url, meeting.theme, meeting.agenda) if part)
        events.append(
            CalendarEvent(
                uid=f"{meeting.uid}@leernetwerk.vo-academie.nl",
                sequence=meeting.sequence,
                summary=f"{meeting.network.name}: {meeting.title}",
                starts_at=meeting.starts_at,
                ends_at=meeting.ends_at,
                updated_at=meeting.updated_at,
                description=description,
                location=location,
                url=url,
                cancelled=meeting.status == MeetingStatus.CANCELLED,
            )
        )
    return events


@dataclass(frozen=True)
class ContactSummary:
    moments: int
    last_date: object  # datetime.date | None
    buddy_groups: int


def contact_summary(network: Network, *, since=None) -> ContactSummary:
    """Contact between meetings, for the criterion `contact_between_meetings` and the phase
    reports: logged moments (since a date if given), the latest one and the buddy groups."""
    from django.db.models import Count, Max

    moments = network.contact_moments.all()
    if since is not None:
        moments = moments.filter(date__gte=since)
    figures = moments.aggregate(count=Count("pk"), last=Max("date"))
    return ContactSummary(
        moments=figures["count"],
        last_date=figures["last"],
        buddy_groups=network.buddy_groups.count(),
    )
