"""Who may do what: the declared table the permission matrix is derived from (issue 10).

Written from the rules (DOMAIN.md, the privacy page, the issues), never from the code's
answers. Three parts:

- AUDIENCES: named groups of the matrix's roles (tests/security/world.py builds them).
- ACTIONS: the role-by-action table: for each thing a person can do, who may do it.
- PAGES (access_pages.py): each URL pattern, the action its GET and its POST (empty body)
  need, and what the page answers to those who may (200, 405 for a method it does not take,
  or "->name" for a redirect after the action). Those who may not get "login" when not signed
  in and 404 when signed in (an object or page one may not see answers like one that does not
  exist).

A few pages answer the same to everyone because a secret in the URL is the permission, or
depend on being signed in rather than on a role; they are listed in SPECIAL
(access_special.py) with the reason. matrix.py derives the expected answers from them."""

from __future__ import annotations

from tests.security.world import ROLES

ANONYMOUS = "anonymous"
SIGNED_IN = frozenset(ROLES) - {ANONYMOUS}
MEMBERS_A = frozenset({"owner", "participant", "facilitator", "penvoerder"})
ORGANISERS_A = frozenset({"facilitator", "penvoerder"})
STAFF = frozenset({"staff"})

AUDIENCES: dict[str, frozenset[str]] = {
    "anyone": frozenset(ROLES),
    "signed in": SIGNED_IN,
    "staff": STAFF,
    "members of A": MEMBERS_A,
    "members of A and staff": MEMBERS_A | STAFF,
    "organisers of A": ORGANISERS_A,
    "organisers of A and staff": ORGANISERS_A | STAFF,
    "facilitator of A": frozenset({"facilitator"}),
    "facilitator of A and staff": frozenset({"facilitator", "staff"}),
    "owner": frozenset({"owner"}),
    "applicant": frozenset({"penvoerder"}),
    "applicant and staff": frozenset({"penvoerder", "staff"}),
    "author of the outcome": frozenset({"facilitator"}),
    "author of the story": frozenset({"facilitator"}),
    "uploader of the file": frozenset({"facilitator"}),
    "uploader of the ballot file": frozenset({"staff"}),
}

# The role-by-action table. "A" is the network of the world; the personal objects (learning
# question, reflection, BC-Scan) are private and belong to "owner".
ACTIONS: dict[str, str] = {
    # public
    "read public pages": "anyone",
    "use a secret link": "anyone",
    # one's own account and data
    "use one's own pages": "signed in",
    "read or change one's own private question or scan": "owner",
    # networks and applications
    "apply for a network": "signed in",
    "see or change one's draft application": "applicant",
    "see a submitted application": "applicant and staff",
    "review applications": "staff",
    "see the network's page": "members of A and staff",
    # The short name of an active network: its organisers (staff: the management site).
    "name the network": "organisers of A",
    # members and invitations
    "see members with contact details": "organisers of A and staff",
    "invite or import members": "organisers of A and staff",
    "manage the waiting list": "organisers of A",
    # Ending someone else's membership: the organisers, not staff (the academy does not run
    # a network's membership; the management site remains for them).
    "end a membership": "organisers of A",
    # An upload's job page is the uploader's working state (as the preview in her session
    # was): not her co-organisers, not staff, although they may import files of their own.
    "see and confirm one's own upload": "uploader of the file",
    # The same for a ballot file (Leer-top 3): only the staff member who uploaded it.
    "see one's own ballot upload": "uploader of the ballot file",
    "see what members shared": "members of A",
    # meetings
    "see meetings of the network": "members of A and staff",
    "answer, add a case, choose poll dates, keep contact": "members of A",
    "organise meetings": "organisers of A",
    "see attendance figures": "organisers of A and staff",
    # minutes are network-internal: members only, never staff (DOMAIN.md, issue 13 item 5);
    # the world has no preparation group, so the organisers write them
    "open the network's minutes": "members of A",
    "write minutes": "organisers of A",
    "tick off one's own action": "owner",
    # evaluations
    "run evaluations and surveys": "staff",
    "see a network's evaluation report": "facilitator of A and staff",
    "see outcomes of the network": "members of A and staff",
    "record outcomes and stories": "members of A",
    "read a story shared with the network only": "members of A",
    "change one's own outcome": "author of the outcome",
    "change one's own story": "author of the story",
    "see the phase": "organisers of A and staff",
    "set the phase": "facilitator of A and staff",
    "compute the phase evidence": "organisers of A and staff",
    # privacy
    "see people and the audit log": "staff",
}


def may(action: str) -> frozenset[str]:
    return AUDIENCES[ACTIONS[action]]
