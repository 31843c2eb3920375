import pytest

from leernetwerk.models import WorkerHeartbeat
from leernetwerk.tasks import task_record_heartbeat
from tests.conftest import wait_for


@pytest.mark.realstack
@pytest.mark.django_db(transaction=True)
def test_real_worker_writes_row_to_postgresql(celery_worker):
    from django.db import connection

    assert connection.vendor == "postgresql"
    task_record_heartbeat.delay(worker="from-the-real-worker")

    beat = wait_for(lambda: WorkerHeartbeat.objects.filter(worker="from-the-real-worker").first())
    assert beat.worker == "from-the-real-worker"


@pytest.mark.django_db
def test_heartbeat_task_runs_eagerly_without_broker():
    pk = task_record_heartbeat.delay(worker="eager").get()
    assert WorkerHeartbeat.objects.get(pk=pk).worker == "eager"


def test_a_starting_worker_process_freezes_what_it_has_loaded():
    """What a worker process loaded before its first task is kept out of the garbage
    collector's full collections (leernetwerk.celery.freeze_start_up_objects)."""
    import gc

    from celery.signals import worker_process_init

    gc.unfreeze()
    assert gc.get_freeze_count() == 0
    try:
        worker_process_init.send(sender=None)
        assert gc.get_freeze_count() > 10_000  # Django and the app, not a handful
    finally:
        gc.unfreeze()
