"""The permission matrix (issue 7, item 2): the expected outcome of every URL pattern for
every role, for GET and for POST with an empty body.

Columns, in this order (see world.ROLES):
    anonymous, owner (participant of network A owning the personal objects), participant
    (another participant of A), other_participant (of network B), facilitator (of A),
    other_facilitator (of B), penvoerder (of A; applicant of the applications), staff
    (VO-academie medewerker).
Outcomes: an HTTP status (200, 403, 404, 405, 410); "login" for a redirect to the login page;
"->name" for a redirect to the URL named `name`. Network-bound pages answer 404 to people
outside the network, like a page that does not exist (docs/architecture.md: not allowed -> 404).

Notable rows, checked by hand when the table was recorded:
- password_reset_confirm: the owner's link is invalid for the owner (200, the "invalid link"
  page) because signing in changes last_login, which invalidates the reset token by design.
- evaluations:respond, meetings:feed, participants:invitation-accept: the secret token in the
  URL is the permission, so every role (anonymous too) gets the same answer.
- networks:application-update/-submit use a draft application; -detail and review a submitted
  one (a submitted application can no longer be changed: 404 for its applicant too).
- meetings:poll-choose POST turns the option into a meeting and opens it for editing.
"""

# URL prefixes left out of the matrix, each with its reason.
EXCLUDED_PREFIXES = {
    "beheer/": "Django admin: guarded by Django's own is_staff/permission checks and covered "
    "by the admin's tests; its regex patterns cannot be filled generically",
    "i18n/": "Django's set_language view: public by design, changes only the language cookie",
    # Static files are served by WhiteNoise middleware, not by a URL pattern, so no pattern
    # under static/ exists to leave out.
}

