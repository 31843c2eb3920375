"""The bugs the form fuzzing (test_form_fuzz.py) found, pinned: an address or a learning
form line longer than can be stored is a form error, not a server error."""

from __future__ import annotations

import pytest

from tests.security.world import build_world

TOO_LONG_EMAIL = "x" * 300 + "@school.example.nl"


@pytest.mark.django_db
def test_login_with_an_address_longer_than_any_account_is_a_form_error(client):
    response = client.post("/account/inloggen/", {"login": TOO_LONG_EMAIL, "password": "x"})
    assert response.status_code == 200
    assert "niet meer dan 254 tekens" in response.content.decode()


@pytest.mark.django_db
def test_inviting_an_address_longer_than_can_be_stored_is_a_form_error(client):
    from participants.models import Invitation

    world = build_world()
    client.force_login(world.user("facilitator"))
    before = Invitation.objects.count()
    response = client.post("/deelnemers/netwerk/netwerk-a/uitnodigen/", {"email": TOO_LONG_EMAIL})
    assert response.status_code == 200
    assert "niet meer dan 254 tekens" in response.content.decode()
    assert Invitation.objects.count() == before


@pytest.mark.django_db
def test_a_learning_form_line_longer_than_a_name_is_a_form_error(client):
    from evaluations.models import RankingSurvey

    world = build_world()
    client.force_login(world.user("staff"))
    before = RankingSurvey.objects.count()
    response = client.post(
        "/evaluaties/leertop3/nieuw/",
        {"name": "Leer-top 3 lang", "forms_list": "Intervisie\n" + "a" * 201},
    )
    assert response.status_code == 200
    assert "niet meer dan 200 tekens" in response.content.decode()
    assert RankingSurvey.objects.count() == before
