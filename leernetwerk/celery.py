"""Celery application. Without CELERY_BROKER_URL tasks run eagerly in-process (see settings)."""

import gc
import os

from celery import Celery
from celery.signals import worker_process_init

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "leernetwerk.settings")

app = Celery("leernetwerk", task_cls="celery.contrib.django.task:DjangoTask")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()


@worker_process_init.connect
def freeze_start_up_objects(**_) -> None:
    """When a worker process starts (the pool's processes of `celery worker`): what it has
    loaded by then (Django's apps, models, settings, the tasks) lives as long as the
    process, so it is moved out of the garbage collector's reach (`gc.freeze`, which
    Python's documentation suggests for forked workers). A large task then no longer pays
    for scanning all of it at every full collection: about 0.1 s of the national scores
    run (bench.task_scores calls this the same way)."""
    gc.freeze()
