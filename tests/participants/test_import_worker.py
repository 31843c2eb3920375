"""The member import on the real stack: the upload request only stores the file; a Celery
worker on Redis checks it and, after confirmation, imports it into PostgreSQL."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from leernetwerk.models import JobStatus
from networks.enums import Role
from networks.models import Membership
from participants.models import MemberImport
from tests.conftest import wait_for
from tests.factories import NetworkFactory, make_facilitator

pytestmark = [pytest.mark.realstack, pytest.mark.django_db(transaction=True)]

GOOD = b"email,first_name,last_name\nanna@school.nl,Anna,Vries\nbram@school.nl,Bram,Jansen\n"


def _status(job_id: int) -> str:
    return MemberImport.objects.get(pk=job_id).status


def test_the_worker_checks_and_imports_an_uploaded_file(client, celery_worker):
    network = NetworkFactory(slug="verbindend-vernieuwen")
    client.force_login(make_facilitator(network))

    response = client.post(
        reverse("participants:import", args=[network.slug]),
        {"file": SimpleUploadedFile("leden.csv", GOOD)},
    )
    job = MemberImport.objects.get()
    assert response["Location"] == job.get_absolute_url()

    wait_for(lambda: _status(job.pk) == JobStatus.CHECKED)
    preview = client.get(job.get_absolute_url()).content.decode()
    assert "2 leden importeren" in preview
    assert "bram@school.nl" in preview
    assert not Membership.objects.filter(network=network, role=Role.PARTICIPANT).exists()

    client.post(job.get_absolute_url())
    wait_for(lambda: _status(job.pk) == JobStatus.DONE)

    assert "Er zijn 2 leden geïmporteerd." in client.get(job.get_absolute_url()).content.decode()
    assert set(
        Membership.objects.filter(network=network, role=Role.PARTICIPANT).values_list(
            "person__email", flat=True
        )
    ) == {"anna@school.nl", "bram@school.nl"}
    job.refresh_from_db()
    assert (job.rows_done, job.rows_total, bytes(job.content)) == (2, 2, b"")
