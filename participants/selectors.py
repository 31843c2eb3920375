"""Reads for the participants pages; each returns what its page shows, pre-fetched."""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib.auth.models import AnonymousUser
from django.db.models import Count, Prefetch, Q, QuerySet

from meetings.enums import AttendanceStatus
from meetings.models import Attendance
from networks.models import Membership, Network

from .models import (
    AuditLog,
    BCScan,
    Invitation,
    LearningQuestion,
    ReflectionEntry,
    School,
    User,
)


def questions_for_owner(owner: User) -> QuerySet[LearningQuestion]:
    """The owner's own learning questions, newest change first, with their networks and
    competences. Read-only; only the owner's own pages call it."""
    return (
        LearningQuestion.objects.owned_by(owner)
        .prefetch_related("networks", "competences")
        .order_by("-updated_at")
    )


def question_for_viewer(user: User, pk: int) -> LearningQuestion:
    """One question the user may read (DoesNotExist otherwise: the view answers 404)."""
    return (
        LearningQuestion.objects.visible_to(user)
        .select_related("owner")
        .prefetch_related(
            "networks",
            "competences",
            Prefetch(
                "reflections",
                to_attr="reflection_list",
                queryset=ReflectionEntry.objects.visible_to(user).select_related("meeting"),
            ),
        )
        .get(pk=pk)
    )


def shared_questions_in_network(user: User, network: Network) -> QuerySet[LearningQuestion]:
    """Questions of others that reach the user through this network (not through another
    network the question is also linked to)."""
    return (
        LearningQuestion.objects.visible_to(user, in_network=network)
        .exclude(owner=user)
        .select_related("owner")
        .prefetch_related("competences")
        .order_by("owner__last_name", "owner__first_name", "-updated_at")
    )


def shared_scans_in_network(user: User, network: Network) -> QuerySet[BCScan]:
    """BC-Scans of others linked to the network that reach the user through it: the owner
    and the user are both current members there and the owner's choice includes the user's
    role. One query, however many scans."""
    return (
        BCScan.objects.visible_to(user, in_network=network)
        .exclude(owner=user)
        .select_related("owner")
        .order_by("owner__last_name", "owner__first_name", "-taken_at")
    )


def scan_for_viewer(user: User, pk: int) -> BCScan:
    """One scan the user may read, with the networks it is linked to (DoesNotExist
    otherwise: the view answers 404)."""
    return (
        BCScan.objects.visible_to(user)
        .select_related("owner")
        .prefetch_related(Prefetch("networks", queryset=Network.objects.order_by("name")))
        .get(pk=pk)
    )


def scan_reach(scan: BCScan) -> list[dict]:
    """For the owner: each network the scan is linked to, and whether sharing still reaches
    it (the owner is a current member there). Uses the prefetched links of scan_for_viewer."""
    current = set(
        Membership.objects.current()
        .filter(person_id=scan.owner_id)
        .values_list("network_id", flat=True)
    )
    return [
        {"network": network, "reaches": network.pk in current} for network in scan.networks.all()
    ]


def scans_for_owner(owner: User) -> QuerySet[BCScan]:
    """The owner's BC-Scans, newest first. Read-only; only the owner's own pages call it."""
    return BCScan.objects.filter(owner=owner).order_by("-taken_at", "-pk")


def earlier_scan(scan: BCScan, viewer: User) -> BCScan | None:
    """The owner's scan before this one that `viewer` may read (None if there is none): a
    comparison never shows a scan the viewer could not open (a private earlier scan stays
    out of a shared one's "Eerder" column). Read-only."""
    return (
        BCScan.objects.visible_to(viewer)
        .filter(owner_id=scan.owner_id)
        .filter(Q(taken_at__lt=scan.taken_at) | Q(taken_at=scan.taken_at, pk__lt=scan.pk))
        .order_by("-taken_at", "-pk")
        .first()
    )


def schools_matching(query: str, *, include: School | None = None, limit: int = 50) -> list[School]:
    """Approved schools whose name, BRIN code or town contains the query."""
    schools = School.objects.filter(is_approved=True)
    query = (query or "").strip()
    if query:
        schools = schools.filter(
            Q(name__icontains=query) | Q(brin_code__icontains=query) | Q(town__icontains=query)
        )
    result = list(schools.order_by("name")[:limit])
    if include is not None and include not in result:
        result.insert(0, include)
    return result


