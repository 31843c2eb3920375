"""One small, complete world for the permission matrix and the form fuzzing (issue 7).

Network A has a facilitator, a penvoerder, a participant who owns the personal objects and a
second participant; network B has its own facilitator and participant; one academy staff
member stands outside both. Every object a URL pattern needs exists once, so `url_kwargs`
can fill in every pattern of the root URLconf."""

from __future__ import annotations

import datetime
import secrets
from dataclasses import dataclass, field

from allauth.account.forms import default_token_generator
from allauth.account.models import EmailAddress, EmailConfirmationHMAC
from allauth.account.utils import user_pk_to_url_str

from evaluations.enums import OutcomeKind, OutcomeVisibility, ValueCycle
from evaluations.models import (
    BallotImport,
    LearningForm,
    Outcome,
    RankingSurvey,
    ValueStep,
    ValueStory,
)
from evaluations.models import Invitation as RoundInvitation
from leernetwerk.models import JobStatus
from meetings.models import ActionItem, CalendarFeedToken, Minutes
from networks.models import WaitingListEntry
from networks.services import register_interest
from participants.models import MemberImport
from participants.services import invitation_token
from participants.waiting import offer_place
from tests.factories import (
    LearningQuestionFactory,
    MeetingFactory,
    NetworkFactory,
    make_facilitator,
    make_member,
    make_penvoerder,
    make_staff,
)
from tests.factories.evaluations import make_round
from tests.factories.meetings import (
    BuddyGroupFactory,
    CaseFactory,
    DatePollFactory,
    GuestSpeakerFactory,
    PollOptionFactory,
)
from tests.factories.networks import make_application
from tests.factories.participants import BCScanFactory, InvitationFactory, ReflectionFactory

# The roles of the matrix, in the order of its columns.
ROLES = (
    "anonymous",
    "owner",  # participant of network A owning the personal objects
    "participant",  # another participant of network A
    "other_participant",  # participant of network B
    "facilitator",  # facilitator of network A
    "other_facilitator",  # facilitator of network B
    "penvoerder",  # penvoerder of network A (and applicant of the application)
    "staff",  # VO-academie medewerker
)


# The apps whose tables the fuzzing counts: the project's own, addresses and authenticators.
APP_LABELS = {
    "leernetwerk",
    "participants",
    "networks",
    "meetings",
    "evaluations",
    "mails",
    "account",
    "mfa",
}


@dataclass
class World:
    people: dict = field(default_factory=dict)  # role -> User (no entry for anonymous)
    network: object = None
    other_network: object = None
    meeting: object = None
    poll: object = None
    option: object = None
    case: object = None
    buddy_group: object = None
    question: object = None
    reflection: object = None
    scan: object = None
    application: object = None  # submitted, for the review
    draft_application: object = None  # still editable by its applicant
    round: object = None
    round_invitation: object = None
    invitation: object = None
    survey: object = None
    outcome: object = None
    story: object = None
    feed_token: str = ""
    speaker: object = None
    member_import: object = None  # a checked file, uploaded by the facilitator
    ballot_import: object = None  # an imported ballot file, uploaded by staff
    action: object = None
    waiting_entry: object = None  # someone waiting for a place in network A (full)
    place_offer: object = None  # the invitation of someone offered a place in network A

    def user(self, role: str):
        """A fresh copy of the person holding `role`, so logging in leaves the world as is."""
        person = self.people.get(role)
        return None if person is None else type(person).objects.get(pk=person.pk)


