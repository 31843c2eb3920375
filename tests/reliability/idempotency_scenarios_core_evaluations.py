"""The idempotency set-ups of the core tasks (heartbeat, outbox) and the evaluations tasks
(scores, invitations and reminders, phase reports, the report PDF, the ballot import).

Each set-up makes the rows its task needs and returns (the task's kwargs, whether the first run
sends mail); tests/reliability/test_task_idempotency.py runs each task twice."""

from __future__ import annotations

import datetime

from django.utils import timezone

from evaluations.enums import ComputationStatus, RoundStatus
from evaluations.models import EvaluationRound, Invitation
from leernetwerk.models import OutboxTask
from tests.factories import MeetingFactory, NetworkFactory, make_member, make_staff
from tests.factories.evaluations import answer_all, make_round


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


def setup_compute_phase_reports():
    networks = []
    for _ in range(2):
        network = NetworkFactory()
        make_member(network)
        MeetingFactory(network=network)
        networks.append(network.pk)
    return {"network_ids": networks}, False


def setup_compute_all_phase_reports():
    for _ in range(2):
        network = NetworkFactory()
        make_member(network)
    return {}, False


def setup_build_report_pdf():
    from evaluations.models import ReportPdf

    evaluation = _closed_round_with_answers()
    from evaluations.services.scores import compute_round_scores

    compute_round_scores(evaluation.pk)
    pdf = ReportPdf.objects.create(
        round=evaluation, network=None, language="nl", requested_at=timezone.now()
    )
    return {"pdf_id": pdf.pk}, False


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