MATRIX = {
    "api-network-detail": {
        "GET": (200, 200, 200, 200, 200, 200, 200, 200),
        "POST": (405, 405, 405, 405, 405, 405, 405, 405),
    },
    "api-network-list": {
        "GET": (200, 200, 200, 200, 200, 200, 200, 200),
        "POST": (405, 405, 405, 405, 405, 405, 405, 405),
    },
    "api-schema": {
        "GET": (200, 200, 200, 200, 200, 200, 200, 200),
        "POST": (405, 405, 405, 405, 405, 405, 405, 405),
    },
    "evaluations:ballot-create": {
        "GET": ("login", 404, 404, 404, 404, 404, 404, 200),
        "POST": ("login", 404, 404, 404, 404, 404, 404, 200),
    },
    "evaluations:ballot-import": {
        "GET": ("login", 404, 404, 404, 404, 404, 404, 200),
        "POST": ("login", 404, 404, 404, 404, 404, 404, 200),
    },
    "evaluations:dashboard": {
        "GET": ("login", 404, 404, 404, 404, 404, 404, 200),
        "POST": ("login", 404, 404, 404, 404, 404, 404, 405),
    },
    "evaluations:form-create": {
        "GET": ("login", 404, 404, 404, 404, 404, 404, 200),
        "POST": ("login", 404, 404, 404, 404, 404, 404, 200),
    },
    "evaluations:item-create": {
        "GET": ("login", 404, 404, 404, 404, 404, 404, 200),
        "POST": ("login", 404, 404, 404, 404, 404, 404, 200),
    },
    "evaluations:merge": {
        "GET": ("login", 404, 404, 404, 404, 404, 404, 200),
        "POST": ("login", 404, 404, 404, 404, 404, 404, 200),
    },
    "evaluations:network-report": {
        "GET": ("login", 404, 404, 404, 200, 404, 404, 200),
        "POST": ("login", 404, 404, 404, 405, 404, 404, 405),
    },
    "evaluations:network-report-csv": {
        "GET": ("login", 404, 404, 404, 200, 404, 404, 200),
        "POST": ("login", 404, 404, 404, 405, 404, 404, 405),
    },
    "evaluations:network-report-pdf": {
        "GET": ("login", 404, 404, 404, 200, 404, 404, 200),
        "POST": ("login", 404, 404, 404, 405, 404, 404, 405),
    },
    "evaluations:outcome-create": {
        "GET": ("login", 200, 200, 404, 200, 404, 200, 404),
        "POST": ("login", 200, 200, 404, 200, 404, 200, 404),
    },
    "evaluations:outcome-delete": {
        "GET": ("login", 404, 404, 404, 200, 404, 404, 404),
        "POST": ("login", 404, 404, 404, "->evaluations:outcome-list", 404, 404, 404),
    },
    "evaluations:outcome-list": {
        "GET": ("login", 200, 200, 404, 200, 404, 200, 200),
        "POST": ("login", 405, 405, 404, 405, 404, 405, 405),
    },
    "evaluations:outcome-update": {
        "GET": ("login", 404, 404, 404, 200, 404, 404, 404),
        "POST": ("login", 404, 404, 404, 200, 404, 404, 404),
    },
    "evaluations:phase": {
        "GET": ("login", 404, 404, 404, 200, 404, 200, 200),
        "POST": ("login", 404, 404, 404, "->evaluations:phase", 404, 404, "->evaluations:phase"),
    },
    "evaluations:phase-compute": {
        "GET": ("login", 404, 404, 404, 405, 404, 405, 405),
        "POST": (
            "login",
            404,
            404,
            404,
            "->evaluations:phase",
            404,
            "->evaluations:phase",
            "->evaluations:phase",
        ),
    },
    "evaluations:report": {
        "GET": ("login", 404, 404, 404, 404, 404, 404, 200),
        "POST": ("login", 404, 404, 404, 404, 404, 404, 405),
    },
    "evaluations:report-csv": {
        "GET": ("login", 404, 404, 404, 404, 404, 404, 200),
        "POST": ("login", 404, 404, 404, 404, 404, 404, 405),
    },
    "evaluations:report-pdf": {
        "GET": ("login", 404, 404, 404, 404, 404, 404, 200),
        "POST": ("login", 404, 404, 404, 404, 404, 404, 405),
    },
    "evaluations:respond": {
        # The personal link is the key, whoever holds it; an empty form is refused in place.
        "GET": (200, 200, 200, 200, 200, 200, 200, 200),
        "POST": (200, 200, 200, 200, 200, 200, 200, 200),
    },
    "evaluations:respond-thanks": {
        "GET": (200, 200, 200, 200, 200, 200, 200, 200),
        "POST": (405, 405, 405, 405, 405, 405, 405, 405),
    },
    "evaluations:round-close": {
        "GET": ("login", 404, 404, 404, 404, 404, 404, 200),
        "POST": ("login", 404, 404, 404, 404, 404, 404, "->evaluations:round-detail"),
    },
    "evaluations:round-compute": {
        "GET": ("login", 404, 404, 404, 404, 404, 404, 405),
        "POST": ("login", 404, 404, 404, 404, 404, 404, "->evaluations:round-detail"),
    },
    "evaluations:round-create": {
        "GET": ("login", 404, 404, 404, 404, 404, 404, 200),
        "POST": ("login", 404, 404, 404, 404, 404, 404, 200),
    },
    "evaluations:round-detail": {
        "GET": ("login", 404, 404, 404, 404, 404, 404, 200),
        "POST": ("login", 404, 404, 404, 404, 404, 404, 405),
    },
    "evaluations:round-list": {
        "GET": ("login", 404, 404, 404, 404, 404, 404, 200),
        "POST": ("login", 404, 404, 404, 404, 404, 404, 405),
    },
    "evaluations:round-publish": {
        "GET": ("login", 404, 404, 404, 404, 404, 404, 405),
        "POST": ("login", 404, 404, 404, 404, 404, 404, "->evaluations:round-detail"),
    },
    "evaluations:round-remind": {
        "GET": ("login", 404, 404, 404, 404, 404, 404, 405),
        "POST": ("login", 404, 404, 404, 404, 404, 404, "->evaluations:round-detail"),
    },
    "evaluations:network-rate": {
        "GET": ("login", 404, 404, 404, 200, 404, 404, 200),
        "POST": ("login", 404, 404, 404, 405, 404, 404, 405),
    },
    "evaluations:round-rate": {
        "GET": ("login", 404, 404, 404, 404, 404, 404, 200),
        "POST": ("login", 404, 404, 404, 404, 404, 404, 405),
    },
    "evaluations:story-create": {
        "GET": ("login", 200, 200, 404, 200, 404, 200, 404),
        "POST": ("login", 200, 200, 404, 200, 404, 200, 404),
    },
    "evaluations:story-detail": {
        "GET": ("login", 200, 200, 404, 200, 404, 200, 404),
        "POST": ("login", 405, 405, 404, 405, 404, 405, 405),
    },
    "evaluations:survey-create": {
        "GET": ("login", 404, 404, 404, 404, 404, 404, 200),
        "POST": ("login", 404, 404, 404, 404, 404, 404, 200),
    },
    "evaluations:survey-detail": {
        "GET": ("login", 404, 404, 404, 404, 404, 404, 200),
        "POST": ("login", 404, 404, 404, 404, 404, 404, 405),
    },
    "evaluations:survey-list": {
        "GET": ("login", 404, 404, 404, 404, 404, 404, 200),
        "POST": ("login", 404, 404, 404, 404, 404, 404, 405),
    },
    "home": {
        "GET": (200, 200, 200, 200, 200, 200, 200, 200),
        "POST": (405, 405, 405, 405, 405, 405, 405, 405),
    },
    "login": {
        "GET": (
            200,
            "->networks:my-networks",
            "->networks:my-networks",
            "->networks:my-networks",
            "->networks:my-networks",
            "->networks:my-networks",
            "->networks:my-networks",
            "->networks:my-networks",
        ),
        "POST": (
            200,
            "->networks:my-networks",
            "->networks:my-networks",
            "->networks:my-networks",
            "->networks:my-networks",
            "->networks:my-networks",
            "->networks:my-networks",
            "->networks:my-networks",
        ),
    },
    "logout": {
        "GET": (405, 405, 405, 405, 405, 405, 405, 405),
        "POST": ("->home", "->home", "->home", "->home", "->home", "->home", "->home", "->home"),
    },
    "meetings:attendance": {
        "GET": ("login", 404, 404, 404, 200, 404, 200, 404),
        "POST": ("login", 404, 404, 404, 200, 404, 200, 404),
    },
    "meetings:attendance-rates": {
        "GET": ("login", 404, 404, 404, 200, 404, 200, 200),
        "POST": ("login", 404, 404, 404, 405, 404, 405, 405),
    },
    "meetings:buddy-group-delete": {
        "GET": ("login", 404, 404, 404, 200, 404, 200, 404),
        "POST": (
            "login",
            404,
            404,
            404,
            "->meetings:buddy-groups",
            404,
            "->meetings:buddy-groups",
            404,
        ),
    },
    "meetings:buddy-groups": {
        "GET": ("login", 200, 200, 404, 200, 404, 200, 200),
        "POST": ("login", 404, 404, 404, 200, 404, 200, 404),
    },
    "meetings:case-create": {
        "GET": ("login", 200, 200, 404, 200, 404, 200, 404),
        "POST": ("login", 200, 200, 404, 200, 404, 200, 404),
    },
    "meetings:contact-log": {
        "GET": ("login", 200, 200, 404, 200, 404, 200, 200),
        "POST": ("login", 200, 200, 404, 200, 404, 200, 404),
    },
    "meetings:feed": {
        "GET": (200, 200, 200, 200, 200, 200, 200, 200),
        "POST": (405, 405, 405, 405, 405, 405, 405, 405),
    },
    "meetings:feed-reset": {
        "GET": ("login", 405, 405, 405, 405, 405, 405, 405),
        "POST": (
            "login",
            "->meetings:feed-settings",
            "->meetings:feed-settings",
            "->meetings:feed-settings",
            "->meetings:feed-settings",
            "->meetings:feed-settings",
            "->meetings:feed-settings",
            "->meetings:feed-settings",
        ),
    },
    "meetings:feed-settings": {
        "GET": ("login", 200, 200, 200, 200, 200, 200, 200),
        "POST": ("login", 405, 405, 405, 405, 405, 405, 405),
    },
    "meetings:meeting-cancel": {
        "GET": ("login", 404, 404, 404, 200, 404, 200, 404),
        "POST": (
            "login",
            404,
            404,
            404,
            "->meetings:meeting-detail",
            404,
            "->meetings:meeting-detail",
            404,
        ),
    },
    "meetings:meeting-copy": {
        "GET": ("login", 404, 404, 404, 200, 404, 200, 404),
        "POST": ("login", 404, 404, 404, 200, 404, 200, 404),
    },
    "meetings:meeting-create": {
        "GET": ("login", 404, 404, 404, 200, 404, 200, 404),
        "POST": ("login", 404, 404, 404, 200, 404, 200, 404),
    },
    "meetings:meeting-detail": {
        "GET": ("login", 200, 200, 404, 200, 404, 200, 200),
        "POST": ("login", 405, 405, 404, 405, 404, 405, 405),
    },
    "meetings:meeting-ics": {
        "GET": ("login", 200, 200, 404, 200, 404, 200, 200),
        "POST": ("login", 405, 405, 404, 405, 404, 405, 405),
    },
    "meetings:meeting-list": {
        "GET": ("login", 200, 200, 200, 200, 200, 200, 200),
        "POST": ("login", 405, 405, 405, 405, 405, 405, 405),
    },
    "meetings:meeting-prepare": {
        "GET": ("login", 404, 404, 404, 200, 404, 200, 404),
        "POST": ("login", 404, 404, 404, 405, 404, 405, 404),
    },
    "meetings:meeting-update": {
        "GET": ("login", 404, 404, 404, 200, 404, 200, 404),
        "POST": ("login", 404, 404, 404, 200, 404, 200, 404),
    },
    "meetings:network-meetings": {
        "GET": ("login", 200, 200, 404, 200, 404, 200, 200),
        "POST": ("login", 405, 405, 404, 405, 404, 405, 405),
    },
    "meetings:next-theme": {
        "GET": ("login", 404, 404, 404, 200, 404, 200, 404),
        "POST": (
            "login",
            404,
            404,
            404,
            "->meetings:meeting-detail",
            404,
            "->meetings:meeting-detail",
            404,
        ),
    },
    "meetings:planner": {
        "GET": ("login", 404, 404, 404, 200, 404, 200, 404),
        "POST": ("login", 404, 404, 404, 200, 404, 200, 404),
    },
    "meetings:poll-choose": {
        "GET": ("login", 404, 404, 404, 405, 404, 405, 404),
        "POST": (
            "login",
            404,
            404,
            404,
            "->meetings:meeting-update",
            404,
            "->meetings:meeting-update",
            404,
        ),
    },
    "meetings:poll-create": {
        "GET": ("login", 404, 404, 404, 200, 404, 200, 404),
        "POST": ("login", 404, 404, 404, 200, 404, 200, 404),
    },
    "meetings:poll-detail": {
        "GET": ("login", 200, 200, 404, 200, 404, 200, 200),
        "POST": ("login", 200, 200, 404, 200, 404, 200, 404),
    },
    "meetings:poll-remind": {
        "GET": ("login", 404, 404, 404, 405, 404, 405, 404),
        "POST": (
            "login",
            404,
            404,
            404,
            "->meetings:poll-detail",
            404,
            "->meetings:poll-detail",
            404,
        ),
    },
    "meetings:response": {
        "GET": ("login", 200, 200, 404, 200, 404, 200, 404),
        "POST": ("login", 200, 200, 404, 200, 404, 200, 404),
    },
    "meetings:speaker-create": {
        "GET": ("login", 404, 404, 404, 200, 404, 200, 404),
        "POST": ("login", 404, 404, 404, 200, 404, 200, 404),
    },
    "networks:application-check": {
        "GET": ("login", 405, 405, 405, 405, 405, 405, 405),
        "POST": ("login", 200, 200, 200, 200, 200, 200, 200),
    },
    "networks:application-create": {
        "GET": ("login", 200, 200, 200, 200, 200, 200, 200),
        "POST": ("login", 200, 200, 200, 200, 200, 200, 200),
    },
    "networks:application-detail": {
        "GET": ("login", 404, 404, 404, 404, 404, 200, 200),
        "POST": ("login", 404, 404, 404, 404, 404, 405, 405),
    },
    "networks:application-list": {
        "GET": ("login", 200, 200, 200, 200, 200, 200, 200),
        "POST": ("login", 405, 405, 405, 405, 405, 405, 405),
    },
    "networks:application-submit": {
        "GET": ("login", 404, 404, 404, 404, 404, 405, 404),
        "POST": ("login", 404, 404, 404, 404, 404, "->networks:application-detail", 404),
    },
    "networks:application-update": {
        "GET": ("login", 404, 404, 404, 404, 404, 200, 404),
        "POST": ("login", 404, 404, 404, 404, 404, 200, 404),
    },
    "networks:directory-detail": {
        "GET": (200, 200, 200, 200, 200, 200, 200, 200),
        "POST": (200, 200, 200, 200, 200, 200, 200, 200),
    },
    "networks:directory-list": {
        "GET": (200, 200, 200, 200, 200, 200, 200, 200),
        "POST": (405, 405, 405, 405, 405, 405, 405, 405),
    },
    "networks:my-networks": {
        "GET": ("login", 200, 200, 200, 200, 200, 200, 200),
        "POST": ("login", 405, 405, 405, 405, 405, 405, 405),
    },
    "networks:network-detail": {
        "GET": ("login", 200, 200, 404, 200, 404, 200, 200),
        "POST": ("login", 405, 405, 404, 405, 404, 405, 405),
    },
    "networks:review-detail": {
        "GET": ("login", 404, 404, 404, 404, 404, 404, 200),
        "POST": ("login", 404, 404, 404, 404, 404, 404, 200),
    },
    "networks:review-queue": {
        "GET": ("login", 404, 404, 404, 404, 404, 404, 200),
        "POST": ("login", 404, 404, 404, 404, 404, 404, 405),
    },
    "networks:start-network": {
        "GET": (200, 200, 200, 200, 200, 200, 200, 200),
        "POST": (405, 405, 405, 405, 405, 405, 405, 405),
    },
    "participants:audit-log": {
        "GET": ("login", 404, 404, 404, 404, 404, 404, 200),
        "POST": ("login", 404, 404, 404, 404, 404, 404, 405),
    },
    "participants:data-export": {
        "GET": ("login", 200, 200, 200, 200, 200, 200, 200),
        "POST": ("login", 405, 405, 405, 405, 405, 405, 405),
    },
    "participants:erase-account": {
        "GET": ("login", 200, 200, 200, 200, 200, 200, 200),
        "POST": ("login", 200, 200, 200, 200, 200, 200, 200),
    },
    "participants:goal-hint": {
        "GET": ("login", 405, 405, 405, 405, 405, 405, 405),
        "POST": ("login", 200, 200, 200, 200, 200, 200, 200),
    },
    "participants:import": {
        "GET": ("login", 404, 404, 404, 200, 404, 200, 200),
        "POST": ("login", 404, 404, 404, 200, 404, 200, 200),
    },
    "participants:import-confirm": {
        "GET": ("login", 404, 404, 404, 405, 404, 405, 405),
        "POST": (
            "login",
            404,
            404,
            404,
            "->participants:import",
            404,
            "->participants:import",
            "->participants:import",
        ),
    },
    "participants:invitation-accept": {
        "GET": (200, 200, 200, 200, 200, 200, 200, 200),
        "POST": (200, 200, 200, 200, 200, 200, 200, 200),
    },
    "participants:invite": {
        "GET": ("login", 404, 404, 404, 200, 404, 200, 200),
        "POST": ("login", 404, 404, 404, 200, 404, 200, 200),
    },
    "participants:learning-record": {
        "GET": ("login", 200, 200, 200, 200, 200, 200, 200),
        "POST": ("login", 200, 200, 200, 200, 200, 200, 200),
    },
    "participants:my-data": {
        "GET": ("login", 200, 200, 200, 200, 200, 200, 200),
        "POST": ("login", 405, 405, 405, 405, 405, 405, 405),
    },
    "participants:network-members": {
        "GET": ("login", 404, 404, 404, 200, 404, 200, 200),
        "POST": ("login", 404, 404, 404, 405, 404, 405, 405),
    },
    "participants:people-list": {
        "GET": ("login", 404, 404, 404, 404, 404, 404, 200),
        "POST": ("login", 404, 404, 404, 404, 404, 404, 405),
    },
    "participants:person-detail": {
        "GET": ("login", 404, 404, 404, 404, 404, 404, 200),
        "POST": ("login", 404, 404, 404, 404, 404, 404, 405),
    },
    "participants:privacy": {
        "GET": (200, 200, 200, 200, 200, 200, 200, 200),
        "POST": (405, 405, 405, 405, 405, 405, 405, 405),
    },
    "participants:profile": {
        "GET": ("login", 200, 200, 200, 200, 200, 200, 200),
        "POST": ("login", 200, 200, 200, 200, 200, 200, 200),
    },
    "participants:question-create": {
        "GET": ("login", 200, 200, 200, 200, 200, 200, 200),
        "POST": ("login", 200, 200, 200, 200, 200, 200, 200),
    },
    "participants:question-delete": {
        "GET": ("login", 200, 404, 404, 404, 404, 404, 404),
        "POST": ("login", "->participants:question-list", 404, 404, 404, 404, 404, 404),
    },
    "participants:question-detail": {
        "GET": ("login", 200, 404, 404, 404, 404, 404, 404),
        "POST": ("login", 405, 405, 405, 405, 405, 405, 405),
    },
    "participants:question-list": {
        "GET": ("login", 200, 200, 200, 200, 200, 200, 200),
        "POST": ("login", 405, 405, 405, 405, 405, 405, 405),
    },
    "participants:question-update": {
        "GET": ("login", 200, 404, 404, 404, 404, 404, 404),
        "POST": ("login", 200, 404, 404, 404, 404, 404, 404),
    },
    "participants:reflection-create": {
        "GET": ("login", 200, 404, 404, 404, 404, 404, 404),
        "POST": ("login", 200, 404, 404, 404, 404, 404, 404),
    },
    "participants:scan-create": {
        "GET": ("login", 200, 200, 200, 200, 200, 200, 200),
        "POST": ("login", 200, 200, 200, 200, 200, 200, 200),
    },
    "participants:scan-delete": {
        "GET": ("login", 200, 404, 404, 404, 404, 404, 404),
        "POST": ("login", "->participants:scan-list", 404, 404, 404, 404, 404, 404),
    },
    "participants:scan-detail": {
        "GET": ("login", 200, 404, 404, 404, 404, 404, 404),
        "POST": ("login", 405, 405, 405, 405, 405, 405, 405),
    },
    "participants:scan-list": {
        "GET": ("login", 200, 200, 200, 200, 200, 200, 200),
        "POST": ("login", 405, 405, 405, 405, 405, 405, 405),
    },
    "participants:scan-plan": {
        "GET": ("login", 200, 404, 404, 404, 404, 404, 404),
        "POST": ("login", 200, 404, 404, 404, 404, 404, 404),
    },
    "participants:school-options": {
        "GET": ("login", 200, 200, 200, 200, 200, 200, 200),
        "POST": ("login", 405, 405, 405, 405, 405, 405, 405),
    },
    "participants:school-propose": {
        "GET": ("login", 200, 200, 200, 200, 200, 200, 200),
        "POST": ("login", 200, 200, 200, 200, 200, 200, 200),
    },
    "participants:shared-questions": {
        "GET": ("login", 200, 200, 404, 200, 404, 200, 404),
        "POST": ("login", 405, 405, 404, 405, 404, 405, 404),
    },
    "password_reset": {
        "GET": (200, 200, 200, 200, 200, 200, 200, 200),
        "POST": (200, 200, 200, 200, 200, 200, 200, 200),
    },
    "password_reset_complete": {
        "GET": (200, 200, 200, 200, 200, 200, 200, 200),
        "POST": (405, 405, 405, 405, 405, 405, 405, 405),
    },
    "password_reset_confirm": {
        "GET": (
            "->password_reset_confirm",
            200,
            "->password_reset_confirm",
            "->password_reset_confirm",
            "->password_reset_confirm",
            "->password_reset_confirm",
            "->password_reset_confirm",
            "->password_reset_confirm",
        ),
        "POST": (
            "->password_reset_confirm",
            200,
            "->password_reset_confirm",
            "->password_reset_confirm",
            "->password_reset_confirm",
            "->password_reset_confirm",
            "->password_reset_confirm",
            "->password_reset_confirm",
        ),
    },
    "password_reset_done": {
        "GET": (200, 200, 200, 200, 200, 200, 200, 200),
        "POST": (405, 405, 405, 405, 405, 405, 405, 405),
    },
    "two-factor": {
        "GET": ("login", 200, 200, 200, 200, 200, 200, 200),
        "POST": ("login", 200, 200, 200, 200, 200, 200, 200),
    },
    "two-factor-qr": {
        "GET": ("login", 404, 404, 404, 404, 404, 404, 404),
        "POST": ("login", 405, 405, 405, 405, 405, 405, 405),
    },
}