def people_for_staff(viewer: User, filters: dict | None = None) -> QuerySet[User]:
    """Everyone whose contact details the viewer may read (for staff: everyone), with school
    and number of current memberships, for the staff people list."""
    today_memberships = Membership.objects.current()
    people = (
        User.objects.contact_visible_to(viewer)
        .select_related("school")
        .annotate(
            network_count=Count(
                "memberships", filter=Q(memberships__in=today_memberships), distinct=True
            )
        )
        .order_by("last_name", "first_name", "email")
    )
    filters = filters or {}
    if filters.get("q"):
        q = filters["q"]
        people = people.filter(
            Q(first_name__icontains=q)
            | Q(last_name__icontains=q)
            | Q(email__icontains=q)
            | Q(school__name__icontains=q)
            | Q(school__brin_code__iexact=q)
        )
    if filters.get("function"):
        people = people.filter(function=filters["function"])
    if filters.get("region"):
        people = people.filter(region=filters["region"])
    if filters.get("network"):
        people = people.filter(
            pk__in=today_memberships.filter(network=filters["network"]).values("person")
        )
    return people


def person_for_staff(viewer: User, pk: int) -> User:
    """One person with school and memberships loaded, for the staff people page (raises
    DoesNotExist, also for a person whose contact details the viewer may not read)."""
    return (
        User.objects.contact_visible_to(viewer)
        .select_related("school")
        .prefetch_related(
            Prefetch(
                "memberships",
                queryset=Membership.objects.select_related("network").order_by("network__name"),
            )
        )
        .get(pk=pk)
    )


def members_with_contact(viewer: User, network: Network) -> QuerySet[Membership]:
    """The network's current members with their contact details, by role and name: only
    those whose contact details the viewer may read (`User.objects.contact_visible_to`)."""
    return (
        network.memberships.current()
        .filter(person__in=User.objects.contact_visible_to(viewer))
        .select_related("person", "person__school")
        .order_by("role", "person__last_name", "person__first_name")
    )


def attended_meetings(person: User) -> QuerySet[Attendance]:
    """Meetings the person attended (status present), oldest first, for the learning record."""
    return (
        Attendance.objects.filter(person=person, status=AttendanceStatus.PRESENT)
        .select_related("meeting", "meeting__network")
        .order_by("meeting__starts_at")
    )


def audit_entries() -> QuerySet[AuditLog]:
    """Every audit-log entry with its actor, newest first. Read-only; staff only."""
    return AuditLog.objects.select_related("actor").order_by("-at", "-pk")


@dataclass(frozen=True)
class InviteeAccount:
    """The account an invitation is for, as the person opening the link stands to it."""

    existing: User | None  # the account with the invited address, if there is one
    is_viewer: bool  # the person opening the link is signed in as that account

    @property
    def needs_new_account(self) -> bool:
        return self.existing is None


def invitee_account_for(invitation: Invitation, viewer: User | AnonymousUser) -> InviteeAccount:
    """Whether the invited address has an account and whether `viewer` (the request's user,
    possibly anonymous) is it: the accept page offers sign-up, joining, or logging in first.
    Read-only; anyone holding the link may call."""
    existing = User.objects.filter(email__iexact=invitation.email).first()
    is_viewer = bool(viewer.is_authenticated and existing is not None and viewer.pk == existing.pk)
    return InviteeAccount(existing=existing, is_viewer=is_viewer)


def open_questions_for_owner(owner: User, *, limit: int = 5) -> tuple[list[LearningQuestion], int]:
    """The owner's `limit` most recently changed open learning questions, and how many open
    ones there are (the start page). Read-only; for the owner themself."""
    questions = LearningQuestion.objects.owned_by(owner).open().order_by("-updated_at")
    return list(questions[:limit]), questions.count()


def latest_scan_for_owner(owner: User) -> BCScan | None:
    """The owner's most recent BC-Scan, or None. Read-only; for the owner themself."""
    return BCScan.objects.filter(owner=owner).order_by("-taken_at").first()


def shared_question_count(viewer: User, network: Network) -> int:
    """How many learning questions of others reach the viewer through this network: the
    number of questions the page it links to lists (`shared_questions_in_network`), not
    those linked to the network that reach her through another one. Read-only; any
    signed-in viewer (the count follows `visible_to`)."""
    return (
        LearningQuestion.objects.visible_to(viewer, in_network=network)
        .exclude(owner=viewer)
        .count()
    )
