"""The permission matrix: the expected outcome of every URL pattern for every role, for GET
and for POST with an empty body, DERIVED from the declared role-by-action table in
tests/security/access.py and its PAGES and SPECIAL (access_pages.py, access_special.py), never
recorded from the code's answers.

Columns, in this order (see world.ROLES):
    anonymous, owner (participant of network A owning the personal objects), participant
    (another participant of A), other_participant (of network B), facilitator (of A),
    other_facilitator (of B), penvoerder (of A; applicant of the applications), staff
    (VO-academie medewerker).
Outcomes: an HTTP status (200, 403, 404, 405, 410); "login" for a redirect to the login page;
"->name" for a redirect to the URL named `name`. Network-bound pages answer 404 to people
outside the network, like a page that does not exist (docs/architecture.md: not allowed -> 404).

The management site (/beheer/) has its own matrix (test_admin_matrix.py): staff without and
with each admin permission, against the declared ADMIN table there.
"""

from tests.security.access import ANONYMOUS, may
from tests.security.access_pages import PAGES
from tests.security.access_special import SPECIAL
from tests.security.world import ROLES

# URL prefixes left out of this matrix, each with its reason.
EXCLUDED_PREFIXES = {
    "beheer/": "the management site: its own matrix in test_admin_matrix.py (staff without "
    "and with each admin permission); its regex patterns are filled per model there",
    "i18n/": "Django's set_language view: public by design, changes only the language cookie",
    # Static files are served by WhiteNoise middleware, not by a URL pattern, so no pattern
    # under static/ exists to leave out.
}


def expected_outcome(action: str, allowed, role: str):
    if role in may(action):
        return allowed
    if role == ANONYMOUS:
        return "login"
    return 404


def expected_row(name: str) -> dict[str, tuple]:
    """{"GET": one outcome per role, "POST": ...} for URL pattern `name`."""
    if name in SPECIAL:
        _reason, outcomes = SPECIAL[name]
        return {
            "GET": tuple(outcomes[r][0] for r in ROLES),
            "POST": tuple(outcomes[r][1] for r in ROLES),
        }
    spec = PAGES[name]
    return {
        method: tuple(expected_outcome(action, allowed, r) for r in ROLES)
        for method, (action, allowed) in (("GET", spec.get), ("POST", spec.post))
    }


MATRIX = {name: expected_row(name) for name in sorted(set(PAGES) | set(SPECIAL))}
