"""Background work for the participants app."""

from celery import shared_task

from networks.models import Network

from .models import Invitation, User


@shared_task(
    name="leernetwerk.participants.send_invitation",
    autoretry_for=(OSError,),
    retry_backoff=True,
    max_retries=5,
)
def task_send_invitation(*, invitation_id: int) -> None:
    """Mail an invitation link; skipped when the invitation is gone or already used."""
    from .services import send_invitation  # noqa: PLC0415 - a task imports its service when it runs: the service imports the task

    invitation = (
        Invitation.objects.select_related("network")
        .filter(pk=invitation_id, accepted_at__isnull=True)
        .first()
    )
    if invitation is not None:
        send_invitation(invitation)


@shared_task(
    name="leernetwerk.participants.send_import_welcome",
    autoretry_for=(OSError,),
    retry_backoff=True,
    max_retries=5,
)
def task_send_import_welcome(*, network_id: int, person_id: int, new_account: bool) -> None:
    """Mail someone imported into a network (once); skipped when either is gone."""

    from .services import send_import_welcome  # noqa: PLC0415 - a task imports its service when it runs: the service imports the task

    network = Network.objects.filter(pk=network_id).first()
    person = User.objects.filter(pk=person_id, is_active=True).first()
    if network is not None and person is not None:
        send_import_welcome(network, person, new_account=new_account)
