"""Background jobs of the networks app. Each takes ids, loads, and calls one service."""

from __future__ import annotations

from celery import shared_task

from .models import Application, Decision, InterestRegistration


@shared_task(name="leernetwerk.networks.recheck_supported_networks")
def task_recheck_supported_networks() -> int:
    """Yearly re-check of supported networks on live data (beat runs it daily; a network is
    checked once per support year, updated in place). Granted networks whose start date has
    come are made active first. Returns how many networks fall short."""
    from .services import recheck_supported_networks, start_granted_networks  # noqa: PLC0415 - a task imports its service when it runs: the service imports the task

    start_granted_networks()
    return sum(1 for result in recheck_supported_networks() if result.flagged)


@shared_task(
    name="leernetwerk.networks.send_decision_email",
    autoretry_for=(OSError,),
    retry_backoff=True,
    max_retries=5,
)
def task_send_decision_email(*, decision_id: int) -> None:
    """E-mail a decision and its motivation to the penvoerders."""
    from .services import send_decision_email  # noqa: PLC0415 - a task imports its service when it runs: the service imports the task

    decision = (
        Decision.objects.select_related("application__network", "application__applicant")
        .filter(pk=decision_id)
        .first()
    )
    if decision is not None:
        send_decision_email(decision)


@shared_task(
    name="leernetwerk.networks.send_submission_emails",
    autoretry_for=(OSError,),
    retry_backoff=True,
    max_retries=5,
)
def task_send_submission_emails(*, application_id: int, submitted_at: str) -> None:
    """Tell the applicant's side that the application is in and academy staff that it
    awaits review (once per submission)."""
    from .services import send_submission_emails  # noqa: PLC0415 - a task imports its service when it runs: the service imports the task

    application = (
        Application.objects.select_related("network", "applicant").filter(pk=application_id).first()
    )
    if application is not None:
        send_submission_emails(application, submitted_at=submitted_at)


@shared_task(
    name="leernetwerk.networks.notify_interest",
    autoretry_for=(OSError,),
    retry_backoff=True,
    max_retries=5,
)
def task_notify_interest(*, registration_id: int) -> None:
    """Tell a network's facilitators that a visitor registered interest."""
    from .services import notify_interest  # noqa: PLC0415 - a task imports its service when it runs: the service imports the task

    registration = (
        InterestRegistration.objects.select_related("network").filter(pk=registration_id).first()
    )
    if registration is not None:
        notify_interest(registration)
