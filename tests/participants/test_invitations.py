import datetime

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from networks.enums import Access, Role
from networks.models import Membership
from participants import services
from participants.models import Invitation, User
from tests.factories import NetworkFactory, make_facilitator, make_member
from tests.factories.participants import InvitationFactory

pytestmark = pytest.mark.django_db

PASSWORD = "een-Sterk-wachtwoord-42"


def _accept_data(**overrides):
    return {
        "first_name": "Anna",
        "last_name": "de Vries",
        "password1": PASSWORD,
        "password2": PASSWORD,
        **overrides,
    }


def test_invite_sends_mail_with_link(client, django_capture_on_commit_callbacks):
    network = NetworkFactory()
    facilitator = make_facilitator(network)
    client.force_login(facilitator)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("participants:invite", args=[network.slug]),
            {"email": "Nieuw@School.nl"},
            follow=True,
        )

    invitation = Invitation.objects.get()
    assert invitation.email == "nieuw@school.nl"
    assert "Er is een uitnodiging verstuurd naar nieuw@school.nl" in response.content.decode()
    assert len(mail.outbox) == 1
    assert services.invitation_token(invitation) in mail.outbox[0].body


def test_invite_existing_member_error_at_field(client):
    network = NetworkFactory()
    facilitator = make_facilitator(network)
    member = make_member(network)
    client.force_login(facilitator)

    response = client.post(
        reverse("participants:invite", args=[network.slug]), {"email": member.email.upper()}
    )

    assert response.context["form"].errors["email"] == ["Dit adres is al lid van dit netwerk."]
    assert Invitation.objects.count() == 0


def test_invite_closed_started_network_refused(client):
    network = NetworkFactory(access=Access.CLOSED, name="Vrouwelijk Leiderschap 1")
    facilitator = make_facilitator(network)
    client.force_login(facilitator)

    response = client.post(
        reverse("participants:invite", args=[network.slug]), {"email": "nieuw@school.nl"}
    )

    error = response.context["form"].errors["email"][0]
    assert "Vrouwelijk Leiderschap 1 is een gesloten netwerk" in error
    assert Invitation.objects.count() == 0


def test_invite_closed_network_before_start_accepted():
    network = NetworkFactory(
        access=Access.CLOSED, start_date=timezone.localdate() + datetime.timedelta(days=30)
    )
    facilitator = make_facilitator(network)

    invitation = services.invite_member(network, email="a@b.nl", by=facilitator)

    assert invitation.network == network


@pytest.mark.parametrize("role", [None, Role.PARTICIPANT])
def test_invite_page_404_for_non_organisers(client, role):
    network = NetworkFactory()
    user = make_member(network, role) if role else make_member(NetworkFactory())
    client.force_login(user)

    response = client.get(reverse("participants:invite", args=[network.slug]))

    assert response.status_code == 404


def test_invite_page_anonymous_redirects_to_login(client):
    network = NetworkFactory()

    response = client.get(reverse("participants:invite", args=[network.slug]))

    assert response.status_code == 302
    assert response.url.startswith(reverse("account_login"))


def test_accept_creates_account_and_membership(client):
    invitation = InvitationFactory(email="anna@school.nl")
    url = reverse("participants:invitation-accept", args=[services.invitation_token(invitation)])

    response = client.post(url, _accept_data(), follow=True)

    user = User.objects.get(email="anna@school.nl")
    assert user.full_name == "Anna de Vries"
    assert user.check_password(PASSWORD)
    assert Membership.objects.filter(
        person=user, network=invitation.network, role=Role.PARTICIPANT
    ).exists()
    assert response.context["user"] == user
    assert "Uw account is aangemaakt" in response.content.decode()


def test_accept_twice_is_refused(client):
    invitation = InvitationFactory()
    url = reverse("participants:invitation-accept", args=[services.invitation_token(invitation)])
    client.post(url, _accept_data())
    client.logout()

    response = client.post(url, _accept_data(first_name="Kaper"))

    assert response.status_code == 410
    assert "Deze uitnodiging is al gebruikt" in response.content.decode()
    assert User.objects.filter(first_name="Kaper").count() == 0


