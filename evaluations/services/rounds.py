"""Evaluation rounds: opening, the questionnaire, invitations, answers, closing."""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Mapping

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import Q
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.crypto import salted_hmac
from django.utils.translation import gettext as _

from leernetwerk.dispatch import enqueue
from networks.enums import Role

from ..enums import DONT_KNOW, ComputationStatus, ItemKind, RoundStatus
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


def response_key(token: str) -> str:
    """The key under which a personal link finds its response again: an HMAC of the link's
    token with EVALUATION_RESPONSE_KEY, a secret kept in the settings and never in the
    database. Whoever holds only the database (staff, a database administrator) has the
    tokens but cannot compute the keys, so cannot tie a response to an invitation."""
    return salted_hmac(
        "leernetwerk.evaluations.response", token, secret=settings.EVALUATION_RESPONSE_KEY
    ).hexdigest()


def find_response(token: str) -> Response | None:
    """The response saved through this link, if any (read-only; anyone holding the link)."""
    return Response.objects.filter(access_key=response_key(token)).first()


def _answer_rows(items: dict[int, Item], answers: Mapping[int, object]) -> list[tuple]:
    """(item, value, text, don't know) per answered question; ValidationError for an unknown
    question or a value off the scale (the message names the question)."""
    rows = []
    for item_id, raw in answers.items():
        item = items.get(int(item_id))
        if item is None:
            raise ValidationError(_("Unknown question."), code="unknown_item")
        if item.is_scale:
            if raw in (None, ""):
                continue
            if raw == DONT_KNOW:
                rows.append((item, None, "", True))
                continue
            try:
                value = int(raw)
            except (TypeError, ValueError):
                value = None
            if value not in SCALE:
                raise ValidationError(
                    _("“%(question)s”: choose a value from 1 to 5 or “don't know”.")
                    % {"question": item.text},
                    code="off_scale",
                )
            rows.append((item, value, "", False))
        else:
            text = str(raw or "").strip()
            if text:
                rows.append((item, None, text, False))
    return rows


@transaction.atomic
def save_response(
    token: str, *, answers: Mapping[int, object], send: bool = True, version: int | None = None
) -> Response:
    """Save (send=False) or send the answers given through a personal link; the link keeps
    working until the round closes, and each save replaces that response's answers.

    `answers` maps item id to a value 1-5 or DONT_KNOW (scale items; None = not answered) or
    a text (open items). The response gets no person and no time; it is found again only
    through `response_key(token)`. Only a sent response counts (figures, response rate); once
    sent it stays counted, and later saves change it. `version` is the response version the
    form was loaded with: when another device saved meanwhile, nothing is stored and the
    error (code "stale") asks to check the answers again, so neither device's answers are
    silently lost. The invitation row is locked, so two devices sending at once give one
    response, never two. Refuses an unknown link, a round not open, a value off the scale or
    an empty form; nothing is stored then. Anyone holding the link may call it; safe to
    repeat (the same answers give the same response)."""
    invitation = (
        Invitation.objects.select_for_update().select_related("round").filter(token=token).first()
    )
    if invitation is None:
        raise ValidationError(_("This link is not valid."), code="invalid")
    if not _accepts_answers(invitation.round, timezone.localdate()):
        raise ValidationError(
            _("This evaluation is closed; answers can no longer be sent or changed."),
            code="closed",
        )
    key = response_key(token)
    response = Response.objects.filter(access_key=key).first()
    if response is None and invitation.is_used:
        # Sent before answers could be changed (no key was kept then): counted once already.
        raise ValidationError(
            _("Your answers have already been sent through this link."), code="used"
        )
    if response is not None and version is not None and response.version != version:
        raise ValidationError(
            _(
                "Your answers were changed on another device in the meantime. Check the "
                "answers below (as they are stored now) and save or send again."
            ),
            code="stale",
        )
    rows = _answer_rows({item.pk: item for item in invitation.round.items.all()}, answers)
    if not rows:
        # An empty form is no response: it would count as a respondent who said nothing.
        raise ValidationError(_("Answer at least one question."), code="empty")
    if response is None:
        response = Response.objects.create(
            round=invitation.round, network=invitation.network, access_key=key, is_sent=send
        )
    else:
        response.version += 1
        response.is_sent = response.is_sent or send
        response.save(update_fields=["version", "is_sent"])
        response.answers.all().delete()
    Answer.objects.bulk_create(
        Answer(response=response, item=item, value=value, text=text, dont_know=dont_know)
        for item, value, text, dont_know in rows
    )
    if response.is_sent and not invitation.is_used:
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
    """Compute (again) on demand (staff); the page shows the pending status meanwhile.
    Refused while the round is open: an open round has no figures (issue 10, leak 5)."""
    if EvaluationRound.objects.filter(pk=evaluation.pk, status=RoundStatus.OPEN).exists():
        raise ValidationError(
            _("Figures are computed once the round has closed."), code="still_open"
        )
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


