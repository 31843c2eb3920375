"""Who may do what: the declared table the permission matrix is derived from (issue 10).

Written from the rules (DOMAIN.md, the privacy page, the issues), never from the code's
answers. Three parts:

- AUDIENCES: named groups of the matrix's roles (tests/security/world.py builds them).
- ACTIONS: the role-by-action table: for each thing a person can do, who may do it.
- PAGES: each URL pattern, the action its GET and its POST (empty body) need, and what the
  page answers to those who may (200, 405 for a method it does not take, or "->name" for a
  redirect after the action). Those who may not get "login" when not signed in and 404 when
  signed in (an object or page one may not see answers like one that does not exist).

A few pages answer the same to everyone because a secret in the URL is the permission, or
depend on being signed in rather than on a role; they are listed in SPECIAL with the reason.
"""

from __future__ import annotations

from dataclasses import dataclass

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


@dataclass(frozen=True)
class Page:
    get: tuple[str, str | int]  # (action, answer to those who may)
    post: tuple[str, str | int]


def page(action: str, get=200, post=405, *, post_action: str | None = None) -> Page:
    return Page(get=(action, get), post=(post_action or action, post))


OWN = "read or change one's own private question or scan"
MINE = "use one's own pages"

PAGES: dict[str, Page] = {
    "api-network-detail": page("read public pages"),
    "api-network-list": page("read public pages"),
    "api-schema": page("read public pages"),
    "home": page("read public pages"),
    "networks:start-network": page("read public pages"),
    "networks:directory-list": page("read public pages"),
    "networks:directory-detail": page("read public pages", post=200),  # interest form
    "participants:privacy": page("read public pages"),
    # accounts (django-allauth): public pages of the sign-up and reset flows
    "account_email_verification_sent": page("read public pages"),
    "account_inactive": page("read public pages"),
    "account_reset_password": page("read public pages", post=200),
    "account_reset_password_done": page("read public pages"),
    "account_reset_password_from_key_done": page("read public pages"),
    "meetings:speaker-answer": page("use a secret link", post=200),
    # one's own account
    "account_change_password": page(MINE, post=200),
    "account_email": page(MINE, post="->account_email"),
    "account_reauthenticate": page(MINE, post=200),
    "account_request_reauthentication_code": page(MINE, post=200),
    "mfa_index": page(MINE),
    "two-factor-enrol-link": page(MINE, post=200),
    "mails:preference": page(MINE, post=200),
    "meetings:speaker-invite": page("organise meetings", get=405, post="->meetings:meeting-detail"),
    "evaluations:respond": page("use a secret link", post=200),
    "evaluations:respond-thanks": page("use a secret link"),
    "meetings:feed": page("use a secret link"),
    "participants:invitation-accept": page("use a secret link", post=200),
    # evaluations (staff)
    "evaluations:dashboard": page("run evaluations and surveys"),
    "evaluations:round-list": page("run evaluations and surveys"),
    "evaluations:round-create": page("run evaluations and surveys", post=200),
    "evaluations:round-detail": page("run evaluations and surveys"),
    "evaluations:round-rate": page("run evaluations and surveys"),
    "evaluations:item-create": page("run evaluations and surveys", post=200),
    "evaluations:round-close": page(
        "run evaluations and surveys", post="->evaluations:round-detail"
    ),
    "evaluations:round-compute": page(
        "run evaluations and surveys", get=405, post="->evaluations:round-detail"
    ),
    "evaluations:round-publish": page(
        "run evaluations and surveys", get=405, post="->evaluations:round-detail"
    ),
    "evaluations:round-share": page("run evaluations and surveys", post=200),
    "evaluations:round-remind": page(
        "run evaluations and surveys", get=405, post="->evaluations:round-detail"
    ),
    "evaluations:network-rate": page("see a network's evaluation report"),
    "evaluations:report": page("run evaluations and surveys"),
    "evaluations:report-csv": page("run evaluations and surveys"),
    "evaluations:report-pdf": page(
        "run evaluations and surveys", post="->evaluations:report"
    ),  # GET: the PDF once made, else its status; POST: have the worker make it
    "evaluations:report-pdf-status": page("run evaluations and surveys"),
    "evaluations:survey-list": page("run evaluations and surveys"),
    "evaluations:survey-create": page("run evaluations and surveys", post=200),
    "evaluations:survey-detail": page("run evaluations and surveys"),
    "evaluations:form-create": page("run evaluations and surveys", post=200),
    "evaluations:ballot-create": page("run evaluations and surveys", post=200),
    "evaluations:ballot-import": page("run evaluations and surveys", post=200),
    "evaluations:ballot-import-job": page("see one's own ballot upload"),
    "evaluations:merge": page("run evaluations and surveys", post=200),
    "evaluations:network-report": page("see a network's evaluation report"),
    "evaluations:network-report-csv": page("see a network's evaluation report"),
    "evaluations:network-report-pdf": page(
        "see a network's evaluation report", post="->evaluations:network-report"
    ),
    "evaluations:network-report-pdf-status": page("see a network's evaluation report"),
    "evaluations:outcome-list": page("see outcomes of the network"),
    "evaluations:outcome-create": page("record outcomes and stories", post=200),
    "evaluations:story-create": page("record outcomes and stories", post=200),
    "evaluations:story-detail": page(
        "read a story shared with the network only", post_action="see outcomes of the network"
    ),
    "evaluations:story-update": page("change one's own story", post=200),
    "evaluations:story-delete": page("change one's own story", post="->evaluations:outcome-list"),
    "evaluations:outcome-update": page("change one's own outcome", post=200),
    "evaluations:outcome-delete": page(
        "change one's own outcome", post="->evaluations:outcome-list"
    ),
    "evaluations:phase": page(
        "see the phase", post="->evaluations:phase", post_action="set the phase"
    ),
    "evaluations:phase-compute": page(
        "compute the phase evidence", get=405, post="->evaluations:phase"
    ),
    # meetings
    "meetings:meeting-list": page(MINE),
    "meetings:feed-settings": page(MINE, post=200),  # the reminder choice; empty: an error
    "meetings:feed-reset": page(MINE, get=405, post="->meetings:feed-settings"),
    "meetings:network-meetings": page("see meetings of the network"),
    "meetings:meeting-detail": page("see meetings of the network"),
    "meetings:meeting-ics": page("see meetings of the network"),
    "meetings:response": page("answer, add a case, choose poll dates, keep contact", post=200),
    "meetings:case-create": page("answer, add a case, choose poll dates, keep contact", post=200),
    "meetings:poll-detail": page(
        "see meetings of the network",
        post=200,
        post_action="answer, add a case, choose poll dates, keep contact",
    ),
    "meetings:contact-log": page(
        "see meetings of the network",
        post=200,
        post_action="answer, add a case, choose poll dates, keep contact",
    ),
    "meetings:buddy-groups": page(
        "see meetings of the network", post=200, post_action="organise meetings"
    ),
    "meetings:buddy-group-delete": page("organise meetings", post="->meetings:buddy-groups"),
    "meetings:meeting-create": page("organise meetings", post=200),
    "meetings:meeting-update": page("organise meetings", post=200),
    "meetings:meeting-copy": page("organise meetings", post=200),
    "meetings:meeting-cancel": page("organise meetings", post="->meetings:meeting-detail"),
    "meetings:meeting-prepare": page("organise meetings"),
    "meetings:next-theme": page("organise meetings", post="->meetings:meeting-detail"),
    "meetings:speaker-create": page("organise meetings", post=200),
    "meetings:planner": page("organise meetings", post=200),
    "meetings:attendance": page("organise meetings", post=200),
    "meetings:poll-create": page("organise meetings", post=200),
    # GET shows the meeting form filled from the option; an empty POST is refused at the fields.
    "meetings:poll-choose": page("organise meetings", post=200),
    "meetings:poll-remind": page("organise meetings", get=405, post="->meetings:poll-detail"),
    "meetings:attendance-rates": page("see attendance figures"),
    "meetings:minutes": page("open the network's minutes"),
    # The correction form; an empty POST shows the error at the field.
    "meetings:minutes-correction": page("open the network's minutes", post=200),
    "meetings:minutes-edit": page("write minutes", post=200),
    "meetings:action-create": page("write minutes", post=200),
    "meetings:minutes-share": page("write minutes", get=405, post="->meetings:minutes"),
    "meetings:minutes-publish": page("write minutes", get=405, post="->meetings:minutes"),
    "meetings:action-delete": page("write minutes", post="->meetings:minutes"),
    "meetings:action-done": page(
        "tick off one's own action", get=405, post="->networks:my-networks"
    ),
    "meetings:attendance-export": page("see attendance figures"),
    "meetings:attendance-export-xlsx": page("see attendance figures"),
    # Everyone present in one click; comes back to the attendance screen (or its message).
    "meetings:attendance-everyone": page(
        "organise meetings", get=405, post="->meetings:attendance"
    ),
    # networks and applications
    "networks:my-networks": page(MINE),
    "networks:network-detail": page("see the network's page"),
    # An empty short name is valid (the full name is used): saved, back to the network.
    "networks:short-name": page("name the network", post="->networks:network-detail"),
    "networks:application-list": page("apply for a network"),
    "networks:application-create": page("apply for a network", post=200),
    "networks:application-check": page("apply for a network", get=405, post=200),
    "networks:application-update": page("see or change one's draft application", post=200),
    "networks:application-check-existing": page(
        "see or change one's draft application", get=405, post=200
    ),
    # GET is the confirmation page naming what is not met yet; POST submits.
    "networks:application-submit": page(
        "see or change one's draft application", post="->networks:application-detail"
    ),
    "networks:application-detail": page("see a submitted application"),
    "networks:review-queue": page("review applications"),
    # One form: a POST without changes saves nothing and comes back to the review.
    "networks:review-detail": page("review applications", post="->networks:review-detail"),
    # participants
    "participants:profile": page(MINE, post=200),
    "participants:school-options": page(MINE),
    "participants:school-propose": page(MINE, post=200),
    "participants:my-data": page(MINE),
    "participants:data-export": page(MINE),
    "participants:erase-account": page(MINE, post=200),
    "participants:learning-record": page(MINE, post=200),
    "participants:question-list": page(MINE),
    "participants:question-create": page(MINE, post=200),
    "participants:goal-hint": page(MINE, get=405, post=200),
    "participants:scan-list": page(MINE),
    "participants:scan-create": page(MINE, post=200),
    "participants:question-detail": page(OWN, post_action=MINE),
    "participants:scan-detail": page(OWN, post_action=MINE),
    "participants:question-update": page(OWN, post=200),
    "participants:question-delete": page(OWN, post="->participants:question-list"),
    "participants:reflection-create": page(OWN, post=200),
    "participants:scan-plan": page(OWN, post=200),
    "participants:scan-delete": page(OWN, post="->participants:scan-list"),
    "participants:shared-questions": page("see what members shared"),
    "participants:network-members": page("see members with contact details"),
    "participants:invite": page("invite or import members", post=200),
    "participants:import": page("invite or import members", post=200),
    # An empty maximum is valid (no maximum): saved, back to the members page.
    "participants:max-participants": page(
        "manage the waiting list", post="->participants:network-members"
    ),
    "participants:waiting-remove": page(
        "manage the waiting list", post="->participants:network-members"
    ),
    "participants:waiting-offer": page(
        "manage the waiting list", get=405, post="->participants:network-members"
    ),
    "participants:end-membership": page("end a membership", post="->participants:network-members"),
    "participants:place-decline": page("use a secret link", post=200),
    "participants:import-job": page(
        "see and confirm one's own upload", post="->participants:import-job"
    ),
    "participants:people-list": page("see people and the audit log"),
    "participants:person-detail": page("see people and the audit log"),
    "participants:audit-log": page("see people and the audit log"),
}

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


def may(action: str) -> frozenset[str]:
    return AUDIENCES[ACTIONS[action]]


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