def test_accept_expired_is_refused(client):
    invitation = InvitationFactory(expires_at=timezone.now() - datetime.timedelta(minutes=1))
    url = reverse("participants:invitation-accept", args=[services.invitation_token(invitation)])

    response = client.get(url)

    assert response.status_code == 410
    assert "Deze uitnodiging is verlopen" in response.content.decode()


def test_accept_tampered_token_is_refused(client):
    invitation = InvitationFactory()
    token = services.invitation_token(invitation)

    response = client.get(reverse("participants:invitation-accept", args=[token[:-2] + "xx"]))

    assert response.status_code == 410
    assert "Deze uitnodigingslink is niet geldig" in response.content.decode()


def test_accept_password_mismatch_error_at_field_nothing_saved(client):
    invitation = InvitationFactory()
    url = reverse("participants:invitation-accept", args=[services.invitation_token(invitation)])

    response = client.post(url, _accept_data(password2="iets-anders-99"))

    assert response.context["form"].errors["password2"] == ["De twee wachtwoorden verschillen."]
    assert User.objects.filter(email=invitation.email).count() == 0
    assert Invitation.objects.get().accepted_at is None


def test_accept_empty_name_error_at_field(client):
    invitation = InvitationFactory()
    url = reverse("participants:invitation-accept", args=[services.invitation_token(invitation)])

    response = client.post(url, _accept_data(first_name=""))

    assert response.context["form"].errors["first_name"] == ["Dit veld is vereist."]
    assert User.objects.filter(email=invitation.email).count() == 0


def test_accept_closed_network_started_meanwhile_refused(client):
    invitation = InvitationFactory(network=NetworkFactory(access=Access.CLOSED))
    url = reverse("participants:invitation-accept", args=[services.invitation_token(invitation)])

    response = client.post(url, _accept_data())

    assert response.status_code == 410
    assert "gesloten netwerk" in response.content.decode()
    assert User.objects.filter(email=invitation.email).count() == 0


def test_accept_existing_account_joins_when_signed_in(client):
    person = make_member(NetworkFactory())
    invitation = InvitationFactory(email=person.email)
    url = reverse("participants:invitation-accept", args=[services.invitation_token(invitation)])
    client.force_login(person)

    client.post(url)

    assert Membership.objects.filter(person=person, network=invitation.network).exists()


def test_accept_existing_account_anonymous_asked_to_log_in(client):
    person = make_member(NetworkFactory())
    invitation = InvitationFactory(email=person.email)
    url = reverse("participants:invitation-accept", args=[services.invitation_token(invitation)])

    response = client.post(url)

    assert "Log eerst in" in response.content.decode()
    assert not Membership.objects.filter(person=person, network=invitation.network).exists()


def test_invite_page_lists_open_invitations_only(client):
    network = NetworkFactory()
    InvitationFactory(network=network, email="open@school.nl")
    InvitationFactory(network=network, email="gebruikt@school.nl", accepted_at=timezone.now())
    InvitationFactory(
        network=network,
        email="oud@school.nl",
        expires_at=timezone.now() - datetime.timedelta(days=1),
    )
    client.force_login(make_facilitator(network))

    body = client.get(reverse("participants:invite", args=[network.slug])).content.decode()

    assert "open@school.nl" in body
    assert "gebruikt@school.nl" not in body and "oud@school.nl" not in body


def test_facilitator_invitation_makes_a_facilitator_even_of_a_closed_started_network():
    import datetime

    from django.utils import timezone

    from networks.enums import Access, Role
    from networks.models import Membership
    from participants.services import accept_invitation, invite_member
    from tests.factories import NetworkFactory, make_staff

    network = NetworkFactory(
        access=Access.CLOSED, start_date=timezone.localdate() - datetime.timedelta(days=30)
    )
    invitation = invite_member(
        network, email="nieuwe.facilitator@example.nl", by=make_staff(), role=Role.FACILITATOR
    )
    user = accept_invitation(
        invitation, first_name="Nina", last_name="Faas", password="een-lang-wachtwoord-9"
    )
    assert list(Membership.objects.filter(person=user).values_list("network_id", "role")) == [
        (network.pk, Role.FACILITATOR)
    ]