def build_world() -> World:
    w = World()
    a = NetworkFactory(slug="netwerk-a", name="Netwerk A")
    b = NetworkFactory(slug="netwerk-b", name="Netwerk B")
    w.network, w.other_network = a, b
    w.people["facilitator"] = make_facilitator(a, email="facilitator@a.example.nl")
    w.people["penvoerder"] = make_penvoerder(a, email="penvoerder@a.example.nl")
    w.people["owner"] = make_member(a, email="eigenaar@a.example.nl")
    w.people["participant"] = make_member(a, email="deelnemer@a.example.nl")
    w.people["other_facilitator"] = make_facilitator(b, email="facilitator@b.example.nl")
    w.people["other_participant"] = make_member(b, email="deelnemer@b.example.nl")
    for extra in range(4):  # six fixed participants, so network A is a real network
        make_member(a, email=f"lid{extra}@a.example.nl")
    w.people["staff"] = make_staff(email="medewerker@vo-academie.example.nl")
    owner = w.people["owner"]

    w.meeting = MeetingFactory(network=a, title="Bijeenkomst A")
    MeetingFactory(network=b, title="Bijeenkomst B")
    w.poll = DatePollFactory(network=a, title="Datumprikker A", created_by=w.people["facilitator"])
    w.option = PollOptionFactory(poll=w.poll)
    PollOptionFactory(poll=w.poll)
    w.case = CaseFactory(meeting=w.meeting, author=owner)
    w.buddy_group = BuddyGroupFactory(
        network=a, name="Maatjes A", members=[owner, w.people["participant"]]
    )
    w.question = LearningQuestionFactory(owner=owner, title="Hoe leid ik verandering?")
    w.reflection = ReflectionFactory(question=w.question)
    w.scan = BCScanFactory(owner=owner)
    w.application = make_application(applicant=w.people["penvoerder"], submitted=True)
    w.draft_application = make_application(
        applicant=w.people["penvoerder"], network_overrides={"name": "Samen Sturen Concept"}
    )
    w.round = make_round([a, b], by=w.people["staff"], title="Tussenmeting A en B")
    w.round_invitation = RoundInvitation.objects.get(round=w.round, person=owner)
    w.invitation = InvitationFactory(
        network=a, email="nieuw@a.example.nl", invited_by=w.people["facilitator"]
    )
    a.max_participants = 6  # full: its six participants
    a.save(update_fields=["max_participants"])
    register_interest(a, name="Wachtende A", email="wachtend@a.example.nl")
    register_interest(a, name="Aanbod A", email="aanbod@a.example.nl")
    w.waiting_entry = WaitingListEntry.objects.get(registration__email="wachtend@a.example.nl")
    w.place_offer = offer_place(
        WaitingListEntry.objects.get(registration__email="aanbod@a.example.nl"),
        by=w.people["facilitator"],
    )
    w.survey = RankingSurvey.objects.create(name="Leer-top 3 A", slug="leer-top-3-a")
    for name in ("Intervisie", "Casusbespreking", "Gastspreker"):
        LearningForm.objects.create(survey=w.survey, name=name)
    w.outcome = Outcome.objects.create(
        network=a,
        author=w.people["facilitator"],
        kind=OutcomeKind.COMPETENCE_1,
        description="Een gedeelde visie op leiderschap.",
        visibility=OutcomeVisibility.NETWORK,
    )
    w.story = ValueStory.objects.create(
        network=a,
        author=w.people["facilitator"],
        title="Van intervisie naar schoolbeleid",
        visibility=OutcomeVisibility.NETWORK,
    )
    ValueStep.objects.create(
        story=w.story, cycle=ValueCycle.IMMEDIATE, position=1, text="We leerden van elkaar."
    )
    w.feed_token = secrets.token_urlsafe(24)
    CalendarFeedToken.objects.create(person=owner, token=w.feed_token)
    w.speaker = GuestSpeakerFactory(
        meeting=w.meeting, email="spreker@uu.example.nl", token=secrets.token_urlsafe(32)
    )
    w.ballot_import = BallotImport.objects.create(
        survey=w.survey,
        uploaded_by=w.people["staff"],
        file_name="stemmen.csv",
        extension="csv",
        status=JobStatus.DONE,
        result={"imported": 0},
    )
    w.member_import = MemberImport.objects.create(
        network=a,
        uploaded_by=w.people["facilitator"],
        file_name="leden.csv",
        extension="csv",
        content=b"email,first_name,last_name\nnieuw-lid@a.example.nl,Nieuw,Lid\n",
        status=JobStatus.CHECKED,
        rows_total=1,
        rows_done=1,
        result={
            "rows": [
                {
                    "row": 2,
                    "email": "nieuw-lid@a.example.nl",
                    "first_name": "Nieuw",
                    "last_name": "Lid",
                    "brin": "",
                    "neutralised_on_export": False,
                    "existing": False,
                }
            ]
        },
    )
    # Draft minutes of the meeting with one action of the owner (no marker text: the
    # marker crawl plants its own minutes).
    minutes = Minutes.objects.create(
        meeting=w.meeting, summary="Kennismaking.", written_by=w.people["facilitator"]
    )
    w.action = ActionItem.objects.create(
        minutes=minutes,
        description="Agenda rondsturen",
        owner=owner,
        due_date=w.meeting.starts_at.date() + datetime.timedelta(days=14),
    )
    return w


