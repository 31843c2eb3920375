"""Evaluation rounds: opening, the questionnaire, invitations, answers, closing."""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Mapping

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from leernetwerk.dispatch import enqueue
from mails.services import queue_mail
from networks.enums import Role

from ..enums import ComputationStatus, ItemKind, RoundStatus
from ..models import Answer, EvaluationRound, Invitation, Item, Response
from ..questionnaire import TEMPLATE_2014
from ..scoring import SCALE

# Facilitators run the network; the evaluation asks its participants (penvoerders included).
INVITED_ROLES = (Role.PARTICIPANT, Role.PENVOERDER)
REMIND_AFTER = datetime.timedelta(days=7)
REMIND_BEFORE_CLOSING_DAYS = 3


@transaction.atomic
def open_round(
    *,
    by,
    title: str,
    kind: str,
    opens_on: datetime.date,
    closes_on: datetime.date,
    networks: Iterable,
    use_template: bool = True,
    extra_questions: Iterable[str] = (),
) -> EvaluationRound:
    """Open a round for the networks: copy the 2014 questionnaire (if asked) plus extra scale
    items, and create one personal invitation per current participant. Staff only (checked by
    the caller). Refuses a round without items or networks; nothing is stored then. The
    invitation mails go out after commit."""
    networks = list(networks)
    extra = [q.strip() for q in extra_questions if q.strip()]
    if not use_template and not extra:
        raise ValidationError(_("A round needs at least one question."), code="no_items")
    if not networks:
        raise ValidationError(_("Choose at least one network."), code="no_networks")
    if closes_on < opens_on:
        raise ValidationError(_("The closing date cannot be before the opening date."))
    evaluation = EvaluationRound.objects.create(
        title=title, kind=kind, opens_on=opens_on, closes_on=closes_on, created_by=by
    )
    evaluation.networks.set(networks)
    items = []
    if use_template:
        with translation.override(settings.LANGUAGE_CODE):
            items += [(code, item_kind, str(text)) for code, item_kind, text in TEMPLATE_2014]
    items += [("", ItemKind.SCALE, text) for text in extra]
    Item.objects.bulk_create(
        Item(round=evaluation, position=i, code=code, kind=item_kind, text=text)
        for i, (code, item_kind, text) in enumerate(items, start=1)
    )
    _create_invitations(evaluation, networks)
    from ..tasks import task_send_round_invitations

    enqueue(task_send_round_invitations, round_id=evaluation.pk)
    return evaluation


def _create_invitations(evaluation: EvaluationRound, networks: list) -> None:
    from networks.models import Membership

    pairs = set(
        Membership.objects.current()
        .filter(network__in=networks, role__in=INVITED_ROLES)
        .values_list("network_id", "person_id")
    )
    Invitation.objects.bulk_create(
        Invitation(round=evaluation, network_id=network_id, person_id=person_id)
        for network_id, person_id in sorted(pairs)
    )


@transaction.atomic
def add_item(evaluation: EvaluationRound, *, by, kind: str, text: str) -> Item:
    """Add a question to a round. Staff only. Refused once answers have come in, so every
    respondent answers the same questionnaire."""
    evaluation = EvaluationRound.objects.select_for_update().get(pk=evaluation.pk)
    if evaluation.responses.exists():
        raise ValidationError(
            _("Answers have come in; the questionnaire can no longer change."),
            code="has_responses",
        )
    if not evaluation.is_open:
        raise ValidationError(_("This round is closed."), code="closed")
    position = (
        evaluation.items.order_by("-position").values_list("position", flat=True).first() or 0
    ) + 1
    return Item.objects.create(round=evaluation, position=position, kind=kind, text=text)


def _accepts_answers(evaluation: EvaluationRound, today: datetime.date) -> bool:
    return evaluation.is_open and evaluation.opens_on <= today <= evaluation.closes_on


@transaction.atomic
def submit_response(token: str, *, answers: Mapping[int, object]) -> Response:
    """Store an anonymous response through a personal link and mark the link used.

    `answers` maps item id to a value 1-5 (scale items; None = skipped) or a text (open items).
    The response row gets no person and no time, so it cannot be traced back. Refuses a used
    link, a round that is not open, a value off the scale, or an empty form; nothing is stored
    then."""
    invitation = (
        Invitation.objects.select_for_update().select_related("round").filter(token=token).first()
    )
    if invitation is None:
        raise ValidationError(_("This link is not valid."), code="invalid")
    if invitation.is_used:
        raise ValidationError(
            _("This link has already been used. Each link works once."), code="used"
        )
    if not _accepts_answers(invitation.round, timezone.localdate()):
        raise ValidationError(_("This evaluation is closed."), code="closed")
    items = {item.pk: item for item in invitation.round.items.all()}
    rows = []
    for item_id, raw in answers.items():
        item = items.get(int(item_id))
        if item is None:
            raise ValidationError(_("Unknown question."), code="unknown_item")
        if item.is_scale:
            if raw in (None, ""):
                continue
            try:
                value = int(raw)
            except (TypeError, ValueError):
                value = None
            if value not in SCALE:
                raise ValidationError(_("Choose a value from 1 to 5."), code="off_scale")
            rows.append((item, value, ""))
        else:
            text = str(raw or "").strip()
            if text:
                rows.append((item, None, text))
    if not rows:
        # An empty form is no response: it would count as a respondent who said nothing and
        # use up the link by accident.
        raise ValidationError(_("Answer at least one question."), code="empty")
    response = Response.objects.create(round=invitation.round, network=invitation.network)
    Answer.objects.bulk_create(
        Answer(response=response, item=item, value=value, text=text) for item, value, text in rows
    )
    invitation.is_used = True
    invitation.save(update_fields=["is_used"])
    return response


