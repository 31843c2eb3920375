"""Background work for the participants app."""

from celery import shared_task


@shared_task(
    name="leernetwerk.participants.send_invitation",
    autoretry_for=(OSError,),
    retry_backoff=True,
    max_retries=5,
)
def task_send_invitation(*, invitation_id: int) -> None:
    """Mail an invitation link; skipped when the invitation is gone or already used."""
    from .models import Invitation
    from .services import send_invitation

    invitation = (
        Invitation.objects.select_related("network")
        .filter(pk=invitation_id, accepted_at__isnull=True)
        .first()
    )
    if invitation is not None:
        send_invitation(invitation)
