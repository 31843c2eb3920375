"""Celery tasks: take ids, call one service, own retries."""

from __future__ import annotations

from celery import shared_task

from .models import BallotImport


@shared_task(name="leernetwerk.evaluations.compute_round_scores")
def task_compute_round_scores(*, round_id: int) -> None:
    """Compute a round's scores (on closing and on demand)."""
    from .services import compute_round_scores  # noqa: PLC0415 - the services import these tasks

    compute_round_scores(round_id)


@shared_task(name="leernetwerk.evaluations.compute_scores_of_rounds")
def task_compute_scores_of_rounds(*, round_ids: list[int]) -> list[int]:
    """Compute the scores of many rounds in one pass (the rounds the daily close closed).
    Returns the ids of rounds whose computation failed (each marked failed with its error)."""
    from .services import compute_scores_of_rounds  # noqa: PLC0415 - the services import these tasks

    return compute_scores_of_rounds(round_ids)


@shared_task(name="leernetwerk.evaluations.build_report_pdf")
def task_build_report_pdf(*, pdf_id: int) -> None:
    """Build a report's PDF (asked for on the report page; the page shows its status)."""
    from .services import build_report_pdf  # noqa: PLC0415 - the services import these tasks

    build_report_pdf(pdf_id)


@shared_task(name="leernetwerk.evaluations.recover_score_computations")
def task_recover_score_computations() -> int:
    """Beat: re-dispatch score computations whose worker died mid-way (see the service)."""
    from .services.scores import recover_score_computations  # noqa: PLC0415 - the services import these tasks

    return len(recover_score_computations())


@shared_task(
    name="leernetwerk.evaluations.send_round_invitations",
    autoretry_for=(ConnectionError,),
    retry_backoff=True,
    max_retries=3,
)
def task_send_round_invitations(*, round_id: int) -> int:
    """Mail the personal links of a round that opens today (each once)."""
    from .services.reminders import send_round_invitations  # noqa: PLC0415 - the services import these tasks

    return send_round_invitations(round_id)


@shared_task(
    name="leernetwerk.evaluations.send_round_reminders",
    autoretry_for=(ConnectionError,),
    retry_backoff=True,
    max_retries=3,
)
def task_send_round_reminders() -> int:
    """Daily (beat): close rounds past their closing date (their scores are then computed),
    send invitations due and one reminder per non-responder."""
    from .services import send_round_reminders  # noqa: PLC0415 - the services import these tasks
    from .services.rounds import close_due_rounds  # noqa: PLC0415 - the services import these tasks

    close_due_rounds()
    return send_round_reminders()


@shared_task(
    name="leernetwerk.evaluations.send_reminders_now",
    autoretry_for=(ConnectionError,),
    retry_backoff=True,
    max_retries=3,
)
def task_send_reminders_now(*, round_id: int) -> int:
    """Staff asked to remind the round's non-responders (at most once a day)."""
    from .services.reminders import send_reminders_now  # noqa: PLC0415 - the services import these tasks

    return send_reminders_now(round_id)


@shared_task(name="leernetwerk.evaluations.compute_phase_report")
def task_compute_phase_report(*, network_id: int) -> None:
    """One network's phase report, on demand."""
    from .services import compute_phase_report  # noqa: PLC0415 - the services import these tasks

    compute_phase_report(network_id)


@shared_task(name="leernetwerk.evaluations.compute_phase_reports")
def task_compute_phase_reports(*, network_ids: list[int]) -> int:
    """The phase reports of many networks in one set (after a round's scores changed)."""
    from .services import compute_phase_reports  # noqa: PLC0415 - the services import these tasks

    return compute_phase_reports(network_ids)


@shared_task(name="leernetwerk.evaluations.compute_all_phase_reports")
def task_compute_all_phase_reports() -> int:
    """Nightly (beat): a phase report for every supported network."""
    from .services import compute_all_phase_reports  # noqa: PLC0415 - the services import these tasks

    return compute_all_phase_reports()


@shared_task(name="leernetwerk.evaluations.import_ballot_file")
def task_import_ballot_file(*, job_id: int) -> None:
    """Read and import an uploaded ballot file, all ballots or none; skipped when the job is
    gone or already finished."""
    from .services import run_ballot_import  # noqa: PLC0415 - the services import these tasks

    job = BallotImport.objects.select_related("survey", "uploaded_by").filter(pk=job_id).first()
    if job is not None:
        run_ballot_import(job)
