"""Money fields: a Dutch decimal comma (or a dot) is an amount, and an amount is shown with a
comma, in a text input with the phone's decimal keyboard, on every page that asks for one."""

import re
from decimal import Decimal

import pytest
from django.urls import reverse

from networks.models import Application, Decision
from participants.models import User
from tests.factories import make_staff
from tests.factories.networks import make_applicant, make_application
from tests.networks.application_helpers import form_data
from tests.networks.review_helpers import IN_FAVOUR, _form_data, _review_url

pytestmark = pytest.mark.django_db


def _input(content: str, name: str) -> str:
    """The <input> tag of the field `name` as the page renders it."""
    match = re.search(rf'<input[^>]*name="{re.escape(name)}"[^>]*>', content)
    assert match, name
    return match.group(0)


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("750,50", Decimal("750.50")),
        ("750.50", Decimal("750.50")),
        ("1.250,5", Decimal("1250.50")),
        ("€ 750", Decimal("750.00")),
    ],
)
def test_an_amount_typed_with_a_comma_or_a_dot_is_saved_as_that_amount(client, typed, stored):
    client.force_login(make_applicant())
    client.post(reverse("networks:application-create"), form_data(requested_organisation=typed))
    assert Application.objects.get().requested_organisation == stored


def test_a_saved_amount_is_shown_with_a_decimal_comma_in_a_text_input(client):
    client.force_login(make_applicant())
    client.post(reverse("networks:application-create"), form_data(requested_organisation="750,50"))
    application = Application.objects.get()
    content = client.get(
        reverse("networks:application-update", args=[application.pk])
    ).content.decode()
    tag = _input(content, "requested_organisation")
    assert 'value="750,50"' in tag
    assert 'type="text"' in tag
    assert 'inputmode="decimal"' in tag


def test_after_an_error_elsewhere_the_amount_is_shown_again_as_typed(client):
    client.force_login(make_applicant())
    response = client.post(
        reverse("networks:application-create"),
        form_data(requested_organisation="750,50", facilitator_email="geen-adres"),
    )
    assert list(response.context["form"].errors) == ["facilitator_email"]
    assert 'value="750,50"' in _input(response.content.decode(), "requested_organisation")
    assert Application.objects.count() == 0


@pytest.mark.parametrize("typed", ["zeven", "750,505", "1.000.00", "7,5,0"])
def test_text_that_is_not_an_amount_gets_a_dutch_message_at_the_field(client, typed):
    client.force_login(make_applicant())
    response = client.post(
        reverse("networks:application-create"), form_data(requested_organisation=typed)
    )
    assert response.context["form"].errors["requested_organisation"] == [
        "Vul een bedrag in euro's in, bijvoorbeeld 750 of 750,50."
    ]
    assert Application.objects.count() == 0


def test_staff_grant_amounts_take_a_decimal_comma(client):
    application = make_application(submitted=True)
    client.force_login(make_staff())
    judgements = {}
    for code, (verdict, motivation) in IN_FAVOUR.items():
        judgements[f"{code}-verdict"] = verdict
        judgements[f"{code}-motivation"] = motivation
    page = client.get(_review_url(application)).content.decode()
    tag = _input(page, "decision-granted_organisation")
    assert 'type="text"' in tag
    assert 'inputmode="decimal"' in tag
    client.post(
        _review_url(application),
        _form_data(
            "decide",
            **judgements,
            **{
                "decision-kind": "grant",
                "decision-motivation": "Mooi initiatief.",
                "decision-granted_facilitation": "4.000,00",
                "decision-granted_speakers": "999,99",
                "decision-granted_organisation": "250.5",
            },
        ),
    )
    decision = Decision.objects.get()
    assert (
        decision.granted_facilitation,
        decision.granted_speakers,
        decision.granted_organisation,
    ) == (Decimal("4000.00"), Decimal("999.99"), Decimal("250.50"))


def test_the_management_site_takes_and_shows_amounts_with_a_decimal_comma(client):
    application = make_application(requested_organisation=Decimal("750.50"))
    client.force_login(User.objects.create_superuser("beheer@vo-academie.nl", "x-lang-wachtwoord"))
    content = client.get(f"/beheer/networks/application/{application.pk}/change/").content.decode()
    tag = _input(content, "requested_organisation")
    assert 'value="750,50"' in tag
    assert 'type="text"' in tag
    assert 'inputmode="decimal"' in tag
