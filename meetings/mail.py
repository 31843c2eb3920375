"""Sending meeting mail exactly once per person: a SentMail row is claimed before sending."""

from __future__ import annotations

import logging

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.utils import translation

from leernetwerk.text import one_line

from .models import SentMail

logger = logging.getLogger(__name__)


def send_once(
    *,
    key: str,
    kind: str,
    recipient,
    template: str,
    context: dict,
    meeting=None,
    ics: bytes | None = None,
) -> bool:
    """Send one mail unless one with this key already went to this person.

    The row and the send share a transaction: if sending fails the claim is rolled back,
    so the next run tries again; if it succeeds, no later run sends it twice."""
    try:
        with transaction.atomic():
            _row, created = SentMail.objects.get_or_create(
                key=key, recipient=recipient, defaults={"kind": kind, "meeting": meeting}
            )
            if not created:
                return False
            with translation.override(settings.LANGUAGE_CODE):
                context = {**context, "recipient": recipient, "site_url": settings.SITE_URL}
                subject = render_to_string(f"{template}_subject.txt", context).strip()
                body = render_to_string(f"{template}.txt", context)
            message = EmailMessage(one_line(subject), body, to=[recipient.email])
            if ics:
                message.attach("bijeenkomst.ics", ics, "text/calendar; charset=utf-8")
            message.send()
    except IntegrityError:  # another worker claimed it at the same moment
        return False
    return True
