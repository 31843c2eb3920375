"""Who opens which application page: the role matrix of the detail, update, submit,
list, create and live-check pages, and visible_to agreeing with the view permission."""

import pytest
from django.urls import reverse

from networks.enums import NetworkStatus
from networks.models import Application, Network
from tests.factories import make_facilitator, make_member, make_staff
from tests.factories.networks import make_applicant, make_application
from tests.networks.application_helpers import _co_initiator_of, form_data

pytestmark = pytest.mark.django_db


def _people(application):
    network = application.network
    other_penvoerder = make_application(make_applicant()).applicant
    participant = make_member(network)
    facilitator = make_facilitator(network)
    return {
        "participant": participant,
        "penvoerder_own": application.applicant,
        "penvoerder_other": other_penvoerder,
        "facilitator": facilitator,
        "staff": make_staff(),
        "co_initiator": _co_initiator_of(application),
    }


@pytest.mark.parametrize(
    ("url_name", "expected"),
    [
        (
            "networks:application-detail",
            {
                "participant": 404,
                "penvoerder_own": 200,
                "penvoerder_other": 404,
                "facilitator": 404,
                "staff": 200,
                "co_initiator": 200,
            },
        ),
        (
            "networks:application-update",
            {
                "participant": 404,
                "penvoerder_own": 200,
                "penvoerder_other": 404,
                "facilitator": 404,
                "staff": 404,
                "co_initiator": 200,
            },
        ),
    ],
)
def test_application_pages_role_matrix(client, url_name, expected):
    application = make_application()
    people = _people(application)
    url = reverse(url_name, args=[application.pk])
    response = client.get(url)
    assert response.status_code == 302
    assert response.url.startswith(reverse("account_login"))
    for role, status in expected.items():
        client.force_login(people[role])
        assert client.get(url).status_code == status, role


def test_submit_role_matrix(client):
    application = make_application()
    people = _people(application)
    url = reverse("networks:application-submit", args=[application.pk])
    assert client.post(url).status_code == 302
    for role in ("participant", "penvoerder_other", "facilitator", "staff"):
        client.force_login(people[role])
        assert client.post(url).status_code == 404, role
    application.network.refresh_from_db()
    assert application.network.status == NetworkStatus.DRAFT
    client.force_login(people["co_initiator"])
    client.post(url)
    application.network.refresh_from_db()
    assert application.network.status == NetworkStatus.SUBMITTED


@pytest.mark.parametrize("url_name", ["networks:application-list", "networks:application-create"])
def test_application_list_and_create_role_matrix(client, url_name):
    response = client.get(reverse(url_name))
    assert response.status_code == 302
    assert response.url.startswith(reverse("account_login"))
    people = _people(make_application())
    for role, person in people.items():
        client.force_login(person)
        response = client.get(reverse(url_name))
        assert response.status_code == 200, role
        assert response.context["user"] == person


def test_check_endpoint_role_matrix(client):
    url = reverse("networks:application-check")
    response = client.post(url, form_data())
    assert response.status_code == 302
    assert response.url.startswith(reverse("account_login"))
    people = _people(make_application())
    for role, person in people.items():
        client.force_login(person)
        response = client.post(url, form_data())
        assert 'data-status="met"' in response.content.decode(), role
    assert Network.objects.count() == 2  # the live check saved nothing


def test_application_list_shows_only_own(client):
    own = make_application(make_applicant())
    other = make_application(make_applicant(), network_overrides={"name": "Ander Netwerk"})
    client.force_login(own.applicant)
    content = client.get(reverse("networks:application-list")).content.decode()
    assert own.network.name in content
    assert other.network.name not in content


def test_visible_to_agrees_with_view_permission():
    application = make_application()
    people = _people(application)
    for person in people.values():
        in_queryset = Application.objects.visible_to(person).filter(pk=application.pk).exists()
        assert in_queryset == person.has_perm("networks.view_application", application)
