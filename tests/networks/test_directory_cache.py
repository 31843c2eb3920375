"""The visitors' directory list comes from the cache, and a visitor still sees every change to
what it shows on the next request after the change is saved. Signed-in people always get the
list fresh from the database, and nothing of one person reaches another through the cache."""

import datetime
import re
import time

import pytest
from django.db import connection
from django.test import Client, override_settings
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from networks.enums import Access, InviteeRole, NetworkStatus, Role, WaitingStatus
from networks.memberships import end_membership
from networks.models import ApplicationInvitee, Membership, Network, WaitingListEntry
from networks.services import register_interest
from networks.services.waiting import close_entry
from tests.factories import NetworkFactory, make_facilitator, make_member, make_staff
from tests.factories.networks import make_application

pytestmark = pytest.mark.django_db

DIRECTORY = reverse("networks:directory-list")
FULL = "Vol — aanmelden voor de wachtlijst"


def visitor_page(client, **query) -> str:
    response = client.get(DIRECTORY, query)
    assert response.status_code == 200
    return response.content.decode()


def rows(content: str) -> dict[str, str]:
    """The listed networks: name -> the text of its row (cells separated by " | ")."""
    body = content.split("<tbody>", 1)[1].split("</tbody>", 1)[0] if "<tbody>" in content else ""
    listed = {}
    for row in re.findall(r"<tr>(.*?)</tr>", body, flags=re.S):
        cells = [
            " ".join(re.sub(r"<[^>]+>", " ", cell).split())
            for cell in re.findall(r"<td>(.*?)</td>", row, flags=re.S)
        ]
        listed[cells[0]] = " | ".join(cells)
    return listed


def saved(callbacks, change):
    """Run `change` and commit it (the test's transaction stays open: run what waits for
    the commit)."""
    with callbacks(execute=True):
        change()


def test_a_visitor_is_served_the_list_without_asking_the_database(client):
    NetworkFactory(name="Verbindend Vernieuwen")
    visitor_page(client)
    with CaptureQueriesContext(connection) as queries:
        content = visitor_page(client)
    # Only the request's own transaction (a savepoint inside the test's) reaches the database.
    assert [q["sql"].split()[0] for q in queries.captured_queries] == ["SAVEPOINT", "RELEASE"]
    assert "Verbindend Vernieuwen" in rows(content)


def test_a_signed_in_person_is_never_served_the_cached_list(client):
    network = NetworkFactory(name="Verbindend Vernieuwen")
    staff = make_staff()
    visitor_page(client)  # the visitors' list is now cached
    # A change the cache cannot hear of (no save signal, no commit): visitors keep the
    # cached list, a signed-in person sees the database.
    Network.objects.filter(pk=network.pk).update(name="Moreel Beraad")
    assert "Verbindend Vernieuwen" in visitor_page(client)
    signed_in = Client()
    signed_in.force_login(staff)
    content = signed_in.get(DIRECTORY).content.decode()
    assert "Moreel Beraad" in content
    assert "Verbindend Vernieuwen" not in content


def test_a_signed_in_persons_list_is_not_kept_for_visitors(client):
    network = NetworkFactory(name="Verbindend Vernieuwen")
    person = make_facilitator(network, first_name="Fenna", last_name="Fac")
    signed_in = Client()
    signed_in.force_login(person)
    assert "Uitloggen" in signed_in.get(DIRECTORY).content.decode()
    Network.objects.filter(pk=network.pk).update(name="Moreel Beraad")
    content = visitor_page(client)
    assert "Moreel Beraad" in content
    assert "Uitloggen" not in content
    assert person.email not in content


def test_a_search_is_never_served_from_the_cache(client):
    network = NetworkFactory(name="Verbindend Vernieuwen", theme="Vernieuwing")
    visitor_page(client, q="Vernieuwing")
    Network.objects.filter(pk=network.pk).update(name="Moreel Beraad")
    assert "Moreel Beraad" in visitor_page(client, q="Vernieuwing")


