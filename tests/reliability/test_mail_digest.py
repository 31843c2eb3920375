"""One mail model, sent by the real worker: ten changes in a day give ten mails to a person
who chose "at once" and one digest to a person who chose "daily"; none is lost (or doubled)
when the worker is killed with SIGKILL in the middle of sending one.

The first worker pauses inside a mail's send transaction (test hook
LEERNETWERK_TEST_MAIL_PAUSE) and is killed while it holds that mail's row lock; the beat
task `retry_pending` hands what is left to the next worker."""

from __future__ import annotations

import datetime

import pytest
from django.db import transaction
from django.utils import timezone

from mails import services as mail_services
from mails.models import Mail
from meetings import services
from tests.conftest import wait_for
from tests.factories import MeetingFactory, NetworkFactory, make_member

CHANGES = 10


def _mail_is_being_sent() -> bool:
    """True while a worker holds the lock of a queued mail (it is inside the send)."""
    with transaction.atomic():
        queued = Mail.objects.filter(status="queued")
        free = queued.select_for_update(skip_locked=True)
        return len(list(free.values_list("pk", flat=True))) < queued.count()


def _mails_to(workers, address: str) -> list[str]:
    """Each message the workers wrote to `address`. Django's file backend appends to one file
    per connection (its name has only the second and the backend's id, which two connections
    can share), each message ended by a line of 79 dashes: split on it, count messages."""
    messages = []
    for path in workers.mail_dir.iterdir():
        messages += path.read_text().split("\n" + "-" * 79 + "\n")
    return [message for message in messages if f"To: {address}" in message.splitlines()]


@pytest.mark.realstack
@pytest.mark.django_db(transaction=True)
def test_ten_changes_give_ten_mails_or_one_digest_with_a_worker_killed_mid_send(
    app_on_private_redis, workers
):
    network = NetworkFactory()
    at_once = make_member(network, email="meteen@school.test")
    daily = make_member(network, email="dagelijks@school.test")
    mail_services.set_frequency(daily, "daily")
    start = (timezone.localtime() + datetime.timedelta(days=20)).replace(
        hour=16, minute=0, second=0, microsecond=0
    )
    meeting = MeetingFactory(
        network=network,
        title="Netwerkdag",
        starts_at=start,
        ends_at=start + datetime.timedelta(hours=3),
    )

    for change in range(1, CHANGES + 1):
        services.update_meeting(meeting, by=at_once, data={"location": f"Zaal {change}"})

    # A real worker publishes what it enqueues (as in production): the mail to send is its
    # own task, so killing it mid-send leaves the other recipients' rows queued or held.
    first = workers.start(
        app_on_private_redis.url,
        LEERNETWERK_TEST_MAIL_PAUSE="60",
        CELERY_TASK_ALWAYS_EAGER="false",
    )
    wait_for(_mail_is_being_sent, timeout=90, interval=0.1)
    workers.kill(first)  # SIGKILL mid-send: the mail's transaction rolls back
    assert _mails_to(workers, at_once.email) == []

    workers.start(app_on_private_redis.url, CELERY_TASK_ALWAYS_EAGER="false")
    later = timezone.now() + mail_services.RETRY_AFTER
    wait_for(
        lambda: Mail.objects.filter(recipient=daily, status="held").count() == CHANGES, timeout=90
    )
    mail_services.retry_pending(now=later)
    wait_for(
        lambda: Mail.objects.filter(recipient=at_once, status="sent").count() == CHANGES,
        timeout=120,
    )
    assert mail_services.send_digests("daily") == 1
    wait_for(lambda: len(_mails_to(workers, daily.email)) == 1, timeout=60)
    mail_services.retry_pending(now=later)  # a second sweep sends nothing again
    assert mail_services.send_digests("daily") == 0

    to_at_once = _mails_to(workers, at_once.email)
    assert len(to_at_once) == CHANGES
    assert (
        sorted(Mail.objects.filter(recipient=at_once).values_list("status", flat=True))
        == ["sent"] * CHANGES
    )
    [digest] = _mails_to(workers, daily.email)
    assert digest.count("Gewijzigd: Netwerkdag") == CHANGES  # ten items in one mail
    assert Mail.objects.filter(recipient=daily, status="digested").count() == CHANGES
    assert Mail.objects.get(recipient=daily, kind="digest").status == "sent"
