"""Meeting mail goes through the one mail model (mails.services): queued once per key and
person, sent and retried by the worker. This module names which kinds follow the person's
digest choice: everything except invitations and cancellations (one mail per event)."""

from __future__ import annotations

from mails.services import queue_rendered

from .enums import MailKind

AT_ONCE = {MailKind.INVITATION, MailKind.CANCELLATION}


def queue_meeting_mail(
    *, key: str, kind: str, recipient, template: str, context: dict, ics: bytes | None = None
) -> bool:
    """Queue one mail to `recipient` under `key`; False if it was queued before."""
    mail = queue_rendered(
        key=f"{key}:{recipient.pk}",
        recipient=recipient,
        kind=kind,
        template=template,
        context=context,
        notification=kind not in AT_ONCE,
        attachment=("bijeenkomst.ics", ics) if ics else None,
    )
    return mail is not None
