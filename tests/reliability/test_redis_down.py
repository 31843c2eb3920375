"""With Redis stopped, pages render, actions that enqueue work answer within 3 s and tell the
person the rest will follow, nothing is lost; once Redis is back, the outbox flush (the beat
task) hands the work to the worker, which completes it.

The app and a real worker point at a private `redis-server`, which the test stops and starts."""

from __future__ import annotations

import datetime
import time

import pytest
from django.urls import reverse
from django.utils import timezone

from evaluations.enums import ComputationStatus
from evaluations.models import EvaluationRound, RoundResult
from leernetwerk.celery import app
from leernetwerk.models import OutboxTask
from leernetwerk.tasks import task_flush_outbox
from mails.models import Mail
from meetings.models import Meeting
from tests.conftest import wait_for
from tests.factories import NetworkFactory, make_facilitator, make_member, make_staff
from tests.factories.evaluations import answer_all, make_round

WILL_FOLLOW = (
    "Achtergrondverwerking is even niet beschikbaar. Uw wijziging is opgeslagen; "
    "de rest volgt vanzelf zodra die weer werkt."
)
MAX_SECONDS = 3


def _timed(call):
    started = time.monotonic()
    response = call()
    return response, time.monotonic() - started


@pytest.mark.realstack
@pytest.mark.django_db(transaction=True)
def test_redis_outage_keeps_pages_up_and_work_follows(client, app_on_private_redis, workers):
    redis = app_on_private_redis
    network = NetworkFactory(name="Verbindend Vernieuwen")
    facilitator = make_facilitator(network)
    members = [make_member(network) for _ in range(3)]  # (answer_all adds two more)
    evaluation = make_round([network])
    answer_all(evaluation, network, [4, 5, 3, 4, 2])
    OutboxTask.objects.all().delete()  # the round's invitation task, published before the test
    workers.start(redis.url)
    wait_for(lambda: app.control.ping(timeout=1), timeout=60)

    redis.stop()

    # Pages render, quickly.
    client.force_login(facilitator)
    for url, expected in [
        (reverse("networks:my-networks"), "Verbindend Vernieuwen"),
        (reverse("networks:network-detail", args=[network.slug]), "Verbindend Vernieuwen"),
        (reverse("networks:directory-list"), "Verbindend Vernieuwen"),
    ]:
        response, seconds = _timed(lambda url=url: client.get(url))
        assert (response.status_code, seconds < MAX_SECONDS) == (200, True), url
        assert expected in response.content.decode()

    # Scheduling a meeting: saved, the person is told the invitations follow, nothing lost.
    start = (timezone.localtime() + datetime.timedelta(days=10)).replace(
        hour=16, minute=0, second=0, microsecond=0
    )
    response, seconds = _timed(
        lambda: client.post(
            reverse("meetings:meeting-create", args=[network.slug]),
            {
                "title": "Verbinden in de school",
                "theme": "Samen leren",
                "starts_at": start.strftime("%Y-%m-%dT%H:%M"),
                "ends_at": (start + datetime.timedelta(hours=3)).strftime("%Y-%m-%dT%H:%M"),
                "location": "Utrecht",
                "address": "Domplein 1",
                "form": "16:00-19:00",
                "agenda": "Opening, casus, afsluiting",
            },
            follow=True,
        )
    )
    assert seconds < MAX_SECONDS
    page = response.content.decode()
    assert WILL_FOLLOW in page
    assert "De bijeenkomst is gepland" in page
    meeting = Meeting.objects.get(network=network)

    # Closing a round (staff): closed, scores follow.
    client.force_login(make_staff())
    response, seconds = _timed(
        lambda: client.post(reverse("evaluations:round-close", args=[evaluation.pk]), follow=True)
    )
    assert seconds < MAX_SECONDS
    assert WILL_FOLLOW in response.content.decode()
    evaluation.refresh_from_db()
    assert (evaluation.status, evaluation.scores_status) == ("closed", "pending")

    assert sorted(OutboxTask.objects.values_list("task_name", "kwargs")) == [
        ("leernetwerk.evaluations.compute_round_scores", {"round_id": evaluation.pk}),
        (
            "leernetwerk.meetings.send_meeting_mail",
            {"meeting_id": meeting.pk, "kind": "invitation"},
        ),
    ]
    # The flush finds the broker still away: it keeps everything and does not hang.
    _, seconds = _timed(task_flush_outbox)
    assert seconds < MAX_SECONDS
    assert OutboxTask.objects.count() == 2

    # Redis back: the beat task publishes, the (same) worker reconnects and does the work.
    redis.start()
    assert wait_for(lambda: task_flush_outbox(), timeout=30) == 2
    assert OutboxTask.objects.count() == 0
    invited = set(network.memberships.current().values_list("person_id", flat=True))
    assert {facilitator.pk, *(m.pk for m in members)} <= invited
    wait_for(
        lambda: (
            set(
                Mail.objects.filter(
                    key__startswith=f"invitation:{meeting.pk}:", status="sent"
                ).values_list("recipient_id", flat=True)
            )
            == invited
        ),
        timeout=90,
    )
    wait_for(
        lambda: (
            EvaluationRound.objects.get(pk=evaluation.pk).scores_status == ComputationStatus.DONE
        ),
        timeout=60,
    )
    assert RoundResult.objects.filter(round=evaluation).count() == 2  # network + overall
    assert workers.mail_subjects() == [
        "Uitnodiging: Verbinden in de school (Verbindend Vernieuwen)"
    ] * len(invited)