def _mail(invitation: Invitation, template: str, subject: str) -> None:
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
        send_mail(str(subject), body, None, [person.email])


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
        with transaction.atomic():
            claimed = Invitation.objects.filter(pk=invitation.pk, invited_at__isnull=True).update(
                invited_at=timezone.now()
            )
            if claimed:
                with translation.override(settings.LANGUAGE_CODE):
                    subject = _("Evaluation of %(network)s: your personal link") % {
                        "network": invitation.network.name
                    }
                _mail(invitation, "evaluations/email/invitation.txt", subject)
                sent += 1
    return sent


def _start_of_day(today: datetime.date) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(today, datetime.time.min))


def _remind(invitation: Invitation, now: datetime.datetime, today: datetime.date) -> bool:
    """Mail one reminder to the invitation's person unless she answered or was reminded
    today already (the one rule for staff's button and the automatic reminders). True when
    sent. The claim is a conditional update, so two senders at once mail once."""
    with transaction.atomic():
        claimed = (
            Invitation.objects.filter(pk=invitation.pk, is_used=False)
            .filter(Q(reminded_at__isnull=True) | Q(reminded_at__lt=_start_of_day(today)))
            .update(reminded_at=now)
        )
        if not claimed:
            return False
        with translation.override(settings.LANGUAGE_CODE):
            subject = _("Reminder: evaluation of %(network)s") % {
                "network": invitation.network.name
            }
        _mail(invitation, "evaluations/email/reminder.txt", subject)
    return True


def send_round_reminders(today: datetime.date | None = None) -> int:
    """Daily (Celery beat): send invitations not yet sent for rounds open today, and one
    reminder to each member who has not answered, a week after the invitation or in the
    last days before closing, unless she was reminded today already. Returns the number of
    mails. Safe to run twice a day (nobody gets two reminders on one day)."""
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
        sent += _remind(invitation, now, today)
    return sent


@transaction.atomic
def request_reminders(
    evaluation: EvaluationRound, *, by, today: datetime.date | None = None
) -> None:
    """Staff's button on the round page: remind everyone who has not answered yet, at most
    once per day per round (refused with a Dutch message otherwise, also when the round does
    not accept answers). The mails go out from the worker after commit; who gets one is never
    shown. Staff only (checked by the caller)."""
    today = today or timezone.localdate()
    evaluation = EvaluationRound.objects.get(pk=evaluation.pk)
    if not _accepts_answers(evaluation, today):
        raise ValidationError(_("This round does not accept answers now."), code="not_open")
    claimed = (
        EvaluationRound.objects.filter(pk=evaluation.pk)
        .filter(Q(reminded_on__isnull=True) | Q(reminded_on__lt=today))
        .update(reminded_on=today)
    )
    if not claimed:
        raise ValidationError(
            _("A reminder was already sent today. You can send the next one tomorrow."),
            code="reminded_today",
        )
    from ..tasks import task_send_reminders_now

    enqueue(task_send_reminders_now, round_id=evaluation.pk)


def send_reminders_now(round_id: int, today: datetime.date | None = None) -> int:
    """Mail a reminder to every invited person of the round who has not answered and was not
    reminded today. Called by the worker after `request_reminders`; safe to repeat (nobody
    gets two on one day). Returns the number of mails."""
    today = today or timezone.localdate()
    now = timezone.now()
    invitations = Invitation.objects.unused().filter(
        round_id=round_id, person__isnull=False, round__in=EvaluationRound.objects.open_today()
    )
    return sum(
        _remind(invitation, now, today)
        for invitation in invitations.select_related("round", "network", "person")
    )


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
