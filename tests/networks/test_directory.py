"""The public directory, its detail page with interest registration, and the start page."""

import re

import pytest
from django.core import mail
from django.urls import reverse

from networks.enums import Access, NetworkStatus
from networks.models import InterestRegistration
from tests.factories import (
    NetworkFactory,
    UserFactory,
    make_facilitator,
    make_member,
    make_penvoerder,
    make_staff,
)

pytestmark = pytest.mark.django_db


def test_directory_lists_supported_listed_networks_with_public_facts(client):
    network = NetworkFactory(name="Verbindend Vernieuwen", theme="Vernieuwing")
    facilitator = make_facilitator(network, first_name="Fenna", last_name="Fac")
    participant = make_member(network, first_name="Piet", last_name="Privé")
    NetworkFactory(name="Concept Netwerk", status=NetworkStatus.DRAFT)
    NetworkFactory(name="Verborgen Netwerk", listed_in_directory=False)
    NetworkFactory(name="Gesloten Netwerk", access=Access.CLOSED)
    content = client.get(reverse("networks:directory-list")).content.decode()
    assert "Verbindend Vernieuwen" in content
    assert "Vernieuwing" in content
    assert "Fenna Fac" in content
    assert "Gesloten Netwerk" in content and "Gesloten" in content
    assert "Concept Netwerk" not in content
    assert "Verborgen Netwerk" not in content
    # No personal data beyond the facilitator's name.
    assert facilitator.email not in content
    assert "Privé" not in content and participant.email not in content


def test_directory_filters_on_access(client):
    NetworkFactory(name="Open Net", access=Access.OPEN)
    NetworkFactory(name="Dicht Net", access=Access.CLOSED)
    content = client.get(reverse("networks:directory-list"), {"access": "closed"}).content.decode()
    assert "Dicht Net" in content and "Open Net" not in content


def test_directory_empty_state(client):
    content = client.get(reverse("networks:directory-list")).content.decode()
    assert "Geen netwerken gevonden met deze filters." in content


def test_directory_shows_invited_facilitator_name_without_address(client):
    from tests.factories.networks import make_application

    application = make_application()
    network = application.network
    network.status = NetworkStatus.GRANTED
    network.save()
    content = client.get(reverse("networks:directory-list")).content.decode()
    assert "Fee" in content
    assert f"fac@{application.applicant.pk}.example.nl" not in content


def test_register_interest_mails_invited_facilitator(django_capture_on_commit_callbacks):
    from networks.services import register_interest
    from tests.factories.networks import make_application

    application = make_application()
    network = application.network
    network.status = NetworkStatus.GRANTED
    network.save()
    with django_capture_on_commit_callbacks(execute=True):
        register_interest(network, name="Ina", email="ina@school.nl")
    assert mail.outbox[0].to == [f"fac@{application.applicant.pk}.example.nl"]


@pytest.mark.parametrize("count", [1, 50])
def test_directory_query_count_is_constant(client, django_assert_num_queries, count):
    from tests.factories.networks import make_application

    for n in range(count):
        make_facilitator(NetworkFactory())
        network = make_application(
            participants=0, network_overrides={"name": f"Aanvraag {n}"}
        ).network
        network.status = NetworkStatus.GRANTED
        network.save()
    with django_assert_num_queries(7):
        response = client.get(reverse("networks:directory-list"))
    assert len(response.context["object_list"]) == (20 if count == 50 else 2)


def test_directory_detail_shows_network_and_interest_form(client):
    network = NetworkFactory(name="Moreel Beraad")
    make_facilitator(network, first_name="Fenna", last_name="Fac")
    content = client.get(reverse("networks:directory-detail", args=[network.slug])).content.decode()
    assert "<h1>Moreel Beraad</h1>" in content
    assert "Fenna Fac" in content
    assert "Belangstelling aanmelden" in content


def test_directory_detail_closed_network_has_no_form(client):
    network = NetworkFactory(access=Access.CLOSED)
    content = client.get(reverse("networks:directory-detail", args=[network.slug])).content.decode()
    assert "Dit netwerk is gesloten" in content
    assert "Belangstelling aanmelden" not in content


def test_register_interest_notifies_facilitator(client, django_capture_on_commit_callbacks):
    network = NetworkFactory(name="Moreel Beraad")
    facilitator = make_facilitator(network)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("networks:directory-detail", args=[network.slug]),
            {"name": "Ina Interesse", "email": "ina@school.nl", "message": "Graag!"},
            follow=True,
        )
    assert "De facilitator van Moreel Beraad neemt contact met u op." in response.content.decode()
    assert InterestRegistration.objects.get().email == "ina@school.nl"
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == [facilitator.email]
    assert "Ina Interesse" in mail.outbox[0].body


