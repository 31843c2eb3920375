"""Mail to the people an application names: a co-initiator hears that she was named.

Called from the application services inside their transaction; the Mail rows commit with
the save and go out after it (`mails.services`), so a refused save mails nobody."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from django.conf import settings
from django.urls import reverse
from django.utils.http import urlencode

from mails.services import queue_mail, queue_rendered, render

from ..models import Application, ApplicationInvitee

if TYPE_CHECKING:
    from participants.models import User

CO_INITIATOR_TEMPLATE = "networks/email/co_initiator"


def mail_new_co_initiators(
    application: Application, invitees: Iterable[ApplicationInvitee], *, by: User
) -> None:
    """Mail each newly named co-initiator once, with a link to the draft.

    One who has an account (her address matches) gets the draft's page; one who has none
    gets an invitation to create an account that leads to the draft afterwards. Keyed by
    the invitee row, so saving the draft again mails nobody twice; someone removed and
    named again is told again. Callers: `save_application` (never the live check)."""
    base = settings.SITE_URL.rstrip("/")
    draft_path = application.get_absolute_url()
    for invitee in invitees:
        if invitee.email == (by.email or "").lower():
            continue
        context = {
            "application": application,
            "network": application.network,
            "by": by,
            "draft_url": base + draft_path,
            "signup_url": base + reverse("account_signup") + "?" + urlencode({"next": draft_path}),
        }
        key = f"networks.co_initiator:{invitee.pk}"
        if invitee.person is not None:
            queue_rendered(
                key=key,
                recipient=invitee.person,
                kind="co_initiator",
                template=CO_INITIATOR_TEMPLATE,
                context={**context, "has_account": True},
            )
        else:
            subject, body = render(CO_INITIATOR_TEMPLATE, {**context, "has_account": False})
            queue_mail(key=key, to=invitee.email, kind="co_initiator", subject=subject, body=body)
