"""Warned before submitting, still free to submit: saving and submitting with unmet
criteria asks for confirmation naming them; only a confirmed submit submits."""

import re

import pytest
from django.urls import reverse

from networks.enums import NetworkStatus
from networks.models import Application
from tests.factories.networks import make_applicant, make_application
from tests.networks.application_helpers import form_data

pytestmark = pytest.mark.django_db


def test_save_and_submit_with_unmet_criteria_asks_confirmation_naming_them(client):
    client.force_login(make_applicant())
    response = client.post(
        reverse("networks:application-create"),
        form_data(
            action="submit",
            meetings_per_year="2",
            participant_emails="\n".join(f"d{n}@example.nl" for n in range(4)),
        ),
        follow=True,
    )
    application = Application.objects.get()
    assert application.network.status == NetworkStatus.DRAFT
    assert response.redirect_chain[-1][0] == reverse(
        "networks:application-submit", args=[application.pk]
    )
    content = response.content.decode()
    warnings = content.split('id="submission-warnings"', 1)[1].split("</ul>", 1)[0]
    assert re.findall(r'data-code="(\w+)"', warnings) == [
        "min_three_meetings_per_year",
        "min_six_fixed_participants",
    ]
    assert "2 bijeenkomsten gepland per 12 maanden; minimaal 3 nodig." in warnings
    assert "4 vaste deelnemers; minimaal 6 nodig." in warnings
    assert "2 criteria zijn niet voldaan:" in content
    assert "Toch indienen" in content


def test_submit_without_confirmation_of_unmet_criteria_does_not_submit(client):
    application = make_application(participants=4)
    client.force_login(application.applicant)
    url = reverse("networks:application-submit", args=[application.pk])
    response = client.post(url)
    assert response.url == url
    application.network.refresh_from_db()
    assert application.network.status == NetworkStatus.DRAFT


def test_submit_confirmed_with_unmet_criteria_submits(client, django_capture_on_commit_callbacks):
    application = make_application(participants=4)
    client.force_login(application.applicant)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("networks:application-submit", args=[application.pk]),
            {"confirmed": "1"},
            follow=True,
        )
    assert "Uw aanvraag is ingediend." in response.content.decode()
    application.network.refresh_from_db()
    assert application.network.status == NetworkStatus.SUBMITTED
