"""Reads for applications: a person's applications, the review queue, the application and
review pages (invitees, history, staff free to review)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db.models import Count, OuterRef, Prefetch, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce, Lower
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _

from ..enums import (
    DECISION_OUTCOMES,
    EDITABLE_APPLICATION_STATUSES,
    InviteeRole,
    NetworkStatus,
)
from ..models import (
    Application,
    ApplicationInvitee,
    CriterionJudgement,
    Decision,
    Membership,
    Network,
)

if TYPE_CHECKING:
    from participants.models import User


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
