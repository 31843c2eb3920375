"""SPECIAL of the declared access table (access.py): the pages that answer the same to
everyone because a secret in the URL is the permission, or that depend on being signed in
rather than on a role; each with its reason and its answer per role."""

from __future__ import annotations

from tests.security.access import ANONYMOUS, MEMBERS_A
from tests.security.world import ROLES

# Pages whose answer is not "may or may not", each with its reason: role -> (GET, POST).
SIGNED_IN_HOME = "->networks:my-networks"
SPECIAL: dict[str, tuple[str, dict[str, tuple]]] = {
    "networks:leave-network": (
        "every member of A may leave it herself (then to her networks); the facilitator is A's "
        "only one and is refused (back to the page that says why); everyone else: 404",
        {
            r: ("login", "login")
            if r == ANONYMOUS
            else (200, "->networks:leave-network")
            if r == "facilitator"
            else (200, SIGNED_IN_HOME)
            if r in MEMBERS_A
            else (404, 404)
            for r in ROLES
        },
    ),
    "account_login": (
        "the sign-in page is for visitors; someone signed in is sent to their networks",
        {r: (200, 200) if r == ANONYMOUS else (SIGNED_IN_HOME, SIGNED_IN_HOME) for r in ROLES},
    ),
    "account_signup": (
        "creating an account is for visitors; someone signed in is sent to their networks",
        {r: (200, 200) if r == ANONYMOUS else (SIGNED_IN_HOME, SIGNED_IN_HOME) for r in ROLES},
    ),
    "account_logout": (
        "signing out asks for confirmation (GET) and signs out on POST, then home; a "
        "visitor has nothing to sign out of and is sent home",
        {r: ("->home", "->home") if r == ANONYMOUS else (200, "->home") for r in ROLES},
    ),
    "account_confirm_email": (
        "the world's link confirms the owner's address, which is verified already: the "
        "link is spent, so everyone sees the 'no longer valid' page and a POST finds nothing",
        {r: (200, 404) for r in ROLES},
    ),
    "account_confirm_reauthentication_code": (
        "a code can be confirmed only after asking for one; nobody in the world asked, so "
        "a signed-in person is sent to ask for one",
        {
            r: ("login", "login")
            if r == ANONYMOUS
            else ("->account_request_reauthentication_code",) * 2
            for r in ROLES
        },
    ),
    "account_reset_password_from_key": (
        "the reset link is the owner's; everyone is sent on to the key-less set-password "
        "form, except the owner, whose sign-in changed last_login and so invalidated the "
        "link (200, the 'invalid link' page)",
        {
            r: (200, 200) if r == "owner" else ("->account_reset_password_from_key",) * 2
            for r in ROLES
        },
    ),
    "account_set_password": (
        "everyone in the world has a password already: sent to change it instead",
        {
            r: ("login", "login") if r == ANONYMOUS else ("->account_change_password",) * 2
            for r in ROLES
        },
    ),
    "mfa_activate_totp": (
        "staff enrol their first authenticator only through the mailed one-time link "
        "(sent to two-factor-enrol); everyone else types the password again first",
        {
            r: ("login", "login")
            if r == ANONYMOUS
            else ("->two-factor-enrol",) * 2
            if r == "staff"
            else ("->account_reauthenticate",) * 2
            for r in ROLES
        },
    ),
    "mfa_authenticate": (
        "the code step exists only during a sign-in waiting for it; a signed-in person is "
        "sent to their networks",
        {r: ("login", "login") if r == ANONYMOUS else (SIGNED_IN_HOME,) * 2 for r in ROLES},
    ),
    "mfa_deactivate_totp": (
        "nobody in the world has an authenticator: nothing to switch off",
        {r: ("login", "login") if r == ANONYMOUS else (404, 404) for r in ROLES},
    ),
    "mfa_download_recovery_codes": (
        "nobody in the world has recovery codes",
        {r: ("login", "login") if r == ANONYMOUS else (404, 404) for r in ROLES},
    ),
    "mfa_view_recovery_codes": (
        "nobody in the world has recovery codes",
        {r: ("login", "login") if r == ANONYMOUS else (404, 405) for r in ROLES},
    ),
    "mfa_generate_recovery_codes": (
        "making recovery codes asks for the password again first",
        {
            r: ("login", "login") if r == ANONYMOUS else ("->account_reauthenticate",) * 2
            for r in ROLES
        },
    ),
    "mfa_reauthenticate": (
        "nobody in the world has an authenticator: confirming with a code falls back to "
        "the password",
        {
            r: ("login", "login") if r == ANONYMOUS else ("->account_reauthenticate",) * 2
            for r in ROLES
        },
    ),
    "openid_connect_login": (
        "school sign-in is off unless configured (LEERNETWERK_OIDC_*): not found for all",
        {r: (404, 404) for r in ROLES},
    ),
    "openid_connect_callback": (
        "school sign-in is off unless configured (LEERNETWERK_OIDC_*): not found for all",
        {r: (404, 404) for r in ROLES},
    ),
    **{
        name: (
            "school sign-in is off unless configured (LEERNETWERK_OIDC_*): its pages are not "
            "found for all",
            {r: (404, 404) for r in ROLES},
        )
        for name in (
            "socialaccount_login_cancelled",
            "socialaccount_login_error",
            "socialaccount_signup",
            "socialaccount_connections",
        )
    },
    "two-factor-enrol": (
        "staff without an authenticator ask here for the one-time enrolment link (POST "
        "mails it and comes back); others enrol directly in allauth's page",
        {
            r: ("login", "login")
            if r == ANONYMOUS
            else (200, "->two-factor-enrol")
            if r == "staff"
            else ("->mfa_activate_totp", "->two-factor-enrol")
            for r in ROLES
        },
    ),
}
