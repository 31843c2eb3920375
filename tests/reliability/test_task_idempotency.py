"""Every Celery task of our apps, run twice, leaves the database as the first run left it and
sends no second mail (Celery acknowledges late, so any task may be delivered twice).

SCENARIOS holds one set-up per registered `leernetwerk.*` task; a new task without one fails
`test_every_task_has_an_idempotency_scenario`."""

from __future__ import annotations

import datetime
from decimal import Decimal
from unittest import mock

import pytest
from django.apps import apps
from django.core import mail
from django.utils import timezone

from evaluations.enums import ComputationStatus, RoundStatus
from evaluations.models import EvaluationRound, Invitation
from leernetwerk.celery import app
from leernetwerk.models import OutboxTask
from meetings.enums import MailKind
from networks.enums import DecisionKind, NetworkStatus
from networks.services import decide_application, judge_criteria, register_interest
from participants.services import invite_member
from tests.factories import (
    MeetingFactory,
    NetworkFactory,
    make_facilitator,
    make_member,
    make_penvoerder,
    make_staff,
)
from tests.factories.evaluations import answer_all, make_round
from tests.factories.meetings import DatePollFactory, PollOptionFactory
from tests.factories.networks import make_application

OUR_APPS = ("leernetwerk", "participants", "networks", "meetings", "evaluations", "mails")

# Left out of the comparison, because they record WHEN something last ran, not WHAT it left:
# - every `auto_now` field (e.g. PhaseReport.updated_at): Django stamps it on every save, and a
#   second run rewrites the same content;
# - WorkerHeartbeat.seen_at: the heartbeat's whole point is the time of the latest run;
# - EvaluationRound.scores_computed_at: when the latest (identical) computation finished.
VOLATILE = {
    ("leernetwerk", "workerheartbeat", "seen_at"),
    ("evaluations", "evaluationround", "scores_computed_at"),
}


def _volatile(model, field) -> bool:
    meta = model._meta
    return getattr(field, "auto_now", False) or (
        (meta.app_label, meta.model_name, field.name) in VOLATILE
    )


def snapshot() -> dict:
    """Every row of every table of our apps (ids included), minus the volatile timestamps."""
    tables = {}
    for label in OUR_APPS:
        for model in apps.get_app_config(label).get_models(include_auto_created=True):
            columns = [f.attname for f in model._meta.concrete_fields if not _volatile(model, f)]
            tables[model._meta.db_table] = list(
                model._default_manager.order_by("pk").values_list(*columns)
            )
    return tables


def mails() -> list:
    return [(m.subject, sorted(m.to), m.body) for m in mail.outbox]


# --- one set-up per task: returns (kwargs, whether the first run sends mail) ---------------


def _closed_round_with_answers():
    network = NetworkFactory()
    for _ in range(6):
        make_member(network)
    evaluation = make_round([network])
    answer_all(evaluation, network, [4, 5, 3, 4, 2, 5])
    EvaluationRound.objects.filter(pk=evaluation.pk).update(
        status=RoundStatus.CLOSED, scores_status=ComputationStatus.PENDING
    )
    return evaluation


def setup_heartbeat():
    return {"worker": "worker-1"}, False


def setup_flush_outbox():
    OutboxTask.objects.create(
        task_name="leernetwerk.core.record_heartbeat", kwargs={"worker": "from-outbox"}
    )
    return {}, False


def setup_compute_round_scores():
    return {"round_id": _closed_round_with_answers().pk}, False


def setup_compute_scores_of_rounds():
    return {"round_ids": [_closed_round_with_answers().pk, _closed_round_with_answers().pk]}, False


def setup_recover_score_computations():
    evaluation = _closed_round_with_answers()
    EvaluationRound.objects.filter(pk=evaluation.pk).update(
        scores_status=ComputationStatus.RUNNING  # its worker died
    )
    return {}, False


def setup_send_round_invitations():
    network = NetworkFactory()
    for _ in range(3):
        make_member(network)
    return {"round_id": make_round([network]).pk}, True


def setup_send_reminders_now():
    network = NetworkFactory()
    for _ in range(3):
        make_member(network)
    evaluation = make_round([network])
    return {"round_id": evaluation.pk}, True


def setup_send_round_reminders():
    network = NetworkFactory()
    for _ in range(3):
        make_member(network)
    evaluation = make_round([network])
    Invitation.objects.filter(round=evaluation).update(
        invited_at=timezone.now() - datetime.timedelta(days=8)
    )
    due = _closed_round_with_answers()  # and one round past its closing date, still open
    EvaluationRound.objects.filter(pk=due.pk).update(
        status=RoundStatus.OPEN, closes_on=timezone.localdate() - datetime.timedelta(days=1)
    )
    return {}, True


def setup_compute_phase_report():
    network = NetworkFactory()
    make_member(network)
    MeetingFactory(network=network)
    return {"network_id": network.pk}, False


