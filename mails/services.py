"""The one way the app sends mail: queue a Mail row, the worker sends it and retries it.

Every sender calls `queue_mail` (or `queue_rendered`) with a key naming the event and the
recipient: the unique key makes the mail go out once however often its cause runs (a
redelivered task, a double click). Invitations and other event mails are sent at once;
notifications follow the person's choice (at once, daily or weekly digest). The worker
sends a row inside a transaction that holds its lock, so a worker killed mid-send leaves it
queued for the next attempt; a failure is recorded with its error and retried."""

from __future__ import annotations

import datetime
import logging
import time
from collections import defaultdict

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import EmailMessage
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from leernetwerk.dispatch import enqueue
from leernetwerk.text import one_line

from .enums import Frequency, MailStatus
from .models import Mail, MailPreference

logger = logging.getLogger(__name__)

MAX_ATTEMPTS = 5
RETRY_AFTER = datetime.timedelta(minutes=5)


def frequency_for(person) -> str:
    """The person's choice for notifications; at once when they never chose."""
    if person is None or person.pk is None:
        return Frequency.IMMEDIATE
    pref = MailPreference.objects.filter(person=person).values_list("frequency", flat=True)
    return pref.first() or Frequency.IMMEDIATE


def render(template: str, context: dict) -> tuple[str, str]:
    """(subject, body) of `template`_subject.txt and `template`.txt in the site's language."""
    with translation.override(settings.LANGUAGE_CODE):
        context = {**context, "site_url": settings.SITE_URL}
        subject = render_to_string(f"{template}_subject.txt", context).strip()
        body = render_to_string(f"{template}.txt", context)
    return one_line(subject)[:300], body


def queue_mail(
    *,
    key: str,
    to: str,
    kind: str,
    subject: str,
    body: str,
    recipient=None,
    notification: bool = False,
    attachment: tuple[str, bytes] | None = None,
) -> Mail | None:
    """Queue one mail under `key`; None when a mail with that key exists already.

    A `notification` to a person who chose a digest is held for it; anything else is sent
    by the worker after the caller's transaction commits. Safe to run twice."""
    held = notification and frequency_for(recipient) != Frequency.IMMEDIATE
    mail, created = Mail.objects.get_or_create(
        key=key[:200],
        defaults={
            "to": to,
            "recipient": recipient,
            "kind": kind,
            "subject": one_line(subject)[:300],
            "body": body,
            "attachment_name": attachment[0] if attachment else "",
            "attachment": attachment[1] if attachment else b"",
            "status": MailStatus.HELD if held else MailStatus.QUEUED,
        },
    )
    if not created:
        return None
    if not held:
        _dispatch(mail)
    return mail


def queue_rendered(
    *,
    key: str,
    kind: str,
    template: str,
    context: dict,
    recipient=None,
    to: str = "",
    **extra,
) -> Mail | None:
    """`queue_mail` with the subject and text of `template` (`render`), to a person (their
    address) or, for someone without an account, to the address `to`. The one way a service
    mails a template; None when the mail with that key exists already."""
    subject, body = render(template, {**context, "recipient": recipient})
    return queue_mail(
        key=key,
        to=to or recipient.email,
        recipient=recipient,
        kind=kind,
        subject=subject,
        body=body,
        **extra,
    )


def _dispatch(mail: Mail) -> None:
    from .tasks import task_send_mail  # noqa: PLC0415 - a task imports its service when it runs: the service imports the task

    enqueue(task_send_mail, mail_id=mail.pk)


def preference_url() -> str:
    return settings.SITE_URL + reverse("mails:preference")


def _footer() -> str:
    with translation.override(settings.LANGUAGE_CODE):
        return "\n\n-- \n" + _("Choose how Leernetwerk mails you: %(url)s") % {
            "url": preference_url()
        }


def send_mail_now(mail_id: int) -> bool:
    """Send one queued or failed mail; True if it went out now.

    Holds the row's lock while sending: a second worker skips it, and a worker killed
    mid-send leaves it queued (the transaction rolls back) for the next attempt. A failure
    is recorded (status failed, the error, one more attempt). Called by the worker."""
    with transaction.atomic():
        mail = (
            Mail.objects.select_for_update(skip_locked=True)
            .filter(pk=mail_id, status__in=[MailStatus.QUEUED, MailStatus.FAILED])
            .first()
        )
        if mail is None:
            return False
        body = mail.body + (_footer() if mail.recipient_id else "")
        message = EmailMessage(mail.subject, body, to=[mail.to])
        if mail.attachment_name:
            # A text/* attachment as text: Django sets its charset (utf-8) itself, once.
            message.attach(
                mail.attachment_name, bytes(mail.attachment).decode("utf-8"), "text/calendar"
            )
        _test_pause()
        try:
            message.send()
        except Exception as exc:  # noqa: BLE001 - SMTP raises many kinds; all mean "not sent"
            logger.warning("mail %s failed: %s", mail.pk, exc)
            mail.status = MailStatus.FAILED
            mail.error = f"{type(exc).__name__}: {exc}"[:2000]
            mail.attempts += 1
            mail.save(update_fields=["status", "error", "attempts"])
            return False
        mail.status = MailStatus.SENT
        mail.sent_at = timezone.now()
        mail.attempts += 1
        mail.error = ""
        mail.body = ""  # what stays is metadata: no copy of its content outlives the sending
        mail.attachment = b""
        mail.save()
    return True


