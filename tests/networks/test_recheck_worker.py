"""The yearly re-check task on the real stack: a Celery worker on Redis and PostgreSQL."""

import datetime

import pytest
from django.utils import timezone

from networks.models import RecheckResult
from networks.tasks import task_recheck_supported_networks
from tests.conftest import wait_for
from tests.factories import NetworkFactory

pytestmark = [pytest.mark.realstack, pytest.mark.django_db(transaction=True)]


def test_recheck_task_runs_in_worker(celery_worker):
    start = timezone.localdate() - datetime.timedelta(days=400)
    network = NetworkFactory(
        start_date=start, planned_end_date=start + datetime.timedelta(days=800)
    )
    task_recheck_supported_networks.delay()
    result = wait_for(lambda: RecheckResult.objects.filter(network=network).first())
    assert result.flagged is True
