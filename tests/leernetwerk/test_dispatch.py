"""The outbox: background work survives a broker outage and never makes a request hang."""

import time

import pytest
from django.contrib.messages import get_messages
from django.db import transaction
from django.test import RequestFactory

from leernetwerk.celery import app
from leernetwerk.dispatch import enqueue, flush_outbox
from leernetwerk.middleware import BackgroundWorkNoticeMiddleware
from leernetwerk.models import OutboxTask, WorkerHeartbeat
from leernetwerk.tasks import task_record_heartbeat

UNREACHABLE_BROKER = "redis://127.0.0.1:9/0"  # the discard port: nothing listens there


def _reset_connections() -> None:
    """Forget the app's cached pools so the next publish uses the current broker URL.

    kombu keeps one pool per URL in a global registry; closing one would break later users
    of that URL, so the pools are only dropped from the app, never closed."""
    app._pool = None
    app.amqp._producer_pool = None


@pytest.fixture
def broker_down():
    # broker_write_url: Celery reads broker_url from CELERY_BROKER_URL first, whatever conf says.
    previous = (app.conf.task_always_eager, app.conf.get("broker_write_url"))
    app.conf.task_always_eager = False
    app.conf.broker_write_url = UNREACHABLE_BROKER
    _reset_connections()
    yield
    app.conf.task_always_eager, app.conf.broker_write_url = previous
    _reset_connections()


@pytest.fixture
def eager():
    previous = app.conf.task_always_eager
    app.conf.task_always_eager = True
    yield
    app.conf.task_always_eager = previous


def _request_with_messages(method: str = "post"):
    from django.contrib.messages.storage.fallback import FallbackStorage
    from django.contrib.sessions.backends.db import SessionStore

    request = getattr(RequestFactory(), method)("/")
    request.session = SessionStore()
    request._messages = FallbackStorage(request)
    return request


def _view_that_enqueues(request):
    """A view as ATOMIC_REQUESTS runs it: the service enqueues inside the transaction."""
    from django.http import HttpResponse

    with transaction.atomic():
        enqueue(task_record_heartbeat, worker="waits-for-redis")
    return HttpResponse("saved")


@pytest.mark.django_db(transaction=True)
def test_enqueue_runs_the_task_after_commit_without_a_broker(eager):
    with transaction.atomic():
        enqueue(task_record_heartbeat, worker="eager-after-commit")
        assert WorkerHeartbeat.objects.count() == 0  # not before the commit
    assert WorkerHeartbeat.objects.get().worker == "eager-after-commit"
    assert OutboxTask.objects.count() == 0


@pytest.mark.django_db(transaction=True)
def test_enqueue_keeps_the_task_and_tells_the_person_when_the_broker_is_down(broker_down):
    request = _request_with_messages()
    started = time.monotonic()
    BackgroundWorkNoticeMiddleware(_view_that_enqueues)(request)

    assert time.monotonic() - started < 3
    row = OutboxTask.objects.get()
    assert row.task_name == "leernetwerk.core.record_heartbeat"
    assert row.kwargs == {"worker": "waits-for-redis"}
    assert row.attempts == 1
    assert row.last_error != ""
    texts = [str(m) for m in get_messages(request)]
    assert texts == [
        "Achtergrondverwerking is even niet beschikbaar. Uw wijziging is opgeslagen; de rest "
        "volgt vanzelf zodra die weer werkt."
    ]


@pytest.mark.django_db(transaction=True)
def test_enqueue_in_a_rolled_back_transaction_leaves_nothing(broker_down):
    with pytest.raises(RuntimeError), transaction.atomic():
        enqueue(task_record_heartbeat, worker="rolled-back")
        raise RuntimeError("the action failed")
    assert OutboxTask.objects.count() == 0


@pytest.mark.django_db(transaction=True)
def test_flush_outbox_keeps_rows_while_the_broker_is_still_down(broker_down):
    OutboxTask.objects.create(task_name="leernetwerk.core.record_heartbeat", kwargs={})
    assert flush_outbox() == 0
    assert OutboxTask.objects.get().attempts == 1


@pytest.mark.django_db(transaction=True)
def test_enqueue_with_the_broker_down_keeps_the_task_outside_a_request(broker_down):
    # A task or command enqueues without any request: the row waits all the same.
    with transaction.atomic():
        enqueue(task_record_heartbeat, worker="from-a-command")
    assert OutboxTask.objects.get().attempts == 1


@pytest.mark.django_db(transaction=True)
def test_background_notice_is_not_shown_when_the_work_reached_the_broker(eager):
    request = _request_with_messages()
    BackgroundWorkNoticeMiddleware(_view_that_enqueues)(request)
    assert [str(m) for m in get_messages(request)] == []
