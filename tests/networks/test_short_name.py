"""A network's short name (issue 13, Calendars): optional, at most 30 characters, asked in
the application form, kept in the management site, and changed by the organisers of an
active network from its page. Calendar titles and mail subjects that name the network use
it when it is set, else the full name."""

import re

import icalendar
import pytest
from django.urls import reverse

from mails.models import Mail
from meetings.services import calendar_feed_token_for, send_poll_opened
from networks.enums import NetworkStatus
from networks.models import Application, Network
from networks.services import register_interest, set_short_name
from tests.factories import (
    MeetingFactory,
    NetworkFactory,
    make_facilitator,
    make_member,
    make_penvoerder,
    make_staff,
)
from tests.factories.meetings import DatePollFactory
from tests.factories.networks import make_applicant
from tests.mobile.admin_pages import admin_staff
from tests.networks.application_helpers import form_data

pytestmark = pytest.mark.django_db

LONG = "Vrouwelijk Leiderschap Eén 2014"  # 31 characters
TOO_LONG = "Zorg dat deze waarde niet meer dan 30 tekens bevat (het zijn er nu 31)."


def test_the_too_long_example_is_31_characters():
    assert len(LONG) == 31


# --- the application form -------------------------------------------------------------------


def test_the_application_form_asks_for_an_optional_short_name_in_dutch(client):
    client.force_login(make_applicant())

    page = client.get(reverse("networks:application-create")).content.decode()

    assert re.search(r'<label\s+for="id_short_name"[^>]*>\s*Korte naam\s*</label>', page)
    assert "Optioneel, hoogstens 30 tekens" in page


def test_the_penvoerder_gives_a_short_name_when_applying(client):
    client.force_login(make_applicant())

    client.post(reverse("networks:application-create"), form_data(short_name="SamenSturen"))

    assert Network.objects.get().short_name == "SamenSturen"


def test_applying_without_a_short_name_is_fine(client):
    client.force_login(make_applicant())

    client.post(reverse("networks:application-create"), form_data())

    assert (Application.objects.count(), Network.objects.get().short_name) == (1, "")


def test_a_short_name_over_30_characters_is_refused_at_the_field(client):
    client.force_login(make_applicant())

    response = client.post(reverse("networks:application-create"), form_data(short_name=LONG))

    assert response.status_code == 200
    assert response.context["form"].errors == {"short_name": [TOO_LONG]}
    assert Network.objects.count() == 0


def test_staff_see_and_change_the_short_name_in_the_management_site(client):
    network = NetworkFactory(name="Vrouwelijk Leiderschap 1", short_name="VL1")
    client.force_login(admin_staff())

    listing = client.get("/beheer/networks/network/").content.decode()
    change = client.get(f"/beheer/networks/network/{network.pk}/change/").content.decode()

    assert "VL1" in listing
    assert 'name="short_name"' in change
    assert "Korte naam" in change


# --- the organisers' page -------------------------------------------------------------------


@pytest.fixture
def network():
    return NetworkFactory(name="Vrouwelijk Leiderschap 1", slug="vl-1")


def _people(network):
    return {
        "facilitator": make_facilitator(network),
        "penvoerder": make_penvoerder(network),
        "participant": make_member(network),
        "staff": make_staff(),
        "outsider": make_facilitator(NetworkFactory()),
    }


def _network_page(client, person, network) -> str:
    client.force_login(person)
    return client.get(network.get_absolute_url()).content.decode()


def test_only_the_organisers_find_the_short_name_page_from_the_network_page(client, network):
    people = _people(network)
    url = reverse("networks:short-name", args=[network.slug])

    links = {
        role: url in _network_page(client, people[role], network)
        for role in ("facilitator", "penvoerder", "participant", "staff")
    }
    answers = {}
    for role, person in people.items():
        client.force_login(person)
        answers[role] = client.get(url).status_code

    assert links == {"facilitator": True, "penvoerder": True, "participant": False, "staff": False}
    assert answers == {
        "facilitator": 200,
        "penvoerder": 200,
        "participant": 404,
        "staff": 404,
        "outsider": 404,
    }


@pytest.mark.parametrize("role", ["facilitator", "penvoerder"])
def test_an_organiser_sets_the_short_name_and_the_network_page_shows_it(client, network, role):
    person = _people(network)[role]
    client.force_login(person)

    response = client.post(
        reverse("networks:short-name", args=[network.slug]), {"short_name": "  VL1 "}, follow=True
    )

    page = response.content.decode()
    assert "Opgeslagen: agenda’s en e-mails noemen het netwerk “VL1”." in page
    assert "VL1" in page.split("<h1>", 1)[1]
    network.refresh_from_db()
    assert network.short_name == "VL1"


