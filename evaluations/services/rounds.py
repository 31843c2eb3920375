"""Evaluation rounds: opening, the questionnaire, invitations, answers, closing."""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Mapping

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone, translation
from django.utils.crypto import salted_hmac
from django.utils.translation import gettext as _

from leernetwerk.concurrency import claim_version
from leernetwerk.dispatch import enqueue
from networks.enums import Role
from networks.models import Membership
from participants.models import User

from ..enums import DONT_KNOW, ComputationStatus, ItemKind, RoundKind, RoundStatus
from ..models import Answer, EvaluationRound, Invitation, Item, Response
from ..paired import pseudonym
from ..questionnaire import TEMPLATE_2014
from ..scoring import SCALE
from ..tasks import (
    task_compute_round_scores,
    task_compute_scores_of_rounds,
    task_send_round_invitations,
)
from .scores.pairing import pair_with_baseline

# Facilitators run the network; the evaluation asks its participants (penvoerders included).
INVITED_ROLES = (Role.PARTICIPANT, Role.PENVOERDER)


@transaction.atomic
def open_round(
    *,
    by: User,
    title: str,
    kind: str,
    opens_on: datetime.date,
    closes_on: datetime.date,
    networks: Iterable,
    use_template: bool = True,
    extra_questions: Iterable[str] = (),
    baseline_round: EvaluationRound | None = None,
) -> EvaluationRound:
    """Open a round for the networks: copy the 2014 questionnaire (if asked) plus extra scale
    items, and create one personal invitation per current participant. Staff only (checked by
    the caller). Refuses a round without items or networks; nothing is stored then. The
    invitation mails go out after commit.

    `baseline_round`: the nulmeting a follow-up round is linked to (gekoppeld aan de
    nulmeting); each respondent's answers are then paired with hers there through a
    pseudonym. Refused (at the field) for a nulmeting itself, a round that is no nulmeting,
    or one that opens after this round."""
    networks = list(networks)
    extra = [q.strip() for q in extra_questions if q.strip()]
    if not use_template and not extra:
        raise ValidationError(_("A round needs at least one question."), code="no_items")
    if not networks:
        raise ValidationError(_("Choose at least one network."), code="no_networks")
    if closes_on < opens_on:
        raise ValidationError(_("The closing date cannot be before the opening date."))
    if baseline_round is not None:
        _check_baseline(baseline_round, kind=kind, opens_on=opens_on)
    evaluation = EvaluationRound.objects.create(
        title=title,
        kind=kind,
        opens_on=opens_on,
        closes_on=closes_on,
        created_by=by,
        baseline_round=baseline_round,
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
    enqueue(task_send_round_invitations, round_id=evaluation.pk)
    return evaluation


def _check_baseline(baseline: EvaluationRound, *, kind: str, opens_on: datetime.date) -> None:
    if kind == RoundKind.BASELINE:
        raise ValidationError(
            {"baseline_round": _("A nulmeting is itself the baseline; it links to no round.")},
            code="baseline_is_baseline",
        )
    if baseline.kind != RoundKind.BASELINE:
        raise ValidationError(
            {"baseline_round": _("Choose a nulmeting to link to.")}, code="not_a_baseline"
        )
    if baseline.opens_on > opens_on:
        raise ValidationError(
            {"baseline_round": _("The nulmeting must open before the round linked to it.")},
            code="baseline_later",
        )


def _create_invitations(evaluation: EvaluationRound, networks: list) -> None:
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
def add_item(evaluation: EvaluationRound, *, by: User, kind: str, text: str) -> Item:
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


def pseudonym_of(invitation: Invitation) -> str | None:
    """The pseudonym the invitation's response carries: None when its round is paired with
    nothing, or its person was erased (then nothing can pair her answers any more)."""
    chain_id = invitation.round.pairing_chain_id
    if chain_id is None or invitation.person_id is None:
        return None
    return pseudonym(
        settings.EVALUATION_PSEUDONYM_KEY,
        chain_id=chain_id,
        network_id=invitation.network_id,
        person_id=invitation.person_id,
    )


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
    through `response_key(token)`. In a nulmeting or a round linked to one it carries the
    person's pseudonym (`pseudonym_of`), which pairs her answers across those rounds. Only a sent response counts (figures, response rate); once
    sent it stays counted, and later saves change it. `version` is the response version the
    form was loaded with (None: loaded before anything was saved): when another device saved
    meanwhile, `claim_version` refuses it (StaleEdit, code "stale"), nothing is stored and
    the message asks to check the answers again, so neither device's answers are silently
    lost. The invitation row is locked, so two devices sending at once give one
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
    if response is not None:
        # A form loaded before anything was saved (no version) is older than any save.
        claim_version(
            response,
            version or 0,
            message=_(
                "Your answers were changed on another device in the meantime. Check the "
                "answers below (as they are stored now) and save or send again."
            ),
        )
    rows = _answer_rows({item.pk: item for item in invitation.round.items.all()}, answers)
    if not rows:
        # An empty form is no response: it would count as a respondent who said nothing.
        raise ValidationError(_("Answer at least one question."), code="empty")
    if response is None:
        response = Response.objects.create(
            round=invitation.round,
            network=invitation.network,
            access_key=key,
            is_sent=send,
            pseudonym=pseudonym_of(invitation),
        )
    else:
        response.is_sent = response.is_sent or send
        response.pseudonym = response.pseudonym or pseudonym_of(invitation)
        response.save(update_fields=["is_sent", "pseudonym"])
        response.answers.all().delete()
    Answer.objects.bulk_create(
        Answer(response=response, item=item, value=value, text=text, dont_know=dont_know)
        for item, value, text, dont_know in rows
    )
    pair_with_baseline(response)
    if response.is_sent and not invitation.is_used:
        invitation.is_used = True
        invitation.save(update_fields=["is_used"])
    return response


@transaction.atomic
def close_round(evaluation: EvaluationRound, *, by: User) -> EvaluationRound:
    """Close a round (staff) and have Celery compute its scores after commit."""
    evaluation = EvaluationRound.objects.select_for_update().get(pk=evaluation.pk)
    if not evaluation.is_open:
        raise ValidationError(_("This round is already closed."), code="closed")
    evaluation.status = RoundStatus.CLOSED
    evaluation.closed_at = timezone.now()
    evaluation.scores_status = ComputationStatus.PENDING
    evaluation.save(update_fields=["status", "closed_at", "scores_status"])
    enqueue(task_compute_round_scores, round_id=evaluation.pk)
    return evaluation


@transaction.atomic
def request_round_scores(evaluation: EvaluationRound, *, by: User) -> EvaluationRound:
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
    enqueue(task_compute_round_scores, round_id=evaluation.pk)
    return evaluation


@transaction.atomic
def publish_round(
    evaluation: EvaluationRound, *, by: User, published: bool = True
) -> EvaluationRound:
    """Let members read their network's report (staff)."""
    evaluation.is_published = published
    evaluation.save(update_fields=["is_published"])
    return evaluation


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
    enqueue(task_compute_scores_of_rounds, round_ids=due)
    return len(due)