def test_register_interest_bad_email_shows_message_and_saves_nothing(client):
    network = NetworkFactory()
    make_facilitator(network)
    response = client.post(
        reverse("networks:directory-detail", args=[network.slug]),
        {"name": "Ina", "email": "geen adres"},
    )
    assert response.status_code == 200
    assert response.context["form"].errors["email"] == [
        "Vul een e-mailadres in, zoals naam@school.nl."
    ]
    assert "Vul een e-mailadres in, zoals naam@school.nl." in response.content.decode()
    assert InterestRegistration.objects.count() == 0


def test_register_interest_closed_network_is_refused(client):
    network = NetworkFactory(access=Access.CLOSED)
    response = client.post(
        reverse("networks:directory-detail", args=[network.slug]),
        {"name": "Ina", "email": "ina@school.nl"},
        follow=True,
    )
    assert "Dit netwerk neemt geen nieuwe deelnemers aan." in response.content.decode()
    assert InterestRegistration.objects.count() == 0


def test_start_page_leads_to_application(client):
    content = client.get(reverse("networks:start-network")).content.decode()
    assert "<h1>Start een leernetwerk</h1>" in content
    assert "Log in om aan te vragen" in content
    client.force_login(UserFactory())
    content = client.get(reverse("networks:start-network")).content.decode()
    assert reverse("networks:application-create") in content


def test_start_page_lists_every_criterion_the_application_is_checked_against(client):
    """A visitor reads the same eleven requirements the check applies, with its thresholds."""
    content = client.get(reverse("networks:start-network")).content.decode()
    listed = content.split('<ul id="requirements">', 1)[1].split("</ul>", 1)[0]
    # The eleven criteria of docs/domain.md, in its order.
    assert re.findall(r'<li data-code="(\w+)">', listed) == [
        "field_initiative",
        "applicant_vo_leader",
        "recognisable_network",
        "professionalisation_focus",
        "monitoring_consent",
        "min_three_meetings_per_year",
        "contact_between_meetings",
        "min_six_fixed_participants",
        "academy_invited",
        "has_facilitator",
        "min_two_years",
    ]
    for sentence in (
        "Het initiatief komt van schoolleiders zelf.",
        "Minimaal 3 bijeenkomsten per jaar.",
        "Deelnemers hebben tussen de bijeenkomsten contact met elkaar.",
        "Minimaal 6 vaste deelnemers.",
        "Het netwerk wordt begeleid door een facilitator.",
        "Het netwerk is opgezet voor minimaal 2 jaar.",
    ):
        assert sentence in listed, sentence


@pytest.mark.parametrize(
    "url_name", ["networks:directory-list", "networks:directory-detail", "networks:start-network"]
)
def test_directory_pages_role_matrix(client, url_name):
    network = NetworkFactory()
    draft = NetworkFactory(status=NetworkStatus.DRAFT)
    people = {
        "anonymous": None,
        "participant": make_member(network),
        "penvoerder": make_penvoerder(network),
        "penvoerder_other": make_penvoerder(draft),
        "facilitator": make_facilitator(network),
        "staff": make_staff(),
    }
    args = [network.slug] if "detail" in url_name else []
    for role, person in people.items():
        client.logout()
        if person:
            client.force_login(person)
        assert client.get(reverse(url_name, args=args)).status_code == 200, role
        if "detail" in url_name:
            hidden = client.get(reverse(url_name, args=[draft.slug]))
            assert hidden.status_code == 404, role


def test_directory_detail_shows_only_public_outcomes(client):
    from evaluations.enums import OutcomeKind, OutcomeVisibility
    from evaluations.models import Outcome

    network = NetworkFactory()
    for visibility, text in [
        (OutcomeVisibility.PUBLIC, "Openbare-opbrengst-7781"),
        (OutcomeVisibility.ACADEMY, "Academie-opbrengst-7782"),
        (OutcomeVisibility.NETWORK, "Netwerk-opbrengst-7783"),
    ]:
        Outcome.objects.create(
            network=network, kind=OutcomeKind.INSIGHT, description=text, visibility=visibility
        )

    html = client.get(f"/leernetwerken/{network.slug}/").content.decode()

    assert "Wat dit netwerk heeft geoogst" in html
    assert "Openbare-opbrengst-7781" in html
    assert "Academie-opbrengst-7782" not in html
    assert "Netwerk-opbrengst-7783" not in html


def test_directory_access_filter_starts_on_alle_not_dashes(client):
    content = client.get(reverse("networks:directory-list")).content.decode()
    assert '<option value="" selected>Alle</option>' in content
    assert "---------" not in content
