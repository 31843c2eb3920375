"""Submitting with criteria not met: the warning names what is not met and, separately, what
is not known yet, and points to the field where she explains why her network still fits;
staff read that explanation on the review page."""

import re

import pytest
from django.urls import reverse

from networks.models import Application
from tests.factories import make_staff
from tests.factories.networks import make_applicant
from tests.networks.application_helpers import form_data
from tests.networks.review_helpers import _review_url

pytestmark = pytest.mark.django_db

EXPLANATION = "Wij komen twee keer per jaar 24 uur samen; dat weegt op tegen drie avonden."


def _list(content: str, list_id: str) -> list[str]:
    part = content.split(f'id="{list_id}"', 1)[1].split("</ul>", 1)[0]
    return re.findall(r'data-code="(\w+)"', part)


def test_warning_names_unmet_and_unknown_criteria_separately_and_points_to_the_field(client):
    client.force_login(make_applicant())
    response = client.post(
        reverse("networks:application-create"),
        form_data(action="submit", meetings_per_year="2"),
        follow=True,
    )
    application = Application.objects.get()
    content = response.content.decode()
    assert _list(content, "criteria-not-met") == ["min_three_meetings_per_year"]
    assert "1 criterium is niet voldaan:" in content
    # What only the academy can judge is not known yet, and said so.
    assert _list(content, "criteria-unknown") == ["field_initiative", "professionalisation_focus"]
    assert "Nog niet bekend:" in content
    edit = reverse("networks:application-update", args=[application.pk])
    assert (
        f'Leg in het veld <a class="alert-link" href="{edit}#id_unmet_explanation">Toelichting bij niet voldane '
        "criteria</a> van uw aanvraag uit waarom uw netwerk toch past."
    ) in content
    # The field is there, optional, where the link points.
    form_page = client.get(edit).content.decode()
    assert re.search(
        r'<textarea[^>]*name="unmet_explanation"[^>]*id="id_unmet_explanation"', form_page
    )
    assert "Toelichting bij niet voldane criteria" in form_page


def test_staff_read_the_explanation_on_the_review_page(client):
    client.force_login(make_applicant())
    client.post(
        reverse("networks:application-create"),
        form_data(meetings_per_year="2", unmet_explanation=EXPLANATION),
    )
    application = Application.objects.get()
    assert application.unmet_explanation == EXPLANATION
    client.post(reverse("networks:application-submit", args=[application.pk]), {"confirmed": "1"})
    client.force_login(make_staff())
    content = client.get(_review_url(application)).content.decode()
    facts = content.split('id="facts-unmet-explanation">', 1)[1].split("</dd>", 1)[0]
    assert facts == EXPLANATION
    assert "Toelichting bij niet voldane criteria" in content


def test_the_explanation_is_optional(client):
    client.force_login(make_applicant())
    response = client.post(
        reverse("networks:application-create"), form_data(action="submit"), follow=True
    )
    assert "Uw aanvraag is ingediend." in response.content.decode()
