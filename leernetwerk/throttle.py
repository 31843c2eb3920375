"""Throttling of the forms that send mail (django-ratelimit), one place for every such form.

Each mail-sending form counts its submissions twice: per recipient address (so nobody can be
flooded with mail from the app) and per client (the signed-in person, or the IP address of an
anonymous visitor). A submission over either limit sends nothing; the view shows
`THROTTLED_MESSAGE`. Sign-in, sign-up and password reset are throttled by the accounts code."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from django_ratelimit import ALL
from django_ratelimit.core import is_ratelimited

THROTTLED_MESSAGE = _(
    "Too many messages have been sent from here or to this address in a short time. "
    "Nothing has been sent; please try again in an hour."
)
# group: (per address, per client)
RATES = {
    "interest": ("3/h", "10/h"),
    "invitation": ("3/h", "60/h"),
    "poll-reminder": ("3/h", "20/h"),
}


def _client_key(group, request) -> str:
    if request.user.is_authenticated:
        return f"user:{request.user.pk}"
    return f"ip:{request.META.get('REMOTE_ADDR', '')}"


def mail_throttled(request, *, group: str, address: str) -> bool:
    """Count one mail-sending submission of `group` to `address` (case-insensitive) by this
    client, and say whether it is over a limit (then the caller must send nothing). Safe to
    call once per submission; each call counts."""
    per_address, per_client = RATES[group]
    normalised = address.strip().lower()
    over_address = is_ratelimited(
        request,
        group=f"mail-{group}-address",
        key=lambda _group, _request: normalised,
        rate=per_address,
        method=ALL,
        increment=True,
    )
    over_client = is_ratelimited(
        request,
        group=f"mail-{group}-client",
        key=_client_key,
        rate=per_client,
        method=ALL,
        increment=True,
    )
    return over_address or over_client