@pytest.mark.parametrize(
    ("field", "before", "after", "shown_after"),
    [
        ("name", "Verbindend Vernieuwen", "Moreel Beraad", "Moreel Beraad"),
        ("theme", "Vernieuwing", "Eigenaarschap", "Eigenaarschap"),
        ("target_group", "Rectoren", "Teamleiders vmbo", "Teamleiders vmbo"),
        ("meeting_form", "Drie keer per jaar", "Maandelijks online", "Maandelijks online"),
        ("access", Access.OPEN, Access.CLOSED, "Gesloten"),
        ("start_date", datetime.date(2026, 1, 5), datetime.date(2027, 3, 1), "maart 2027"),
        ("planned_end_date", datetime.date(2028, 1, 5), datetime.date(2029, 6, 1), "juni 2029"),
    ],
)
def test_a_visitor_sees_a_changed_public_field_at_once(
    client, django_capture_on_commit_callbacks, field, before, after, shown_after
):
    values = {"name": "Verbindend Vernieuwen", "start_date": datetime.date(2026, 1, 5)}
    network = NetworkFactory(**{**values, field: before})
    assert shown_after not in " ".join(rows(visitor_page(client)).values())

    def change():
        setattr(network, field, after)
        network.save()

    saved(django_capture_on_commit_callbacks, change)
    assert shown_after in rows(visitor_page(client))[network.name]


@pytest.mark.parametrize(
    "change",
    [
        {"status": NetworkStatus.DRAFT},
        {"status": NetworkStatus.ENDED},
        {"listed_in_directory": False},
    ],
)
def test_a_network_that_stops_being_listed_leaves_the_visitors_list(
    client, django_capture_on_commit_callbacks, change
):
    network = NetworkFactory(name="Verbindend Vernieuwen")
    NetworkFactory(name="Moreel Beraad")
    assert "Verbindend Vernieuwen" in visitor_page(client)

    def write():
        for name, value in change.items():
            setattr(network, name, value)
        network.save()

    saved(django_capture_on_commit_callbacks, write)
    content = visitor_page(client)
    assert "Verbindend Vernieuwen" not in content
    assert "Moreel Beraad" in content


def test_a_new_or_deleted_network_shows_in_the_visitors_list_at_once(
    client, django_capture_on_commit_callbacks
):
    network = NetworkFactory(name="Verbindend Vernieuwen")
    visitor_page(client)
    saved(django_capture_on_commit_callbacks, lambda: NetworkFactory(name="Moreel Beraad"))
    assert "Moreel Beraad" in visitor_page(client)
    saved(django_capture_on_commit_callbacks, network.delete)
    assert "Verbindend Vernieuwen" not in visitor_page(client)


def test_a_granted_application_appears_with_its_invited_facilitator(
    client, django_capture_on_commit_callbacks
):
    application = make_application(network_overrides={"name": "Aanvraag Noord"})
    assert "Aanvraag Noord" not in visitor_page(client)

    def grant():
        application.network.status = NetworkStatus.GRANTED
        application.network.save()

    saved(django_capture_on_commit_callbacks, grant)
    content = visitor_page(client)
    assert "Aanvraag Noord" in content
    invitee = ApplicationInvitee.objects.get(application=application, role=InviteeRole.FACILITATOR)
    assert invitee.name in content
    assert invitee.email not in content

    def rename():
        invitee.name = "Fee Nieuwenhuis"
        invitee.save()

    saved(django_capture_on_commit_callbacks, rename)
    assert "Fee Nieuwenhuis" in visitor_page(client)


def test_a_visitor_sees_who_facilitates_now(client, django_capture_on_commit_callbacks):
    network = NetworkFactory(name="Verbindend Vernieuwen")
    first = make_facilitator(network, first_name="Fenna", last_name="Fac")
    assert "Fenna Fac" in visitor_page(client)

    saved(
        django_capture_on_commit_callbacks,
        lambda: make_facilitator(network, first_name="Gijs", last_name="Tweede"),
    )
    assert "Gijs Tweede" in visitor_page(client)

    def rename():
        first.last_name = "Faber"
        first.save()

    saved(django_capture_on_commit_callbacks, rename)
    assert "Fenna Faber" in visitor_page(client)

    membership = Membership.objects.get(person=first, network=network, role=Role.FACILITATOR)
    saved(django_capture_on_commit_callbacks, lambda: end_membership(membership, by=None))
    content = visitor_page(client)
    assert "Fenna Faber" not in content
    assert "Gijs Tweede" in content


def test_a_login_leaves_the_visitors_list_in_the_cache(client, django_capture_on_commit_callbacks):
    network = NetworkFactory(name="Verbindend Vernieuwen")
    person = make_facilitator(network)
    visitor_page(client)
    Network.objects.filter(pk=network.pk).update(name="Moreel Beraad")  # unheard of

    def login():
        person.last_login = timezone.now()
        person.save(update_fields=["last_login"])

    saved(django_capture_on_commit_callbacks, login)
    assert "Verbindend Vernieuwen" in visitor_page(client)


