"""The idempotency set-ups of the networks tasks (the yearly re-check, decision and
submission mails, interest) and the participants tasks (invitations, the member import and
its welcome, old upload jobs, expired place offers).

Each set-up makes the rows its task needs and returns (the task's kwargs, whether the first run
sends mail); tests/reliability/test_task_idempotency.py runs each task twice."""

from __future__ import annotations

import datetime
from decimal import Decimal

from django.utils import timezone

from networks.enums import DecisionKind, NetworkStatus
from networks.services import decide_application, judge_criteria, register_interest
from participants.services import invite_member
from tests.factories import (
    NetworkFactory,
    make_facilitator,
    make_member,
    make_penvoerder,
    make_staff,
)
from tests.factories.networks import make_application
from tests.reliability.idempotency_scenarios_core_evaluations import CSV_BALLOTS


def setup_recheck_supported_networks():
    start = timezone.localdate() - datetime.timedelta(days=400)
    network = NetworkFactory(start_date=start, planned_end_date=start + datetime.timedelta(700))
    make_member(network)
    starting = NetworkFactory(
        status=NetworkStatus.GRANTED, start_date=timezone.localdate() - datetime.timedelta(1)
    )
    make_penvoerder(starting)
    return {}, False


def setup_send_decision_email():
    application = make_application(submitted=True)
    staff = make_staff()
    # A grant needs the two judged criteria judged in favour, with a motivation.
    judge_criteria(
        application,
        judgements={
            "field_initiative": ("met", "Vraag uit het veld."),
            "professionalisation_focus": ("met", "Competenties centraal."),
        },
        by=staff,
    )
    decision = decide_application(
        application,
        kind=DecisionKind.GRANT,
        motivation="Past goed bij de regeling.",
        by=staff,
        granted={
            "granted_facilitation": Decimal("5000"),
            "granted_speakers": Decimal("1000"),
            "granted_organisation": Decimal("500"),
        },
    )
    return {"decision_id": decision.pk}, True


def setup_send_submission_emails():
    make_staff()
    application = make_application(submitted=True)
    application.refresh_from_db()
    return {
        "application_id": application.pk,
        "submitted_at": application.submitted_at.isoformat(),
    }, True


def setup_notify_interest():
    network = NetworkFactory()
    make_facilitator(network)
    registration = register_interest(network, name="Ans de Vries", email="ans@school.example.nl")
    return {"registration_id": registration.pk}, True


def setup_send_invitation():
    network = NetworkFactory()
    invitation = invite_member(
        network, email="nieuw@school.example.nl", by=make_facilitator(network)
    )
    return {"invitation_id": invitation.pk}, True


def setup_send_import_welcome():
    network = NetworkFactory()
    person = make_member(network)
    return {"network_id": network.pk, "person_id": person.pk, "new_account": True}, True


MEMBER_FILE = b"email,first_name,last_name\nnieuw-lid@example.nl,Nieuw,Lid\n"


def _member_import(**fields):
    from participants.models import MemberImport

    network = NetworkFactory()
    return MemberImport.objects.create(
        network=network,
        uploaded_by=make_facilitator(network),
        file_name="leden.csv",
        extension="csv",
        content=MEMBER_FILE,
        **fields,
    )


def setup_check_member_import():
    return {"job_id": _member_import().pk}, False


def setup_import_members():
    from leernetwerk.models import JobStatus

    job = _member_import(status=JobStatus.CHECKED, confirmed_at=timezone.now())
    # The welcome mails go out through their own task (send_import_welcome, its scenario).
    return {"job_id": job.pk}, False


def setup_delete_old_member_imports():
    from evaluations.models import BallotImport
    from evaluations.services import create_survey

    long_ago = timezone.now() - datetime.timedelta(days=8)
    member_job = _member_import()
    ballot_job = BallotImport.objects.create(
        survey=create_survey(by=None, name="Top 3 oud", forms=["A"]),
        uploaded_by=make_staff(),
        file_name="stemmen.csv",
        extension="csv",
        content=CSV_BALLOTS,
    )
    for job in (member_job, ballot_job):
        type(job).objects.filter(pk=job.pk).update(created_at=long_ago)
    return {}, False


def setup_expire_place_offers():
    from networks.models import Membership, WaitingListEntry
    from participants.waiting import offer_place

    network = NetworkFactory(max_participants=1)
    facilitator = make_facilitator(network)
    leaving = make_member(network)
    register_interest(network, name="Eva Verlopen", email="eva@school.example.nl")
    register_interest(network, name="Wil Wachten", email="wil@school.example.nl")
    eva = WaitingListEntry.objects.get(registration__email="eva@school.example.nl")
    offer_place(eva, by=facilitator)
    past = timezone.now() - datetime.timedelta(minutes=1)
    WaitingListEntry.objects.filter(pk=eva.pk).update(offered_until=past)
    Membership.objects.filter(person=leaving, network=network).update(left_on=timezone.localdate())
    return {}, True  # Eva's offer expires; Wil gets the freed place, mailed once
