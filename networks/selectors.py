"""Reads for network pages. Each returns a queryset with what its page shows pre-fetched."""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db.models import Count, Exists, OuterRef, Prefetch, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce, Lower
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.translation import gettext as _

from . import eligibility
from .enums import (
    APPLICATION_ONLY_STATUSES,
    DECISION_OUTCOMES,
    EDITABLE_APPLICATION_STATUSES,
    ON_WAITING_LIST,
    SUPPORTED_STATUSES,
    InviteeRole,
    NetworkStatus,
    Role,
    WaitingStatus,
)
from .models import (
    Application,
    ApplicationInvitee,
    CriterionJudgement,
    Decision,
    Membership,
    Network,
    RecheckResult,
    WaitingListEntry,
)

if TYPE_CHECKING:
    from participants.models import User


def networks_for_staff(*, filters: dict | None = None) -> QuerySet[Network]:
    """All networks with member counts and facilitators, for the staff overview. A network
    that is still an application has no members yet: for it the overview shows what the
    application plans (`planned_fixed_count`, `planned_facilitators`)."""
    return (
        Network.objects.all()
        .with_member_counts()
        .with_planned_counts()
        .prefetch_related(
            Prefetch(
                "memberships",
                queryset=Membership.objects.current().facilitators().select_related("person"),
                to_attr="current_facilitators",
            ),
            Prefetch(
                "application__invitees",
                queryset=ApplicationInvitee.objects.filter(role=InviteeRole.FACILITATOR),
                to_attr="planned_facilitators",
            ),
        )
        .order_by("name")
    )


def memberships_for_person(person: User) -> QuerySet[Membership]:
    """The person's current memberships with their networks: the start page of a member."""
    return (
        Membership.objects.current()
        .filter(person=person)
        .select_related("network")
        .order_by("network__name", "role")
    )


@dataclass(frozen=True)
class MyNetwork:
    """A network on the member's start page, once, with every role she holds in it."""

    network: Network
    roles: list[str]  # role labels, in Role order


def my_networks_for_person(person: User) -> list[MyNetwork]:
    """The person's current networks, each once with all her roles (penvoerder and
    participant of the same network is one entry), by network name. A network that is
    still an application (not granted) is not one of them: the start page lists it under
    her applications only. One query."""
    order = {value: i for i, value in enumerate(Role.values)}
    grouped: dict[int, MyNetwork] = {}
    memberships = sorted(
        memberships_for_person(person).exclude(network__status__in=APPLICATION_ONLY_STATUSES),
        key=lambda m: order.get(m.role, 99),
    )
    for membership in memberships:
        entry = grouped.setdefault(
            membership.network_id, MyNetwork(network=membership.network, roles=[])
        )
        entry.roles.append(str(membership.get_role_display()))
    return sorted(grouped.values(), key=lambda e: (e.network.name.lower(), e.network.pk))


def members_of_network(network: Network, *, viewer: User) -> QuerySet[Membership]:
    """Current memberships of a network with each person and school. `contact_visible` on
    each says whether the viewer may read that person's contact details (school included):
    the one rule, `User.objects.contact_visible_to` (participants sits above networks, so
    the user model is reached through get_user_model)."""
    readable = get_user_model().objects.contact_visible_to(viewer)
    return (
        network.memberships.current()
        .select_related("person", "person__school")
        .annotate(contact_visible=Exists(readable.filter(pk=OuterRef("person_id"))))
        .order_by("role", "person__last_name", "person__first_name")
    )


# --- Applications ----------------------------------------------------------------------------


def applications_for_person(person: User) -> QuerySet[Application]:
    """The applications the person made or helps make (penvoerder or co-initiator), newest
    first."""
    return (
        Application.objects.of_initiator(person).select_related("network").order_by("-created_at")
    )


def applications_for_review() -> QuerySet[Application]:
    """All non-draft applications with what the staff queue shows, oldest submission first:
    what each plans, its fixed participants (`planned_fixed_count`) and facilitator
    (`planned_facilitators`)."""
    planned = (
        ApplicationInvitee.objects.filter(application=OuterRef("pk"), role=InviteeRole.PARTICIPANT)
        .order_by()
        .values("application")
        .annotate(n=Count("pk"))
        .values("n")[:1]
    )
    return (
        Application.objects.exclude(network__status=NetworkStatus.DRAFT)
        .select_related("network", "applicant", "applicant_school")
        .annotate(planned_fixed_count=Coalesce(Subquery(planned), 0))
        .prefetch_related(
            Prefetch(
                "invitees",
                queryset=ApplicationInvitee.objects.filter(role=InviteeRole.FACILITATOR),
                to_attr="planned_facilitators",
            )
        )
        .order_by("submitted_at", "pk")
    )


