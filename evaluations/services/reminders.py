"""Mailing the personal links of a round and reminding those who have not answered: the one
rule (nobody gets two reminders on one day) for staff's button and the daily beat."""

from __future__ import annotations

import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from leernetwerk.dispatch import enqueue
from mails.services import queue_rendered
from participants.models import User

from ..models import EvaluationRound, Invitation
from ..tasks import task_send_reminders_now
from .rounds import _accepts_answers

REMIND_AFTER = datetime.timedelta(days=7)
REMIND_BEFORE_CLOSING_DAYS = 3


def _mail(invitation: Invitation, kind: str, *, once_per: str = "") -> bool:
    """Queue the mail (evaluations/email/<kind>) once per invitation and kind (mails.services:
    the send-once key)."""
    person = invitation.person
    context = {
        "person": person,
        "invitation": invitation,
        "round": invitation.round,
        "network": invitation.network,
        "url": settings.SITE_URL.rstrip("/") + invitation.get_absolute_url(),
    }
    mail = queue_rendered(
        key=f"evaluations.{kind}:{invitation.pk}{once_per}",
        recipient=person,
        kind=f"evaluation_{kind}",
        template=f"evaluations/email/{kind}",
        context=context,
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
            sent += _mail(invitation, "invitation")
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
        return _mail(invitation, "reminder", once_per=f":{today:%Y%m%d}")


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
    evaluation: EvaluationRound, *, by: User, today: datetime.date | None = None
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
