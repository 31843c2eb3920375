"""Celery tasks: take ids, call one service, own retries."""

from __future__ import annotations

from celery import shared_task


@shared_task(name="leernetwerk.evaluations.compute_round_scores")
def task_compute_round_scores(*, round_id: int) -> None:
    """Compute a round's scores (on closing and on demand)."""
    from .services import compute_round_scores

    compute_round_scores(round_id)


@shared_task(name="leernetwerk.evaluations.compute_scores_of_rounds")
def task_compute_scores_of_rounds(*, round_ids: list[int]) -> list[int]:
    """Compute the scores of many rounds in one pass (the rounds the daily close closed).
    Returns the ids of rounds whose computation failed (each marked failed with its error)."""
    from .services import compute_scores_of_rounds

    return compute_scores_of_rounds(round_ids)


@shared_task(name="leernetwerk.evaluations.recover_score_computations")
def task_recover_score_computations() -> int:
    """Beat: re-dispatch score computations whose worker died mid-way (see the service)."""
    from .services.scores import recover_score_computations

    return len(recover_score_computations())


@shared_task(
    name="leernetwerk.evaluations.send_round_invitations",
    autoretry_for=(ConnectionError,),
    retry_backoff=True,
    max_retries=3,
)
def task_send_round_invitations(*, round_id: int) -> int:
    """Mail the personal links of a round that opens today (each once)."""
    from .services.rounds import send_round_invitations

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
    from .services import send_round_reminders
    from .services.rounds import close_due_rounds

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
    from .services.rounds import send_reminders_now

    return send_reminders_now(round_id)


@shared_task(name="leernetwerk.evaluations.compute_phase_report")
def task_compute_phase_report(*, network_id: int) -> None:
    """One network's phase report, on demand."""
    from .services import compute_phase_report

    compute_phase_report(network_id)


@shared_task(name="leernetwerk.evaluations.compute_all_phase_reports")
def task_compute_all_phase_reports() -> int:
    """Nightly (beat): a phase report for every supported network."""
    from .services import compute_all_phase_reports

    return compute_all_phase_reports()