def application_for_page(pk: int, user: User) -> Application:
    """One application the user may see, with its network, invitees and decisions loaded."""
    return get_object_or_404(
        Application.objects.visible_to(user)
        .select_related("network", "applicant", "applicant_school")
        .prefetch_related(
            "invitees",
            "network__focus_competences",
            Prefetch("decisions", queryset=Decision.objects.select_related("decided_by")),
            Prefetch("judgements", queryset=CriterionJudgement.objects.select_related("judged_by")),
        ),
        pk=pk,
    )


def invitees_by_role(application: Application) -> dict[str, list[ApplicationInvitee]]:
    """The people the application names, by role: facilitators, participants, co_initiators.

    Uses the invitees `application_for_page` loaded (no query then)."""
    named: dict[str, list[ApplicationInvitee]] = {
        "facilitators": [],
        "participants": [],
        "co_initiators": [],
    }
    keys = {
        InviteeRole.FACILITATOR: "facilitators",
        InviteeRole.PARTICIPANT: "participants",
        InviteeRole.CO_INITIATOR: "co_initiators",
    }
    for invitee in application.invitees.all():
        named[keys[invitee.role]].append(invitee)
    # A co-initiator is named by address; once she has an account, she is shown by her name
    # (`display_name`: the account's full name, else the name given, else the address).
    co_initiators = named["co_initiators"]
    accounts = {}
    if co_initiators:
        accounts = {
            email.lower(): " ".join(part for part in (first, last) if part)
            for email, first, last in get_user_model()
            .objects.annotate(email_lower=Lower("email"))
            .filter(email_lower__in=[i.email.lower() for i in co_initiators])
            .values_list("email", "first_name", "last_name")
        }
    for invitee in co_initiators:
        invitee.display_name = accounts.get(invitee.email.lower()) or invitee.name or invitee.email
    return named


def history_for_application(application: Application) -> list[dict]:
    """Every recorded change to the application, its network, judgements and decisions:
    who, when, what — newest first."""
    entries = []

    def collect(records, label_for):
        previous = {}
        for record in sorted(records, key=lambda r: (r.history_date, r.history_id)):
            key = record.id
            changes = []
            old = previous.get(key)
            if old is not None:
                delta = record.diff_against(old)
                changes = [
                    str(record.instance._meta.get_field(c.field).verbose_name)
                    for c in delta.changes
                ]
            previous[key] = record
            entries.append(
                {
                    "when": record.history_date,
                    "who": record.history_user,
                    "what": label_for(record),
                    "type": record.get_history_type_display(),
                    "changes": changes,
                    # A judgement's or decision's motivation belongs in its history line.
                    "motivation": getattr(record, "motivation", ""),
                }
            )

    collect(
        Network.history.filter(id=application.network_id).select_related("history_user"),
        lambda r: _("Network"),
    )
    collect(
        Application.history.filter(id=application.pk).select_related("history_user"),
        lambda r: _("Application"),
    )
    collect(
        CriterionJudgement.history.filter(application_id=application.pk).select_related(
            "history_user"
        ),
        lambda r: _("Judgement: %(criterion)s") % {"criterion": r.get_criterion_display()},
    )
    collect(
        ApplicationInvitee.history.filter(application_id=application.pk).select_related(
            "history_user"
        ),
        lambda r: _("%(role)s: %(email)s") % {"role": r.get_role_display(), "email": r.email},
    )
    collect(
        Decision.history.filter(application_id=application.pk).select_related("history_user"),
        lambda r: _("Decision: %(kind)s") % {"kind": DECISION_OUTCOMES[r.kind]},
    )
    entries.sort(key=lambda e: e["when"], reverse=True)
    return entries


# --- Directory and API -----------------------------------------------------------------------


def networks_for_directory() -> QuerySet[Network]:
    """Supported, listed networks with their current facilitators and, for networks whose
    facilitator has no account yet, the facilitator named in the application; with the
    places taken, so `is_full` needs no query, and `first_offer_ends`: when the first place
    offer counted in them runs out (None: none), after which `is_full` may change by itself."""
    first_offer_ends = (
        WaitingListEntry.objects.filter(
            network=OuterRef("pk"),
            status=WaitingStatus.OFFERED,
            offered_until__gt=timezone.now(),
        )
        .order_by("offered_until")
        .values("offered_until")[:1]
    )
    return (
        Network.objects.in_directory()
        .with_places_taken()
        .annotate(first_offer_ends=Subquery(first_offer_ends))
        .prefetch_related(
            Prefetch(
                "memberships",
                queryset=Membership.objects.current().facilitators().select_related("person"),
                to_attr="current_facilitators",
            ),
            Prefetch(
                "application__invitees",
                queryset=ApplicationInvitee.objects.filter(role=InviteeRole.FACILITATOR),
                to_attr="invited_facilitators",
            ),
        )
        .order_by("name")
    )


