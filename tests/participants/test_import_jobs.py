"""The member import runs outside the web request (issue 10, security 3): the upload is stored
as a job, a task checks it and, after confirmation, imports it; the uploader's job page shows
the progress and then the preview, the errors or the result. Only the uploader sees it."""

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from leernetwerk.models import JobStatus
from networks.enums import Role
from networks.models import Membership
from participants import imports
from participants.models import MemberImport, User
from participants.tasks import task_delete_old_member_imports
from tests.factories import NetworkFactory, make_facilitator, make_member, make_staff

pytestmark = pytest.mark.django_db

GOOD = b"email,first_name,last_name\nanna@school.nl,Anna,Vries\nbram@school.nl,Bram,Jansen\n"


@pytest.fixture
def network():
    return NetworkFactory(slug="verbindend-vernieuwen")


@pytest.fixture
def uploader(network):
    return make_facilitator(network)


def _job(network, uploader, **fields) -> MemberImport:
    values = {"file_name": "leden.csv", "extension": "csv", "content": GOOD, **fields}
    return MemberImport.objects.create(network=network, uploaded_by=uploader, **values)


def _participants(network) -> set[str]:
    return set(
        Membership.objects.filter(network=network, role=Role.PARTICIPANT).values_list(
            "person__email", flat=True
        )
    )


# --- who sees the job page --------------------------------------------------------------


def test_the_uploader_sees_her_job_page(client, network, uploader):
    job = _job(network, uploader)
    client.force_login(uploader)

    response = client.get(job.get_absolute_url())

    assert response.status_code == 200
    assert "Bestand leden.csv, geüpload op" in response.content.decode()


@pytest.mark.parametrize(
    "role", ["co_facilitator", "staff", "participant", "other_facilitator", "penvoerder"]
)
def test_anyone_but_the_uploader_gets_404_on_the_job_page(client, network, uploader, role):
    # Staff and a co-facilitator may import files of their own, not see hers.
    person = {
        "co_facilitator": lambda: make_facilitator(network),
        "staff": make_staff,
        "participant": lambda: make_member(network),
        "other_facilitator": lambda: make_facilitator(NetworkFactory()),
        "penvoerder": lambda: make_member(network, Role.PENVOERDER),
    }[role]()
    job = _job(network, uploader, status=JobStatus.CHECKED, result={"rows": []})
    client.force_login(person)

    assert client.get(job.get_absolute_url()).status_code == 404
    assert client.post(job.get_absolute_url()).status_code == 404
    job.refresh_from_db()
    assert job.confirmed_at is None


def test_the_job_page_sends_a_visitor_to_the_login(client, network, uploader):
    job = _job(network, uploader)

    response = client.get(job.get_absolute_url())

    assert response.status_code == 302
    assert response["Location"].startswith("/account/inloggen/")


def test_an_uploader_who_is_no_longer_facilitator_gets_404(client, network, uploader):
    job = _job(network, uploader)
    Membership.objects.filter(network=network, person=uploader).update(
        left_on=timezone.localdate() - datetime.timedelta(days=1)
    )
    client.force_login(uploader)

    assert client.get(job.get_absolute_url()).status_code == 404


def test_a_job_is_not_found_under_another_network(client, network, uploader):
    other = NetworkFactory()
    Membership.objects.create(
        network=other, person=uploader, role=Role.FACILITATOR, joined_on=timezone.localdate()
    )
    job = _job(network, uploader)
    client.force_login(uploader)

    response = client.get(reverse("participants:import-job", args=[other.slug, job.pk]))

    assert response.status_code == 404


# --- outside the request, with progress ---------------------------------------------------


def test_the_upload_request_stores_the_file_and_leaves_the_rows_to_the_task(
    client, network, uploader
):
    client.force_login(uploader)

    # The commit callbacks (the eager task) do not run here: this is the request alone.
    response = client.post(
        reverse("participants:import", args=[network.slug]),
        {"file": SimpleUploadedFile("leden.csv", GOOD)},
    )

    job = MemberImport.objects.get()
    assert response.status_code == 302
    assert response["Location"] == job.get_absolute_url()
    assert (job.status, job.rows_total, job.uploaded_by, job.network) == (
        JobStatus.QUEUED,
        None,
        uploader,
        network,
    )
    assert bytes(job.content) == GOOD
    page = client.get(job.get_absolute_url()).content.decode()
    assert "Het bestand wordt gecontroleerd" in page
    assert "Wacht op verwerking" in page
    assert 'hx-trigger="every 2s"' in page


def test_a_running_check_shows_rows_done_of_the_total(client, network, uploader):
    job = _job(network, uploader, status=JobStatus.RUNNING, rows_done=40, rows_total=200)
    client.force_login(uploader)

    page = client.get(job.get_absolute_url()).content.decode()

    assert "Bezig:" in page
    assert "40 van 200 rijen" in page
    assert 'max="200"' in page
    assert 'value="40"' in page


