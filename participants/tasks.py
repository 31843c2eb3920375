"""Background work for the participants app."""

from celery import shared_task

from networks.models import Network

from .models import Invitation, MemberImport, User


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


@shared_task(name="leernetwerk.participants.check_member_import")
def task_check_member_import(*, job_id: int) -> None:
    """Read and check an uploaded member file (the preview); skipped when the job is gone or
    already checked."""
    from .imports import check_member_import  # noqa: PLC0415 - a task imports its service when it runs: the service imports the task

    job = MemberImport.objects.select_related("network").filter(pk=job_id).first()
    if job is not None:
        check_member_import(job)


@shared_task(name="leernetwerk.participants.import_members")
def task_import_members(*, job_id: int) -> None:
    """Import a confirmed member file, all rows or none; skipped when the job is gone or
    already done."""
    from .imports import run_member_import  # noqa: PLC0415 - a task imports its service when it runs: the service imports the task

    job = MemberImport.objects.select_related("network", "uploaded_by").filter(pk=job_id).first()
    if job is not None:
        run_member_import(job)


@shared_task(name="leernetwerk.participants.delete_old_member_imports")
def task_delete_old_member_imports() -> int:
    """Daily (beat): delete the jobs of every upload (member and ballot imports) older than a
    week."""
    from .imports import delete_old_member_imports  # noqa: PLC0415 - a task imports its service when it runs: the service imports the task

    return delete_old_member_imports()


@shared_task(name="leernetwerk.participants.expire_place_offers")
def task_expire_place_offers() -> int:
    """Daily (beat): close the waiting-list offers whose week has passed and offer free
    places to the next on each list; how many offers were made."""
    from .waiting import expire_place_offers  # noqa: PLC0415 - a task imports its service when it runs: the service imports the task

    return expire_place_offers()