def _test_pause() -> None:
    """TEST HOOK ONLY: the reliability test sets LEERNETWERK_TEST_MAIL_PAUSE (seconds) to kill
    a worker while it holds a mail's lock. 0 (no pause) everywhere else."""
    pause = getattr(settings, "LEERNETWERK_TEST_MAIL_PAUSE", 0)
    if pause:
        time.sleep(pause)


def retry_pending(*, now: datetime.datetime | None = None, limit: int = 500) -> int:
    """Hand the worker what is still queued or failed (fewer than MAX_ATTEMPTS) after
    RETRY_AFTER; returns how many. Beat runs it; safe to run any number of times."""
    now = now or timezone.now()
    ids = list(
        Mail.objects.filter(
            status__in=[MailStatus.QUEUED, MailStatus.FAILED],
            attempts__lt=MAX_ATTEMPTS,
            created_at__lte=now - RETRY_AFTER,
        )
        .order_by("created_at")
        .values_list("pk", flat=True)[:limit]
    )
    from .tasks import task_send_mail  # noqa: PLC0415 - a task imports its service when it runs: the service imports the task

    for mail_id in ids:
        enqueue(task_send_mail, mail_id=mail_id)
    return len(ids)


def _digest_for(person, rows: list[Mail]) -> Mail | None:
    if not rows:
        return None
    with translation.override(settings.LANGUAGE_CODE):
        subject = ngettext(
            "Leernetwerk: %(count)s notification", "Leernetwerk: %(count)s notifications", len(rows)
        ) % {"count": len(rows)}
        parts = [
            _("What happened in your networks since the last digest:"),
            "",
        ]
    for row in rows:
        parts += [row.subject, "=" * min(len(row.subject), 70), row.body.strip(), ""]
    digest = Mail.objects.create(
        key=f"digest:{person.pk}:{rows[0].pk}",
        to=person.email,
        recipient=person,
        kind="digest",
        subject=subject,
        body="\n".join(parts),
    )
    Mail.objects.filter(pk__in=[r.pk for r in rows]).update(
        status=MailStatus.DIGESTED, digest=digest, body="", sent_at=timezone.now()
    )
    _dispatch(digest)
    return digest


def send_digests(frequency: str) -> int:
    """One digest mail per person who chose `frequency`, of everything held for them;
    returns how many digests were queued. Held rows are locked and marked in the digest's
    transaction, so a notification is in exactly one digest. Safe to run twice."""
    people = MailPreference.objects.filter(frequency=frequency).values("person")
    made = 0
    with transaction.atomic():
        held = list(
            Mail.objects.select_for_update(skip_locked=True)
            .filter(status=MailStatus.HELD, recipient__in=people)
            .select_related("recipient")
            .order_by("created_at", "pk")
        )
        by_person = defaultdict(list)
        for row in held:
            by_person[row.recipient].append(row)
        for person, rows in by_person.items():
            made += _digest_for(person, rows) is not None
    return made


def send_due_digests(*, now: datetime.datetime | None = None) -> int:
    """The daily digests every day, the weekly ones on Mondays (beat runs it each morning)."""
    now = timezone.localtime(now or timezone.now())
    made = send_digests(Frequency.DAILY)
    if now.weekday() == 0:
        made += send_digests(Frequency.WEEKLY)
    return made


@transaction.atomic
def set_frequency(person, frequency: str) -> MailPreference:
    """Record the person's choice; choosing "at once" sends what was held in one digest now.

    The person themself calls it (Mijn gegevens). Safe to run twice."""
    if frequency not in Frequency.values:
        raise ValidationError({"frequency": _("Choose how you want to receive notifications.")})
    pref, _created = MailPreference.objects.update_or_create(
        person=person, defaults={"frequency": frequency}
    )
    if frequency == Frequency.IMMEDIATE:
        rows = list(
            Mail.objects.select_for_update()
            .filter(status=MailStatus.HELD, recipient=person)
            .order_by("created_at", "pk")
        )
        _digest_for(person, rows)
    return pref
