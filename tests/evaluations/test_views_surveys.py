"""Leer-top 3 pages: a survey created, ballots entered one by one and the ranking, a
ballot file uploaded (all stored, or nothing with the errors per line)."""

import pytest
from django.urls import reverse

from evaluations.models import Ballot, RankingSurvey
from tests.factories import make_staff

pytestmark = pytest.mark.django_db


def test_ballot_entry_and_ranking_page(client, world):
    survey = world["survey"]
    client.force_login(world["staff"])
    a = survey.forms.get(name="A")
    b = survey.forms.get(name="B")
    url = reverse("evaluations:ballot-create", args=[survey.slug])
    client.post(url, {"respondent": "1", "choice_1": b.pk, "choice_2": a.pk})
    client.post(url, {"respondent": "2", "choice_1": a.pk})
    response = client.post(url, {"respondent": "3", "choice_1": a.pk, "choice_2": a.pk})
    assert "Deze leervorm staat al op het stembiljet." in response.content.decode()
    response = client.post(url, {"respondent": "1", "choice_1": a.pk})
    assert "Deze respondent heeft al een stembiljet." in response.content.decode()
    assert Ballot.objects.count() == 2
    page = client.get(reverse("evaluations:survey-detail", args=[survey.slug])).content.decode()
    assert page.index(">A<") < page.index(">B<")  # A: 3+2=5, B: 3 points


def test_survey_create_form(client):
    client.force_login(make_staff())
    response = client.post(
        reverse("evaluations:survey-create"),
        {"name": "Leer-top 3 2026", "forms_list": "Intervisie\nCoaching"},
        follow=True,
    )
    assert "De enquête is aangemaakt." in response.content.decode()
    assert list(RankingSurvey.objects.get().forms.values_list("name", flat=True)) == [
        "Coaching",
        "Intervisie",
    ]


def _upload(text):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile("stembiljetten.csv", text.encode(), content_type="text/csv")


def _post_ballots(client, survey, text, capture):
    """Upload a ballot file: the import task runs (eagerly, after the commit); the answer is
    the job page the upload leads to."""
    with capture(execute=True):
        response = client.post(
            reverse("evaluations:ballot-import", args=[survey.slug]), {"file": _upload(text)}
        )
    assert response.status_code == 302
    return client.get(response["Location"])


def test_ballot_file_upload_imports_all(client, world, django_capture_on_commit_callbacks):
    survey = world["survey"]
    client.force_login(world["staff"])
    response = _post_ballots(
        client,
        survey,
        "respondent,choice_1,choice_2,choice_3\nr1,A,B,\nr2,B,,\n",
        django_capture_on_commit_callbacks,
    )
    assert "2 stembiljetten ingelezen in Top 3." in response.content.decode()
    assert survey.ballots.count() == 2


def test_ballot_file_upload_with_errors_stores_nothing_and_lists_lines(
    client, world, django_capture_on_commit_callbacks
):
    survey = world["survey"]
    client.force_login(world["staff"])
    response = _post_ballots(
        client,
        survey,
        "respondent,choice_1,choice_2,choice_3\nr1,A,B,\nr2,B,B,\nr1,Z,,\n",
        django_capture_on_commit_callbacks,
    )
    content = response.content.decode()
    assert "Het bestand is geweigerd; er is niets opgeslagen." in content
    assert "regel 3: De leervorm B staat meer dan eens op dit stembiljet." in content
    assert "regel 4: Respondent r1 staat al op regel 2." in content
    assert "regel 4: Onbekende leervorm: Z." in content
    assert survey.ballots.count() == 0