def setup_compute_all_phase_reports():
    for _ in range(2):
        network = NetworkFactory()
        make_member(network)
    return {}, False


def setup_send_meeting_mail():
    meeting = MeetingFactory()
    for _ in range(3):
        make_member(meeting.network)
    return {"meeting_id": meeting.pk, "kind": MailKind.INVITATION}, True


def setup_send_meeting_reminders():
    meeting = MeetingFactory(
        starts_at=timezone.now() + datetime.timedelta(days=2),
        ends_at=timezone.now() + datetime.timedelta(days=2, hours=3),
    )
    for _ in range(3):
        make_member(meeting.network)
    return {}, True


def setup_send_poll_reminder():
    poll = DatePollFactory()
    PollOptionFactory(poll=poll)
    for _ in range(3):
        make_member(poll.network)
    return {"poll_id": poll.pk}, True


def setup_send_poll_opened():
    poll = DatePollFactory()
    PollOptionFactory(poll=poll)
    for _ in range(3):
        make_member(poll.network)
    return {"poll_id": poll.pk}, True


def setup_send_open_polls_to_new_member():
    poll = DatePollFactory()
    PollOptionFactory(poll=poll)
    newcomer = make_member(poll.network)
    return {"person_id": newcomer.pk, "network_id": poll.network_id}, True


def setup_send_poll_deadline_reminders():
    poll = DatePollFactory(deadline=timezone.now() + datetime.timedelta(hours=12))
    PollOptionFactory(poll=poll)
    for _ in range(3):
        make_member(poll.network)
    return {}, True


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


def _queued_mail(key: str, *, notification: bool = False, person=None):
    from mails.services import queue_mail  # the mails app is not imported above: keep it local

    person = person or make_staff()
    return queue_mail(
        key=key,
        to=person.email,
        recipient=person,
        kind="change",
        subject="Gewijzigd",
        body="De bijeenkomst is gewijzigd.",
        notification=notification,
    )


def setup_send_mail():
    return {"mail_id": _queued_mail("idempotency:send").pk}, True


def setup_retry_pending():
    from mails.models import Mail  # the mails app is not imported above: keep it local

    mail_row = _queued_mail("idempotency:retry")
    Mail.objects.filter(pk=mail_row.pk).update(
        created_at=timezone.now() - datetime.timedelta(hours=1)
    )
    return {}, True


def setup_send_due_digests():
    from mails.enums import Frequency  # the mails app is not imported above: keep it local
    from mails.services import set_frequency

    person = make_staff()
    set_frequency(person, Frequency.DAILY)
    for n in range(3):
        _queued_mail(f"idempotency:digest:{n}", notification=True, person=person)
    return {}, True


def setup_build_report_pdf():
    from evaluations.models import ReportPdf

    evaluation = _closed_round_with_answers()
    from evaluations.services.scores import compute_round_scores

    compute_round_scores(evaluation.pk)
    pdf = ReportPdf.objects.create(
        round=evaluation, network=None, language="nl", requested_at=timezone.now()
    )
    return {"pdf_id": pdf.pk}, False


def setup_send_action_reminders():
    from meetings.enums import MinutesStatus
    from meetings.models import ActionItem, Minutes

    network = NetworkFactory()
    facilitator = make_facilitator(network)
    owner = make_member(network)
    meeting = MeetingFactory(
        network=network,
        starts_at=timezone.now() - datetime.timedelta(days=7),
        ends_at=timezone.now() - datetime.timedelta(days=7, hours=-3),
    )
    minutes = Minutes.objects.create(
        meeting=meeting,
        summary="Kennismaking.",
        written_by=facilitator,
        status=MinutesStatus.PUBLISHED,
        shared_at=timezone.now() - datetime.timedelta(days=6),
        published_at=timezone.now() - datetime.timedelta(days=1),
    )
    ActionItem.objects.create(
        minutes=minutes,
        description="Agenda rondsturen",
        owner=owner,
        due_date=timezone.localdate() + datetime.timedelta(days=2),
    )
    return {}, True


def setup_publish_due_minutes():
    from meetings.enums import MinutesStatus
    from meetings.models import Minutes

    network = NetworkFactory()
    facilitator = make_facilitator(network)
    make_member(network)
    meeting = MeetingFactory(
        network=network,
        starts_at=timezone.now() - datetime.timedelta(days=10),
        ends_at=timezone.now() - datetime.timedelta(days=10, hours=-3),
    )
    Minutes.objects.create(
        meeting=meeting,
        summary="Kennismaking.",
        written_by=facilitator,
        status=MinutesStatus.SHARED,
        shared_at=timezone.now() - datetime.timedelta(days=8),  # the correction week is over
    )
    return {}, True


MEMBER_FILE = b"email,first_name,last_name\nnieuw-lid@example.nl,Nieuw,Lid\n"

CSV_BALLOTS = b"respondent,choice_1,choice_2,choice_3\nr1,A,B,\nr2,B,,\n"