def url_kwargs(name: str, w: World) -> dict:
    """The kwargs that fill in URL pattern `name` for the objects of world `w`."""
    slug = {"slug": w.network.slug}
    owner = w.people["owner"]
    table = {
        "account_reset_password_from_key": {
            "uidb36": user_pk_to_url_str(owner),
            "key": default_token_generator.make_token(owner),
        },
        "account_confirm_email": {
            "key": EmailConfirmationHMAC(EmailAddress.objects.get(user=owner)).key
        },
        "two-factor-enrol-link": {"token": "not-a-valid-link"},
        "openid_connect_login": {"provider_id": "school"},
        "openid_connect_callback": {"provider_id": "school"},
        "networks:network-detail": slug,
        "networks:application-detail": {"pk": w.application.pk},
        "networks:application-update": {"pk": w.draft_application.pk},
        "networks:application-submit": {"pk": w.draft_application.pk},
        "networks:application-check-existing": {"pk": w.draft_application.pk},
        "networks:review-detail": {"pk": w.application.pk},
        "networks:directory-detail": slug,
        "meetings:buddy-group-delete": {"pk": w.buddy_group.pk},
        "meetings:poll-detail": {"pk": w.poll.pk},
        "meetings:poll-choose": {"pk": w.poll.pk, "option_pk": w.option.pk},
        "meetings:poll-remind": {"pk": w.poll.pk},
        "meetings:feed": {"token": w.feed_token},
        "meetings:speaker-invite": {"pk": w.speaker.pk},
        "meetings:speaker-answer": {"token": w.speaker.token},
        "meetings:action-delete": {"pk": w.action.pk},
        "meetings:action-done": {"pk": w.action.pk},
        "participants:person-detail": {"pk": owner.pk},
        "participants:invitation-accept": {"token": invitation_token(w.invitation)},
        "participants:place-decline": {"token": invitation_token(w.place_offer)},
        "participants:waiting-remove": {"pk": w.waiting_entry.pk, **slug},
        "participants:waiting-offer": {"pk": w.waiting_entry.pk, **slug},
        # The owner's participant membership of network A: the organisers may end it.
        "participants:end-membership": {
            "pk": owner.memberships.get(network=w.network).pk,
            **slug,
        },
        "participants:question-detail": {"pk": w.question.pk},
        "participants:question-update": {"pk": w.question.pk},
        "participants:question-delete": {"pk": w.question.pk},
        "participants:reflection-create": {"pk": w.question.pk},
        "participants:scan-detail": {"pk": w.scan.pk},
        "participants:scan-plan": {"pk": w.scan.pk},
        "participants:scan-delete": {"pk": w.scan.pk},
        "evaluations:respond": {"token": w.round_invitation.token},
        "evaluations:network-report": {"pk": w.round.pk, **slug},
        "evaluations:network-report-pdf": {"pk": w.round.pk, **slug},
        "evaluations:network-report-pdf-status": {"pk": w.round.pk, **slug},
        "evaluations:network-report-csv": {"pk": w.round.pk, **slug},
        "evaluations:story-detail": {"pk": w.story.pk, **slug},
        "evaluations:story-update": {"pk": w.story.pk, **slug},
        "evaluations:story-delete": {"pk": w.story.pk, **slug},
        "evaluations:outcome-update": {"pk": w.outcome.pk, **slug},
        "evaluations:outcome-delete": {"pk": w.outcome.pk, **slug},
        "api-network-detail": slug,
        "participants:import-job": {"pk": w.member_import.pk, **slug},
        "evaluations:ballot-import-job": {"pk": w.ballot_import.pk, "slug": w.survey.slug},
    }
    if name in table:
        return table[name]
    if name.startswith("meetings:") and name in MEETING_PK:
        return {"pk": w.meeting.pk}
    if name.startswith("evaluations:") and name in ROUND_PK:
        return {"pk": w.round.pk}
    if name in SURVEY_SLUG:
        return {"slug": w.survey.slug}
    if name in NETWORK_SLUG:
        return slug
    return {}


MEETING_PK = {
    f"meetings:{n}"
    for n in (
        "meeting-detail meeting-update meeting-copy meeting-cancel meeting-prepare speaker-create "
        "response case-create next-theme attendance attendance-everyone meeting-ics minutes "
        "minutes-edit action-create minutes-share minutes-publish minutes-correction"
    ).split()
}
ROUND_PK = {
    f"evaluations:{n}"
    for n in (
        "round-detail round-rate item-create round-close round-compute round-publish round-remind round-share report "
        "report-pdf report-pdf-status report-csv"
    ).split()
}
SURVEY_SLUG = {
    f"evaluations:{n}"
    for n in "survey-detail form-create ballot-create ballot-import merge".split()
}
NETWORK_SLUG = {
    "meetings:network-meetings",
    "meetings:meeting-create",
    "meetings:planner",
    "meetings:attendance-rates",
    "meetings:attendance-export",
    "meetings:attendance-export-xlsx",
    "meetings:poll-create",
    "meetings:buddy-groups",
    "meetings:contact-log",
    "participants:network-members",
    "networks:leave-network",
    "networks:short-name",
    "participants:shared-questions",
    "participants:invite",
    "participants:import",
    "participants:max-participants",
    "evaluations:phase",
    "evaluations:phase-compute",
    "evaluations:network-rate",
    "evaluations:outcome-list",
    "evaluations:outcome-create",
    "evaluations:story-create",
}