def test_a_running_import_says_the_members_are_being_imported(client, network, uploader):
    job = _job(network, uploader, status=JobStatus.RUNNING, confirmed_at=timezone.now())
    client.force_login(uploader)

    page = client.get(job.get_absolute_url()).content.decode()

    assert "De leden worden geïmporteerd" in page
    assert 'hx-trigger="every 2s"' in page


def test_the_polling_page_reloads_once_the_step_is_over(client, network, uploader):
    job = _job(network, uploader, status=JobStatus.RUNNING)
    client.force_login(uploader)

    assert "HX-Refresh" not in client.get(job.get_absolute_url(), HTTP_HX_REQUEST="true")
    MemberImport.objects.filter(pk=job.pk).update(status=JobStatus.CHECKED, result={"rows": []})
    response = client.get(job.get_absolute_url(), HTTP_HX_REQUEST="true")
    assert response["HX-Refresh"] == "true"
    assert 'hx-trigger="every 2s"' not in response.content.decode()


def test_the_check_writes_its_progress_while_reading_rows(network, uploader, monkeypatch):
    rows = "".join(f"p{n}@school.nl,Piet,Nr{n}\n" for n in range(250))
    job = _job(network, uploader, content=b"email,first_name,last_name\n" + rows.encode())
    seen = []
    report = imports.uploads.report_progress

    def spy(job, *, done, total):
        seen.append((done, total))
        report(job, done=done, total=total)

    monkeypatch.setattr(imports.uploads, "report_progress", spy)

    imports.check_member_import(job)

    assert seen == [(0, 250), (100, 250), (200, 250), (250, 250)]
    job.refresh_from_db()
    assert (job.status, job.rows_done, job.rows_total) == (JobStatus.CHECKED, 250, 250)


# --- all or nothing -------------------------------------------------------------------------


def test_a_row_failing_during_the_import_leaves_nothing_imported(
    client, network, uploader, monkeypatch, django_capture_on_commit_callbacks
):
    job = _job(network, uploader)
    imports.check_member_import(job)
    added = []
    real_add = imports.add_participant

    def add_then_fail(network, person):
        if added:
            raise RuntimeError("the database went away on row 3")
        added.append(person.email)
        return real_add(network, person)

    monkeypatch.setattr(imports, "add_participant", add_then_fail)
    client.force_login(uploader)
    users_before = User.objects.count()

    with django_capture_on_commit_callbacks(execute=True):
        client.post(job.get_absolute_url())
    page = client.get(job.get_absolute_url()).content.decode()

    assert added == ["anna@school.nl"]  # the first row was written, then rolled back
    assert _participants(network) == set()
    assert User.objects.count() == users_before
    job.refresh_from_db()
    assert job.status == JobStatus.FAILED
    assert job.errors == ["Het importeren is mislukt; er is niets geïmporteerd."]
    assert "Het importeren is mislukt; er is niets geïmporteerd." in page


def test_a_finished_import_cannot_be_confirmed_again(
    client, network, uploader, django_capture_on_commit_callbacks
):
    job = _job(network, uploader)
    imports.check_member_import(job)
    client.force_login(uploader)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(job.get_absolute_url())
    job.refresh_from_db()
    assert (job.status, job.result, bytes(job.content)) == (JobStatus.DONE, {"imported": 2}, b"")

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(job.get_absolute_url())

    assert response.status_code == 200
    assert "Upload het bestand opnieuw." in response.content.decode()
    assert _participants(network) == {"anna@school.nl", "bram@school.nl"}


def test_a_task_delivered_twice_imports_once(network, uploader, django_capture_on_commit_callbacks):
    job = _job(network, uploader)
    imports.check_member_import(job)
    with django_capture_on_commit_callbacks(execute=True):
        imports.confirm_member_import(job, by=uploader)
    job.refresh_from_db()

    imports.run_member_import(job)  # delivered again

    job.refresh_from_db()
    assert job.status == JobStatus.DONE
    assert job.errors == []
    assert _participants(network) == {"anna@school.nl", "bram@school.nl"}


# --- the file and what it showed do not outlive the work ---------------------------------


def test_jobs_older_than_a_week_are_deleted_with_their_file(network, uploader):
    old = _job(network, uploader, status=JobStatus.CHECKED, result={"rows": [{"email": "x"}]})
    recent = _job(network, uploader)
    now = timezone.now()
    MemberImport.objects.filter(pk=old.pk).update(created_at=now - datetime.timedelta(days=8))
    MemberImport.objects.filter(pk=recent.pk).update(created_at=now - datetime.timedelta(days=6))

    assert task_delete_old_member_imports() == 1

    assert list(MemberImport.objects.values_list("pk", flat=True)) == [recent.pk]