@transaction.atomic
def close_round(evaluation: EvaluationRound, *, by) -> EvaluationRound:
    """Close a round (staff) and have Celery compute its scores after commit."""
    evaluation = EvaluationRound.objects.select_for_update().get(pk=evaluation.pk)
    if not evaluation.is_open:
        raise ValidationError(_("This round is already closed."), code="closed")
    evaluation.status = RoundStatus.CLOSED
    evaluation.closed_at = timezone.now()
    evaluation.scores_status = ComputationStatus.PENDING
    evaluation.save(update_fields=["status", "closed_at", "scores_status"])
    from ..tasks import task_compute_round_scores

    enqueue(task_compute_round_scores, round_id=evaluation.pk)
    return evaluation


@transaction.atomic
def request_round_scores(evaluation: EvaluationRound, *, by) -> EvaluationRound:
    """Compute (again) on demand (staff); the page shows the pending status meanwhile."""
    EvaluationRound.objects.filter(pk=evaluation.pk).update(
        scores_status=ComputationStatus.PENDING, scores_error=""
    )
    evaluation.refresh_from_db()
    from ..tasks import task_compute_round_scores

    enqueue(task_compute_round_scores, round_id=evaluation.pk)
    return evaluation


@transaction.atomic
def publish_round(evaluation: EvaluationRound, *, by, published: bool = True) -> EvaluationRound:
    """Let members read their network's report (staff)."""
    evaluation.is_published = published
    evaluation.save(update_fields=["is_published"])
    return evaluation


def _mail(invitation: Invitation, template: str, subject: str) -> bool:
    """Queue the mail once per invitation and kind (mails.services: the send-once key)."""
    person = invitation.person
    with translation.override(settings.LANGUAGE_CODE):
        context = {
            "person": person,
            "invitation": invitation,
            "round": invitation.round,
            "network": invitation.network,
            "url": settings.SITE_URL.rstrip("/") + invitation.get_absolute_url(),
        }
        body = render_to_string(template, context)
    kind = template.rsplit("/", 1)[-1].removesuffix(".txt")
    mail = queue_mail(
        key=f"evaluations.{kind}:{invitation.pk}",
        to=person.email,
        recipient=person,
        kind=f"evaluation_{kind}",
        subject=str(subject),
        body=body,
    )
    return mail is not None


def send_round_invitations(round_id: int) -> int:
    """Mail every not yet invited member of an open round their personal link, once each.
    Returns the number sent. Called by Celery; safe to repeat (each mail once)."""
    today = timezone.localdate()
    sent = 0
    invitations = Invitation.objects.filter(
        round_id=round_id, invited_at__isnull=True, is_used=False, person__isnull=False
    ).select_related("round", "network", "person")
    for invitation in invitations:
        if not _accepts_answers(invitation.round, today):
            continue
        with transaction.atomic():  # invited_at records when; the mail's key sends it once
            Invitation.objects.filter(pk=invitation.pk, invited_at__isnull=True).update(
                invited_at=timezone.now()
            )
            with translation.override(settings.LANGUAGE_CODE):
                subject = _("Evaluation of %(network)s: your personal link") % {
                    "network": invitation.network.name
                }
            sent += _mail(invitation, "evaluations/email/invitation.txt", subject)
    return sent


def send_round_reminders(today: datetime.date | None = None) -> int:
    """Daily (Celery beat): send invitations not yet sent for rounds open today, and one
    reminder to each member who has not answered, a week after the invitation or in the
    last days before closing. Each mail goes out once. Returns the number of mails."""
    today = today or timezone.localdate()
    now = timezone.now()
    sent = 0
    for round_id in EvaluationRound.objects.open_today().values_list("pk", flat=True):
        sent += send_round_invitations(round_id)
    closing_soon = today + datetime.timedelta(days=REMIND_BEFORE_CLOSING_DAYS)
    due = (
        Invitation.objects.unused()
        .filter(
            round__in=EvaluationRound.objects.open_today(),
            person__isnull=False,
            invited_at__isnull=False,
            reminded_at__isnull=True,
        )
        .select_related("round", "network", "person")
    )
    for invitation in due:
        if not (
            invitation.invited_at <= now - REMIND_AFTER
            or invitation.round.closes_on <= closing_soon
        ):
            continue
        with transaction.atomic():  # reminded_at records when; the mail's key sends it once
            Invitation.objects.filter(
                pk=invitation.pk, reminded_at__isnull=True, is_used=False
            ).update(reminded_at=now)
            with translation.override(settings.LANGUAGE_CODE):
                subject = _("Reminder: evaluation of %(network)s") % {
                    "network": invitation.network.name
                }
            sent += _mail(invitation, "evaluations/email/reminder.txt", subject)
    return sent


@transaction.atomic
def close_due_rounds(today: datetime.date | None = None) -> int:
    """Close open rounds whose closing date has passed and have Celery compute all their scores
    after commit, in one batch task (at the end of a school year hundreds of rounds close on
    the same day). The daily beat task runs this before the reminders. Returns how many."""
    today = today or timezone.localdate()
    # Locked like close_round locks one: a round a staff member is closing meanwhile is
    # re-read after their commit, and then no longer open.
    due = list(
        EvaluationRound.objects.select_for_update()
        .filter(status=RoundStatus.OPEN, closes_on__lt=today)
        .order_by("pk")
        .values_list("pk", flat=True)
    )
    if not due:
        return 0
    EvaluationRound.objects.filter(pk__in=due).update(
        status=RoundStatus.CLOSED,
        closed_at=timezone.now(),
        scores_status=ComputationStatus.PENDING,
    )
    from ..tasks import task_compute_scores_of_rounds

    enqueue(task_compute_scores_of_rounds, round_ids=due)
    return len(due)
