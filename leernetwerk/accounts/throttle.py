"""How failed logins are counted (django-axes): by the normalised address, so
`JET@school.nl ` and `jet@school.nl` are one person. Account mails are throttled in
leernetwerk.throttle, which normalises the same way."""

from __future__ import annotations


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