def test_clearing_the_short_name_brings_back_the_full_name(client, network):
    network.short_name = "VL1"
    network.save()
    client.force_login(make_facilitator(network))

    response = client.post(
        reverse("networks:short-name", args=[network.slug]), {"short_name": ""}, follow=True
    )

    assert "Opgeslagen: agenda’s en e-mails gebruiken de volledige naam van het netwerk." in (
        response.content.decode()
    )
    network.refresh_from_db()
    assert (network.short_name, network.short_label) == ("", "Vrouwelijk Leiderschap 1")


def test_a_too_long_short_name_is_refused_at_the_field_and_nothing_changes(client, network):
    network.short_name = "VL1"
    network.save()
    client.force_login(make_penvoerder(network))

    response = client.post(
        reverse("networks:short-name", args=[network.slug]), {"short_name": LONG}
    )

    assert response.status_code == 200
    assert response.context["form"].errors == {"short_name": [TOO_LONG]}
    network.refresh_from_db()
    assert network.short_name == "VL1"


def test_the_service_refuses_a_too_long_short_name_too(network):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError) as error:
        set_short_name(network, by=None, short_name=LONG)

    assert error.value.message_dict == {"short_name": ["Een korte naam heeft hoogstens 30 tekens."]}


@pytest.mark.parametrize("status", [NetworkStatus.GRANTED, NetworkStatus.ENDED])
def test_organisers_of_a_network_that_is_not_active_find_no_short_name_page(
    client, network, status
):
    network.status = status
    network.save()
    facilitator = make_facilitator(network)
    url = reverse("networks:short-name", args=[network.slug])

    page = _network_page(client, facilitator, network)

    assert url not in page
    assert client.get(url).status_code == 404
    assert client.post(url, {"short_name": "VL1"}).status_code == 404
    network.refresh_from_db()
    assert network.short_name == ""


# --- where the network is named -------------------------------------------------------------


def _ics_summary(client, person, meeting) -> str:
    client.force_login(person)
    body = client.get(reverse("meetings:meeting-ics", args=[meeting.pk])).content
    (event,) = icalendar.Calendar.from_ical(body).walk("VEVENT")
    return str(event["SUMMARY"])


def test_calendar_titles_start_with_the_short_name_when_set_else_the_name(client, network):
    member = make_member(network)
    meeting = MeetingFactory(network=network, title="Bijeenkomst 6")

    before = _ics_summary(client, member, meeting)
    set_short_name(network, by=None, short_name="VL1")
    after = _ics_summary(client, member, meeting)

    assert (before, after) == ("Vrouwelijk Leiderschap 1: Bijeenkomst 6", "VL1: Bijeenkomst 6")


def test_the_personal_feed_names_each_network_by_its_short_name(client, network):
    member = make_member(network)
    other = NetworkFactory(name="Vrouwelijk Leiderschap 2")
    make_member(other, person=member)
    MeetingFactory(network=network, title="Bijeenkomst 6")
    MeetingFactory(network=other, title="Bijeenkomst 6")
    set_short_name(network, by=None, short_name="VL1")
    token = calendar_feed_token_for(member).token

    body = client.get(reverse("meetings:feed", args=[token])).content

    summaries = sorted(str(e["SUMMARY"]) for e in icalendar.Calendar.from_ical(body).walk("VEVENT"))
    assert summaries == ["VL1: Bijeenkomst 6", "Vrouwelijk Leiderschap 2: Bijeenkomst 6"]


def _subjects_of_a_poll_and_an_interest(network, capture) -> set[str]:
    make_facilitator(network)
    make_member(network)
    with capture(execute=True):  # the interest mail is queued by a task after commit
        send_poll_opened(DatePollFactory(network=network, title="Bijeenkomst 4"))
        register_interest(network, name="Ina Belang", email="ina@school.example.nl")
    return set(Mail.objects.values_list("subject", flat=True))


def test_mail_subjects_naming_the_network_use_the_short_name(
    network, django_capture_on_commit_callbacks
):
    network = set_short_name(network, by=None, short_name="VL1")

    assert _subjects_of_a_poll_and_an_interest(network, django_capture_on_commit_callbacks) == {
        "Welke datums passen u? Bijeenkomst 4 (VL1)",
        "Belangstelling voor VL1",
    }


def test_without_a_short_name_mail_subjects_keep_the_full_name(
    network, django_capture_on_commit_callbacks
):
    assert _subjects_of_a_poll_and_an_interest(network, django_capture_on_commit_callbacks) == {
        "Welke datums passen u? Bijeenkomst 4 (Vrouwelijk Leiderschap 1)",
        "Belangstelling voor Vrouwelijk Leiderschap 1",
    }
