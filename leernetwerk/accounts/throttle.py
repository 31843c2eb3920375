"""How failed logins (django-axes) and account mails (django-ratelimit) are counted.

Both count the normalised address, so `JET@school.nl ` and `jet@school.nl` are one person,
and the client address from `client_ip` (which honours DJANGO_PROXY_COUNT)."""

from __future__ import annotations

from django_ratelimit.core import is_ratelimited

from .client_ip import client_ip

# Mails a form may send per address and per client (django-ratelimit rates).
MAILS_PER_ADDRESS = "3/h"
MAILS_PER_CLIENT = "10/h"


def normalised_address(value: str | None) -> str:
    """The address as it is counted and looked up: trimmed and lower-case."""
    return (value or "").strip().lower()


def axes_username(request, credentials: dict | None) -> str:
    """AXES_USERNAME_CALLABLE: the normalised address of a login attempt.

    allauth authenticates with `email=`; the form field is `login`."""
    credentials = credentials or {}
    raw = credentials.get("email") or credentials.get("username")
    if raw is None and request is not None:
        raw = getattr(request, "POST", {}).get("login", "")
    return normalised_address(raw)


def mail_limit_reached(request, *, group: str, address: str) -> bool:
    """Count one mail-sending POST for its address and for its client; whether either has
    passed its limit. Each call counts, so call it once per submitted form."""
    by_address = is_ratelimited(
        request,
        group=f"{group}:address",
        key=lambda _group, _request: normalised_address(address),
        rate=MAILS_PER_ADDRESS,
        method="POST",
        increment=True,
    )
    by_client = is_ratelimited(
        request,
        group=f"{group}:client",
        key=lambda _group, req: client_ip(req),
        rate=MAILS_PER_CLIENT,
        method="POST",
        increment=True,
    )
    return by_address or by_client
