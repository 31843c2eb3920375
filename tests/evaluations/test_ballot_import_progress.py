"""The ballot import's progress is real (issue 10, security 3): while the task checks the
rows, the uploader's job page, asked from another connection as the browser's polling does,
shows the count move every 100 rows and no ballot yet; then every ballot is written in one
transaction, and an import that fails at any point leaves no ballot of the file."""

from __future__ import annotations

import re
import threading

import pytest
from django.db import connection
from django.test import Client
from django.urls import reverse

from evaluations import services
from evaluations.models import Ballot, BallotChoice, BallotImport
from leernetwerk import uploads
from leernetwerk.models import JobStatus
from tests.factories import make_staff

pytestmark = pytest.mark.django_db(transaction=True)

HEADER = "respondent,choice_1,choice_2,choice_3\n"


@pytest.fixture
def survey():
    return services.create_survey(by=None, name="Top 3", forms=["A", "B"])


@pytest.fixture
def uploader():
    return make_staff(email="uploader@vo-academie.example.nl")


def _job(survey, uploader, body: str) -> BallotImport:
    return BallotImport.objects.create(
        survey=survey,
        uploaded_by=uploader,
        file_name="stemmen.csv",
        extension="csv",
        content=body.encode(),
    )


def _poll_from_another_connection(job, uploader) -> tuple[str, int]:
    """What the uploader's browser sees when its page asks again, on its own database
    connection (another thread): the progress line, and how many ballots exist."""
    seen: dict = {}

    def poll():
        try:
            browser = Client()
            browser.force_login(uploader)
            url = reverse("evaluations:ballot-import-job", args=[job.survey.slug, job.pk])
            page = browser.get(url, headers={"HX-Request": "true"}).content.decode()
            found = re.search(r"(\d+) van (\d+) rijen", page)
            seen["progress"] = found.group(0) if found else "no progress shown"
            seen["ballots"] = Ballot.objects.count()
        finally:
            connection.close()

    thread = threading.Thread(target=poll)
    thread.start()
    thread.join()
    return seen["progress"], seen["ballots"]


@pytest.fixture
def polled(monkeypatch, uploader):
    """Every time the task writes its progress, the uploader's page is asked again."""
    seen: list[tuple[str, int]] = []
    write = uploads.report_progress

    def report_and_poll(job, *, done, total):
        write(job, done=done, total=total)
        seen.append(_poll_from_another_connection(job, uploader))

    monkeypatch.setattr(uploads, "report_progress", report_and_poll)
    return seen


def test_the_job_page_sees_the_check_move_every_hundred_rows(survey, uploader, polled):
    body = HEADER + "".join(f"r{n},A,B,\n" for n in range(350))
    services.run_ballot_import(_job(survey, uploader, body))
    assert polled == [
        ("0 van 350 rijen", 0),
        ("100 van 350 rijen", 0),
        ("200 van 350 rijen", 0),
        ("300 van 350 rijen", 0),
        ("350 van 350 rijen", 0),
    ]
    job = BallotImport.objects.get()
    assert (job.status, job.result) == (JobStatus.DONE, {"imported": 350})
    assert Ballot.objects.filter(survey=survey).count() == 350


def test_a_file_with_a_bad_last_row_shows_progress_and_stores_nothing(survey, uploader, polled):
    body = HEADER + "".join(f"r{n},A,B,\n" for n in range(250)) + "laatste,Onbekend,,\n"
    services.run_ballot_import(_job(survey, uploader, body))
    assert [progress for progress, _ballots in polled] == [
        "0 van 251 rijen",
        "100 van 251 rijen",
        "200 van 251 rijen",
    ]
    job = BallotImport.objects.get()
    assert job.status == JobStatus.FAILED
    assert job.errors == [
        "Het bestand is geweigerd; er is niets opgeslagen.",
        "regel 252: Onbekende leervorm: Onbekend.",
    ]
    assert Ballot.objects.count() == 0
    assert BallotChoice.objects.count() == 0


def test_a_ballot_entered_in_the_browser_during_the_check_refuses_the_file(
    survey, uploader, monkeypatch
):
    """Someone records r10's ballot by hand while the file is being checked: the write
    checks again, refuses the file with the line, and only the hand-entered ballot exists."""
    write = uploads.report_progress
    form_a = survey.forms.get(name="A")

    def report_and_enter(job, *, done, total):
        write(job, done=done, total=total)
        if done == 200:
            services.record_ballot(survey, by=uploader, respondent="r10", choices=[(form_a, "")])

    monkeypatch.setattr(uploads, "report_progress", report_and_enter)
    body = HEADER + "".join(f"r{n},A,B,\n" for n in range(300))
    services.run_ballot_import(_job(survey, uploader, body))
    job = BallotImport.objects.get()
    assert job.status == JobStatus.FAILED
    assert job.errors == [
        "Het bestand is geweigerd; er is niets opgeslagen.",
        "regel 12: Respondent r10 heeft al een stembiljet in deze enquête.",
    ]
    assert list(Ballot.objects.values_list("respondent", flat=True)) == ["r10"]


def test_a_write_that_breaks_halfway_leaves_no_ballot(survey, uploader, monkeypatch):
    create = BallotChoice.objects.bulk_create
    calls = {"n": 0}

    def break_at_the_200th(objs, *args, **kwargs):
        calls["n"] += 1
        if calls["n"] == 200:
            raise RuntimeError("the database went away")
        return create(objs, *args, **kwargs)

    monkeypatch.setattr(BallotChoice.objects, "bulk_create", break_at_the_200th)
    body = HEADER + "".join(f"r{n},A,B,\n" for n in range(300))
    services.run_ballot_import(_job(survey, uploader, body))
    job = BallotImport.objects.get()
    assert (job.status, job.errors) == (
        JobStatus.FAILED,
        ["Het importeren is mislukt; er is niets geïmporteerd."],
    )
    assert Ballot.objects.count() == 0
    assert BallotChoice.objects.count() == 0
