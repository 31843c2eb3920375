"""PAGES of the declared access table (access.py): each URL pattern, the action its GET
and its POST (empty body) need, and what the page answers to those who may (200, 405 for a
method it does not take, or "->name" for a redirect after the action)."""

from __future__ import annotations

from dataclasses import dataclass


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
