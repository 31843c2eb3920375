"""The client's address for the login lockout (django-axes)."""

from django.conf import settings


def client_ip(request) -> str:
    """REMOTE_ADDR, or behind DJANGO_PROXY_COUNT trusted proxies the address they saw.

    Each proxy appends the address it received the request from to X-Forwarded-For, so with n
    trusted proxies the client is the n-th address from the right; anything left of it can be
    forged by the client and is ignored."""
    count = getattr(settings, "LEERNETWERK_PROXY_COUNT", 0)
    if count > 0:
        forwarded = [
            part.strip()
            for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
            if part.strip()
        ]
        if len(forwarded) >= count:
            return forwarded[-count]
    return request.META.get("REMOTE_ADDR", "")
