"""Messages a person sees are Dutch and at the field (issue 10, bad input 3)."""

import pytest
from django.urls import reverse

from participants import services
from participants.models import BCScan, User
from tests.factories import UserFactory
from tests.factories.participants import InvitationFactory, full_answers

pytestmark = pytest.mark.django_db


def test_accepting_an_invitation_with_a_short_password_says_so_in_dutch(client):
    invitation = InvitationFactory()
    url = reverse("participants:invitation-accept", args=[services.invitation_token(invitation)])
    response = client.post(
        url,
        {"first_name": "Anna", "last_name": "de Vries", "password1": "kX7#q", "password2": "kX7#q"},
    )
    assert response.status_code == 200
    assert response.context["form"].errors["password1"] == [
        "Dit wachtwoord is te kort. Het moet minstens 8 tekens bevatten."
    ]
    assert User.objects.filter(email=invitation.email).count() == 0


def test_bc_scan_with_an_unknown_reader_choice_has_a_message_at_the_field(client):
    client.force_login(UserFactory())
    data = {**{key: str(value) for key, value in full_answers(3).items()}, "visibility": "everyone"}
    response = client.post(reverse("participants:scan-create"), data)
    assert response.status_code == 200
    message = "Kies wie de uitslag mag lezen: een van de getoonde mogelijkheden."
    assert response.context["form"].errors["visibility"] == [message]
    content = response.content.decode()
    assert (
        f'<div id="id_visibility_error" class="invalid-feedback d-block">{message}</div>' in content
    )
    assert BCScan.objects.count() == 0