def test_a_visitor_sees_when_a_network_fills_up_and_frees_a_place(
    client, django_capture_on_commit_callbacks
):
    network = NetworkFactory(name="Verbindend Vernieuwen", max_participants=2)
    make_facilitator(network)
    make_member(network)
    assert FULL not in visitor_page(client)

    saved(django_capture_on_commit_callbacks, lambda: make_member(network))
    assert FULL in visitor_page(client)

    # Anna waits; a participant leaves and Anna is offered the place: still full.
    saved(
        django_capture_on_commit_callbacks,
        lambda: register_interest(network, name="Anna", email="anna@school.example.nl"),
    )
    leaving = Membership.objects.filter(network=network, role=Role.PARTICIPANT).first()
    saved(django_capture_on_commit_callbacks, lambda: end_membership(leaving, by=None))
    anna = WaitingListEntry.objects.get(registration__name="Anna")
    assert anna.status == WaitingStatus.OFFERED
    assert FULL in visitor_page(client)

    # Anna declines: the offered place is free again.
    saved(django_capture_on_commit_callbacks, lambda: close_entry(anna, WaitingStatus.DECLINED))
    assert FULL not in visitor_page(client)


def test_an_offered_place_that_runs_out_frees_the_network_without_a_write(
    client, django_capture_on_commit_callbacks
):
    network = NetworkFactory(name="Verbindend Vernieuwen", max_participants=2)
    make_facilitator(network)
    make_member(network)
    make_member(network)
    register_interest(network, name="Anna", email="anna@school.example.nl")
    anna = WaitingListEntry.objects.get(registration__name="Anna")
    leaving = Membership.objects.filter(network=network, role=Role.PARTICIPANT).first()

    def offer_until_soon():
        end_membership(leaving, by=None)
        anna.refresh_from_db()
        anna.offered_until = timezone.now() + datetime.timedelta(seconds=1.5)
        anna.save()

    saved(django_capture_on_commit_callbacks, offer_until_soon)
    assert FULL in visitor_page(client)
    time.sleep(2.2)  # the offer ran out; the daily task has not closed it yet
    assert FULL not in visitor_page(client)


def test_the_next_visitor_gets_her_own_working_token():
    NetworkFactory(name="Verbindend Vernieuwen")
    first = Client(enforce_csrf_checks=True)
    first_page = first.get(DIRECTORY).content.decode()
    second = Client(enforce_csrf_checks=True)
    second_page = second.get(DIRECTORY).content.decode()
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', second_page).group(1)
    first_token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', first_page).group(1)
    assert token != first_token
    # The second visitor's language switch works with the token of her own page.
    response = second.post(
        reverse("set_language"),
        {"csrfmiddlewaretoken": token, "language": "en", "next": DIRECTORY},
    )
    assert response.status_code == 302
    assert "Learning networks" in second.get(DIRECTORY).content.decode()


def test_each_language_has_its_own_list(client):
    NetworkFactory(name="Verbindend Vernieuwen", access=Access.CLOSED)
    assert "Gesloten" in visitor_page(client)
    english = Client()
    english.cookies["django_language"] = "en"
    content = english.get(DIRECTORY).content.decode()
    assert "Closed" in content
    assert "Gesloten" not in content


@override_settings(
    CACHES={
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": "redis://127.0.0.1:9/0",  # nothing listens there
            "OPTIONS": {"socket_connect_timeout": 0.2, "socket_timeout": 0.2},
        }
    }
)
def test_without_a_reachable_cache_visitors_still_get_the_list_and_changes_save(
    client, django_capture_on_commit_callbacks
):
    network = NetworkFactory(name="Verbindend Vernieuwen")
    assert "Verbindend Vernieuwen" in visitor_page(client)

    def rename():
        network.name = "Moreel Beraad"
        network.save()

    saved(django_capture_on_commit_callbacks, rename)
    network.refresh_from_db()
    assert network.name == "Moreel Beraad"
    assert "Moreel Beraad" in visitor_page(client)


def test_a_visitors_waiting_message_is_shown_to_her_and_kept_from_the_next(
    client, django_capture_on_commit_callbacks
):
    network = NetworkFactory(name="Moreel Beraad")
    make_facilitator(network)
    visitor_page(Client())  # the visitors' list is cached
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("networks:directory-detail", args=[network.slug]),
            {"name": "Ina Interesse", "email": "ina@school.nl"},
        )
    thanks = "De facilitator van Moreel Beraad neemt contact met u op."
    assert thanks in visitor_page(client)
    assert thanks not in visitor_page(Client())
