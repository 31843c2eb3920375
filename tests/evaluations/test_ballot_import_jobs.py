"""The ballot upload as a background job: the uploader's job page (progress, then the count
or the errors), who may see it, all ballots or none, and the weekly clean-up."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from evaluations import services
from evaluations.models import Ballot, BallotImport
from leernetwerk.models import JobStatus
from participants.tasks import task_delete_old_member_imports
from tests.factories import NetworkFactory, make_facilitator, make_member, make_staff

pytestmark = pytest.mark.django_db

HEADER = "respondent,choice_1,choice_2,choice_3\n"


@pytest.fixture
def survey():
    return services.create_survey(by=None, name="Top 3", forms=["A", "B"])


@pytest.fixture
def uploader():
    return make_staff(email="uploader@vo-academie.example.nl")


def _job(survey, uploader, **fields) -> BallotImport:
    return BallotImport.objects.create(
        survey=survey,
        uploaded_by=uploader,
        file_name="stemmen.csv",
        extension="csv",
        content=(HEADER + "r1,A,B,\n").encode(),
        **fields,
    )


def _job_url(job) -> str:
    return reverse("evaluations:ballot-import-job", args=[job.survey.slug, job.pk])


def test_the_uploader_sees_the_progress_while_the_import_waits(client, survey, uploader):
    job = _job(survey, uploader, status=JobStatus.RUNNING, rows_done=40, rows_total=120)
    client.force_login(uploader)
    response = client.get(_job_url(job))
    content = response.content.decode()
    assert response.status_code == 200
    assert "De stembiljetten worden ingelezen" in content
    assert "40 van 120 rijen" in content
    assert 'hx-trigger="every 2s"' in content
    assert Ballot.objects.count() == 0


def test_the_page_asks_for_a_full_reload_once_the_import_is_over(client, survey, uploader):
    job = _job(survey, uploader, status=JobStatus.DONE, result={"imported": 1})
    client.force_login(uploader)
    response = client.get(_job_url(job), headers={"HX-Request": "true"})
    assert response["HX-Refresh"] == "true"
    assert "1 stembiljetten ingelezen in Top 3." in response.content.decode()


def test_the_page_keeps_asking_while_the_import_runs(client, survey, uploader):
    job = _job(survey, uploader, status=JobStatus.QUEUED)
    client.force_login(uploader)
    response = client.get(_job_url(job), headers={"HX-Request": "true"})
    assert "HX-Refresh" not in response


@pytest.mark.parametrize(
    "who",
    ["other staff", "facilitator", "participant", "former staff"],
)
def test_only_the_uploader_while_she_runs_surveys_sees_the_job(client, survey, uploader, who):
    job = _job(survey, uploader, status=JobStatus.DONE, result={"imported": 1})
    network = NetworkFactory()
    if who == "other staff":
        person = make_staff()
    elif who == "facilitator":
        person = make_facilitator(network)
    elif who == "participant":
        person = make_member(network)
    else:
        person = uploader
        person.groups.clear()
    client.force_login(person)
    assert client.get(_job_url(job)).status_code == 404


def test_a_visitor_who_is_not_signed_in_is_sent_to_the_login(client, survey, uploader):
    job = _job(survey, uploader)
    response = client.get(_job_url(job))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))


def test_the_job_of_another_survey_is_not_found_under_this_one(client, survey, uploader):
    job = _job(survey, uploader)
    other = services.create_survey(by=None, name="Andere top 3", forms=["A"])
    client.force_login(uploader)
    url = reverse("evaluations:ballot-import-job", args=[other.slug, job.pk])
    assert client.get(url).status_code == 404


def test_one_failing_row_after_many_good_ones_imports_nothing(
    client, survey, uploader, django_capture_on_commit_callbacks
):
    """On PostgreSQL: 300 good ballots, then one with an unknown form, stores no ballot."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    body = HEADER + "".join(f"r{n},A,B,\n" for n in range(300)) + "laatste,Onbekend,,\n"
    client.force_login(uploader)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("evaluations:ballot-import", args=[survey.slug]),
            {"file": SimpleUploadedFile("stemmen.csv", body.encode())},
        )
    job = BallotImport.objects.get()
    assert response["Location"] == _job_url(job)
    assert job.status == JobStatus.FAILED
    assert job.errors == [
        "Het bestand is geweigerd; er is niets opgeslagen.",
        "regel 302: Onbekende leervorm: Onbekend.",
    ]
    assert job.content == b""  # the file is not kept once the import is over
    assert Ballot.objects.count() == 0
    page = client.get(_job_url(job)).content.decode()
    assert "regel 302: Onbekende leervorm: Onbekend." in page
    assert "Een verbeterd bestand uploaden" in page


def test_the_import_run_twice_stores_the_ballots_once(survey, uploader):
    job = _job(survey, uploader)
    services.run_ballot_import(job)
    services.run_ballot_import(BallotImport.objects.get(pk=job.pk))
    assert Ballot.objects.filter(survey=survey).count() == 1
    assert BallotImport.objects.get(pk=job.pk).result == {"imported": 1}


def test_ballot_jobs_are_deleted_after_a_week_by_the_daily_task(survey, uploader):
    old = _job(survey, uploader, status=JobStatus.DONE)
    recent = _job(survey, uploader, status=JobStatus.DONE)
    BallotImport.objects.filter(pk=old.pk).update(
        created_at=timezone.now() - datetime.timedelta(days=8)
    )
    assert task_delete_old_member_imports() == 1
    assert list(BallotImport.objects.values_list("pk", flat=True)) == [recent.pk]