def setup_import_ballot_file():
    from evaluations.models import BallotImport
    from evaluations.services import create_survey

    survey = create_survey(by=None, name="Top 3 idempotent", forms=["A", "B"])
    job = BallotImport.objects.create(
        survey=survey,
        uploaded_by=make_staff(),
        file_name="stemmen.csv",
        extension="csv",
        content=CSV_BALLOTS,
    )
    return {"job_id": job.pk}, False


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


SCENARIOS = {
    "leernetwerk.participants.expire_place_offers": setup_expire_place_offers,
    "leernetwerk.evaluations.import_ballot_file": setup_import_ballot_file,
    "leernetwerk.core.record_heartbeat": setup_heartbeat,
    "leernetwerk.core.flush_outbox": setup_flush_outbox,
    "leernetwerk.evaluations.compute_round_scores": setup_compute_round_scores,
    "leernetwerk.evaluations.compute_scores_of_rounds": setup_compute_scores_of_rounds,
    "leernetwerk.evaluations.recover_score_computations": setup_recover_score_computations,
    "leernetwerk.evaluations.send_round_invitations": setup_send_round_invitations,
    "leernetwerk.evaluations.send_round_reminders": setup_send_round_reminders,
    "leernetwerk.evaluations.send_reminders_now": setup_send_reminders_now,
    "leernetwerk.evaluations.compute_phase_report": setup_compute_phase_report,
    "leernetwerk.evaluations.compute_all_phase_reports": setup_compute_all_phase_reports,
    "leernetwerk.meetings.send_meeting_mail": setup_send_meeting_mail,
    "leernetwerk.meetings.send_meeting_reminders": setup_send_meeting_reminders,
    "leernetwerk.meetings.send_poll_reminder": setup_send_poll_reminder,
    "leernetwerk.meetings.send_poll_opened": setup_send_poll_opened,
    "leernetwerk.meetings.send_open_polls_to_new_member": setup_send_open_polls_to_new_member,
    "leernetwerk.meetings.send_poll_deadline_reminders": setup_send_poll_deadline_reminders,
    "leernetwerk.networks.recheck_supported_networks": setup_recheck_supported_networks,
    "leernetwerk.networks.send_decision_email": setup_send_decision_email,
    "leernetwerk.networks.notify_interest": setup_notify_interest,
    "leernetwerk.networks.send_submission_emails": setup_send_submission_emails,
    "leernetwerk.participants.send_invitation": setup_send_invitation,
    "leernetwerk.participants.send_import_welcome": setup_send_import_welcome,
    "leernetwerk.mails.send_mail": setup_send_mail,
    "leernetwerk.mails.retry_pending": setup_retry_pending,
    "leernetwerk.mails.send_due_digests": setup_send_due_digests,
    "leernetwerk.evaluations.build_report_pdf": setup_build_report_pdf,
    "leernetwerk.meetings.send_action_reminders": setup_send_action_reminders,
    "leernetwerk.meetings.publish_due_minutes": setup_publish_due_minutes,
    "leernetwerk.participants.check_member_import": setup_check_member_import,
    "leernetwerk.participants.import_members": setup_import_members,
    "leernetwerk.participants.delete_old_member_imports": setup_delete_old_member_imports,
}


def registered_tasks() -> set[str]:
    app.loader.import_default_modules()  # runs autodiscovery of every app's tasks module
    return {name for name in app.tasks if name.startswith("leernetwerk.")}


def test_every_task_has_an_idempotency_scenario():
    assert registered_tasks() == set(SCENARIOS)


@pytest.fixture
def published():
    """flush_outbox hands rows to the broker; here the 'broker' records what it got."""
    sent = []

    def publish(task_name, kwargs):
        sent.append((task_name, kwargs))

    with mock.patch("leernetwerk.dispatch._publish", side_effect=publish):
        yield sent


@pytest.mark.parametrize("task_name", sorted(SCENARIOS))
@pytest.mark.django_db
def test_task_run_twice_leaves_the_same_state_and_mails_once(
    task_name, published, django_capture_on_commit_callbacks
):
    kwargs, sends_mail = SCENARIOS[task_name]()
    mail.outbox.clear()
    assert task_name in registered_tasks()
    task = app.tasks[task_name]

    with django_capture_on_commit_callbacks(execute=True):
        task.apply(kwargs=kwargs, throw=True)
    after_first, mails_first = snapshot(), mails()
    with django_capture_on_commit_callbacks(execute=True):
        task.apply(kwargs=kwargs, throw=True)
    after_second, mails_second = snapshot(), mails()

    assert bool(mails_first) == sends_mail  # the scenario really exercises the task
    assert mails_second == mails_first
    assert after_second == after_first
    if task_name == "leernetwerk.core.flush_outbox":
        assert published == [("leernetwerk.core.record_heartbeat", {"worker": "from-outbox"})]