def public_facilitator_names(network: Network) -> list[str]:
    """The facilitator names a visitor may see (names only, never addresses).

    Expects a network from `networks_for_directory()` (prefetched, no extra queries)."""
    names = [m.person.full_name for m in getattr(network, "current_facilitators", [])]
    if names:
        return names
    try:
        application = network.application
    except Application.DoesNotExist:
        return []
    return [i.name for i in getattr(application, "invited_facilitators", []) if i.name]


# --- Yearly re-check -------------------------------------------------------------------------


def networks_due_for_recheck(on: datetime.date | None = None) -> QuerySet[Network]:
    """Supported networks that started at least a year ago."""
    on = on or timezone.localdate()
    year_ago = eligibility.add_months(on, -12)
    return Network.objects.filter(
        status__in=SUPPORTED_STATUSES, start_date__isnull=False, start_date__lte=year_ago
    ).order_by("pk")


def latest_rechecks_for_networks(network_ids: Iterable[int]) -> dict[int, RecheckResult]:
    """The latest stored yearly re-check per network id (flagged or not), in one query; a
    network never re-checked (not yet a year under way) has none.

    For the staff dashboard: it shows exactly what the re-check found."""
    latest: dict[int, RecheckResult] = {}
    for result in RecheckResult.objects.filter(network_id__in=list(network_ids)).order_by(
        "network_id", "-period_start"
    ):
        latest.setdefault(result.network_id, result)
    return latest


def recheck_flags_for_networks(network_ids: Iterable[int]) -> dict[int, RecheckResult]:
    """The latest flagged re-check per network id (only flagged ones), in one query.

    For dashboards: `{network_id: RecheckResult}`; `result.shortfalls` lists the evidence."""
    latest = latest_rechecks_for_networks(network_ids)
    return {nid: r for nid, r in latest.items() if r.flagged}


def flagged_rechecks() -> list[RecheckResult]:
    """The latest re-check of every supported network that falls short, for staff."""
    results = (
        RecheckResult.objects.filter(network__status__in=SUPPORTED_STATUSES)
        .select_related("network")
        .order_by("network__name", "-period_start")
    )
    latest: dict[int, RecheckResult] = {}
    for result in results:
        latest.setdefault(result.network_id, result)
    return [r for r in latest.values() if r.flagged]


def open_applications_for_person(person: User) -> list[Application]:
    """The person's applications still being written or awaiting review (the start page of a
    penvoerder). Read-only; for the person themself."""
    return list(
        applications_for_person(person).filter(
            network__status__in=[*EDITABLE_APPLICATION_STATUSES, NetworkStatus.SUBMITTED]
        )
    )


def review_queue_count() -> int:
    """How many applications await review. Read-only; for staff who may review."""
    return Application.objects.awaiting_review().count()


def application_of_network(network: Network) -> Application | None:
    """The network's application, if it was started through one. Read-only; the caller
    checks `networks.view_application` before showing it."""
    return Application.objects.filter(network=network).first()


# --- Review ----------------------------------------------------------------------------------


def staff_free_to_review(application: Application) -> list[User]:
    """Active academy staff who may judge and decide this application: not a member of the
    network, not its applicant and not named in it (rules.is_party_to_application), in name
    order. For the review page's conflict-of-interest notice. One query when the invitees
    are loaded (`application_for_page`), else two."""
    named = ApplicationInvitee.objects.filter(application=application)
    named_emails = [invitee.email.lower() for invitee in application.invitees.all()]
    staff = (
        get_user_model()
        .objects.filter(is_active=True, groups__name=settings.ACADEMY_STAFF_GROUP)
        .exclude(
            pk__in=Membership.objects.not_ended()
            .filter(network_id=application.network_id)
            .values("person")
        )
        .exclude(pk__in=named.exclude(person=None).values("person"))
        .exclude(Q(pk=application.applicant_id) if application.applicant_id else Q(pk__in=[]))
        .distinct()
        .order_by("last_name", "first_name", "pk")
    )
    return [u for u in staff if u.email.lower() not in named_emails]


def waiting_list_for_organisers(network: Network) -> list[WaitingListEntry]:
    """Who is on the network's waiting list, in order: those holding an offered place first,
    then the waiting ones numbered from 1 (`position`). Names and addresses: only for the
    network's organisers and staff (the members page; `networks.view_waiting_list`)."""
    entries = list(
        WaitingListEntry.objects.filter(network=network, status__in=ON_WAITING_LIST)
        .select_related("registration")
        .order_by("listed_at", "pk")
    )
    position = 0
    for entry in entries:
        if entry.status == WaitingStatus.WAITING:
            position += 1
            entry.position = position
        else:
            entry.position = None
    return sorted(entries, key=lambda e: (e.position is not None, e.position or 0))
