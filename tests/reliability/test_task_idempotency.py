"""Every Celery task of our apps, run twice, leaves the database as the first run left it and
sends no second mail (Celery acknowledges late, so any task may be delivered twice).

SCENARIOS holds one set-up per registered `leernetwerk.*` task (the set-ups are in
idempotency_scenarios_*.py, by app); a new task without one fails
`test_every_task_has_an_idempotency_scenario`."""

from __future__ import annotations

from unittest import mock

import pytest
from django.apps import apps
from django.core import mail

from leernetwerk.celery import app
from tests.reliability.idempotency_scenarios_core_evaluations import (
    setup_build_report_pdf,
    setup_compute_all_phase_reports,
    setup_compute_phase_report,
    setup_compute_phase_reports,
    setup_compute_round_scores,
    setup_compute_scores_of_rounds,
    setup_flush_outbox,
    setup_heartbeat,
    setup_import_ballot_file,
    setup_recover_score_computations,
    setup_send_reminders_now,
    setup_send_round_invitations,
    setup_send_round_reminders,
)
from tests.reliability.idempotency_scenarios_meetings_mails import (
    setup_publish_due_minutes,
    setup_retry_pending,
    setup_send_action_reminders,
    setup_send_due_digests,
    setup_send_mail,
    setup_send_meeting_mail,
    setup_send_meeting_reminders,
    setup_send_open_polls_to_new_member,
    setup_send_poll_deadline_reminders,
    setup_send_poll_opened,
    setup_send_poll_reminder,
    setup_tell_speakers_of_move,
)
from tests.reliability.idempotency_scenarios_networks_participants import (
    setup_check_member_import,
    setup_delete_old_member_imports,
    setup_expire_place_offers,
    setup_import_members,
    setup_notify_interest,
    setup_recheck_supported_networks,
    setup_send_decision_email,
    setup_send_import_welcome,
    setup_send_invitation,
    setup_send_submission_emails,
)

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
    "leernetwerk.evaluations.compute_phase_reports": setup_compute_phase_reports,
    "leernetwerk.evaluations.compute_all_phase_reports": setup_compute_all_phase_reports,
    "leernetwerk.meetings.send_meeting_mail": setup_send_meeting_mail,
    "leernetwerk.meetings.send_meeting_reminders": setup_send_meeting_reminders,
    "leernetwerk.meetings.tell_speakers_of_move": setup_tell_speakers_of_move,
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
