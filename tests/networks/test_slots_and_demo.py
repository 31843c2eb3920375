"""The networks slots on shared pages, the demo extras and the privacy contract."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from networks.demo import DRAFT_SLUG, SUBMITTED_SLUG, seed_demo_extras
from networks.enums import NetworkStatus
from networks.models import Application, InterestRegistration, Network
from networks.privacy import erase_person, export_person
from networks.services import recheck_supported_networks, register_interest
from tests.factories import NetworkFactory, UserFactory, make_member, make_penvoerder, make_staff
from tests.factories.networks import make_application

pytestmark = pytest.mark.django_db


def test_network_page_links_penvoerder_to_application(client):
    application = make_application()
    client.force_login(application.applicant)
    content = client.get(application.network.get_absolute_url()).content.decode()
    assert reverse("networks:application-detail", args=[application.pk]) in content
    assert reverse("networks:review-detail", args=[application.pk]) not in content


def test_network_page_hides_application_from_participant(client):
    application = make_application()
    participant = make_member(application.network)
    client.force_login(participant)
    content = client.get(application.network.get_absolute_url()).content.decode()
    assert reverse("networks:application-detail", args=[application.pk]) not in content


def test_network_page_shows_recheck_flag_to_staff(client):
    start = timezone.localdate() - datetime.timedelta(days=400)
    network = NetworkFactory(
        start_date=start, planned_end_date=start + datetime.timedelta(days=800)
    )
    recheck_supported_networks()
    client.force_login(make_staff())
    content = client.get(network.get_absolute_url()).content.decode()
    assert "Jaarlijkse hercontrole" in content
    assert "0 vaste deelnemers; minimaal 6 nodig." in content


def test_nav_shows_review_link_only_to_staff(client):
    client.force_login(UserFactory())
    content = client.get(reverse("networks:directory-list")).content.decode()
    assert reverse("networks:application-list") in content
    assert reverse("networks:review-queue") not in content
    client.force_login(make_staff())
    content = client.get(reverse("networks:directory-list")).content.decode()
    assert reverse("networks:review-queue") in content


def test_penvoerder_start_page_lists_open_applications(client):
    application = make_application()
    client.force_login(application.applicant)
    content = client.get(reverse("networks:my-networks")).content.decode()
    assert "Mijn aanvragen" in content
    assert application.get_absolute_url() in content


def test_seed_demo_extras_is_idempotent():
    make_penvoerder(NetworkFactory())
    seed_demo_extras()
    counts = (Network.objects.count(), Application.objects.count())
    seed_demo_extras()
    assert (Network.objects.count(), Application.objects.count()) == counts == (3, 2)
    assert Network.objects.get(slug=SUBMITTED_SLUG).status == NetworkStatus.SUBMITTED
    assert Network.objects.get(slug=DRAFT_SLUG).status == NetworkStatus.DRAFT


def test_seed_demo_extras_skips_without_penvoerder():
    seed_demo_extras()
    assert Application.objects.count() == 0


def test_privacy_export_and_erase():
    application = make_application()
    person = application.applicant
    network = NetworkFactory()
    register_interest(network, name="Zelf", email=person.email)
    exported = export_person(person)
    assert [a["network"] for a in exported["applications"]] == ["Samen Sturen"]
    assert [r["network"] for r in exported["interest_registrations"]] == [network.name]
    erase_person(person)
    application.refresh_from_db()
    assert (application.applicant_function, application.applicant_school) == ("", None)
    assert InterestRegistration.objects.count() == 0


def test_deleting_an_applicant_keeps_the_application():
    application = make_application()
    person = application.applicant
    erase_person(person)
    person.delete()
    application.refresh_from_db()
    assert application.applicant is None
    assert application.network.name == "Samen Sturen"
