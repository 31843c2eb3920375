"""School sign-in (OpenID Connect) configuration, built from plain values so settings.py and
the tests make it the same way. Pure: no Django imports."""

from __future__ import annotations

from urllib.parse import urlsplit

PROVIDER_ID = "school"


def socialaccount_providers(*, client_id: str, secret: str, server_url: str, name: str) -> dict:
    """SOCIALACCOUNT_PROVIDERS for one OpenID Connect provider, or none without a client id."""
    apps = []
    if client_id:
        apps.append(
            {
                "provider_id": PROVIDER_ID,
                "name": name,
                "client_id": client_id,
                "secret": secret,
                "settings": {
                    "server_url": server_url,
                    "token_auth_method": "client_secret_post",
                    "scope": ["openid", "profile", "email"],
                    "oauth_pkce_enabled": True,
                },
            }
        )
    return {"openid_connect": {"APPS": apps}}


def is_enabled(providers: dict) -> bool:
    """Whether school sign-in is on: SOCIALACCOUNT_PROVIDERS holds a configured app."""
    return bool(providers.get("openid_connect", {}).get("APPS"))


def form_action_origin(server_url: str) -> str:
    """The provider's origin: the sign-in form leaves the site for it (CSP form-action)."""
    parts = urlsplit(server_url)
    return f"{parts.scheme}://{parts.netloc}"
