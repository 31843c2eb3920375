"""The waiting list of a full open network: who is placed on it, in which order, and who is
offered a freed place, once (docs/domain.md, "Waiting list")."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from mails.models import Mail
from networks.enums import Role, WaitingStatus
from networks.models import Membership, WaitingListEntry
from networks.services import is_full, places_taken, register_interest, set_max_participants
from participants import waiting
from participants.models import Invitation
from participants.services import accept_invitation
from participants.tasks import task_expire_place_offers
from tests.factories import NetworkFactory, make_facilitator, make_member

pytestmark = pytest.mark.django_db


def full_network(maximum=2):
    network = NetworkFactory(max_participants=maximum)
    facilitator = make_facilitator(network)
    for _ in range(maximum):
        make_member(network)
    return network, facilitator


def register(network, name):
    email = f"{name.lower()}@school.example.nl"
    return register_interest(network, name=name, email=email)


def entry_of(name):
    return WaitingListEntry.objects.get(registration__name=name)


def offers_to(name):
    return Invitation.objects.filter(waiting_entry__registration__name=name)


def leave(network, person):
    membership = Membership.objects.get(network=network, person=person, role=Role.PARTICIPANT)
    membership.left_on = timezone.localdate()
    membership.save()


def test_without_a_maximum_a_registration_is_interest_only():
    network = NetworkFactory(max_participants=None)
    for _ in range(30):
        make_member(network)
    register(network, "Anna")
    assert not is_full(network)
    assert not WaitingListEntry.objects.exists()


def test_below_the_maximum_a_registration_is_interest_only():
    network = NetworkFactory(max_participants=3)
    make_member(network)
    make_member(network)
    register(network, "Anna")
    assert not WaitingListEntry.objects.exists()


def test_a_facilitator_does_not_take_a_participants_place():
    network = NetworkFactory(max_participants=1)
    make_facilitator(network)
    assert not is_full(network)
    make_member(network)
    assert is_full(network)


def test_full_network_places_registrations_in_order_and_mails_each_position(mailoutbox):
    network, _facilitator = full_network()
    register(network, "Anna")
    register(network, "Bram")
    assert [e.registration.name for e in WaitingListEntry.objects.order_by("listed_at")] == [
        "Anna",
        "Bram",
    ]
    mails = {m.to: m for m in Mail.objects.filter(kind="waiting_list")}
    assert "Uw positie op de wachtlijst: 1." in mails["anna@school.example.nl"].body
    assert "Uw positie op de wachtlijst: 2." in mails["bram@school.example.nl"].body
    assert mails["anna@school.example.nl"].subject == (
        f"U staat op de wachtlijst van {network.name}"
    )


def test_registering_twice_keeps_one_place_and_one_mail():
    network, _ = full_network()
    register(network, "Anna")
    register(network, "Anna")
    assert WaitingListEntry.objects.count() == 1
    assert Mail.objects.filter(kind="waiting_list").count() == 1


def test_offered_places_count_as_taken_until_they_expire():
    network, _ = full_network(maximum=1)
    register(network, "Anna")
    set_max_participants(network, 2, by=None)
    waiting.offer_free_places(network)
    assert entry_of("Anna").status == WaitingStatus.OFFERED
    assert places_taken(network) == 2
    register(network, "Bram")
    assert entry_of("Bram").status == WaitingStatus.WAITING  # the offer holds the place
    WaitingListEntry.objects.filter(registration__name="Anna").update(
        offered_until=timezone.now() - datetime.timedelta(minutes=1)
    )
    assert places_taken(network) == 1


def test_raising_the_maximum_offers_the_first_waiting_a_place_with_one_mail():
    network, facilitator = full_network()
    register(network, "Anna")
    register(network, "Bram")
    waiting.change_max_participants(network, 3, by=facilitator)
    assert entry_of("Anna").status == WaitingStatus.OFFERED
    assert entry_of("Bram").status == WaitingStatus.WAITING
    offer = offers_to("Anna").get()
    assert offer.email == "anna@school.example.nl"
    assert offer.role == Role.PARTICIPANT
    week = timezone.now() + datetime.timedelta(days=7)
    assert abs((offer.expires_at - week).total_seconds()) < 60
    mail = Mail.objects.get(kind="place_offer")
    assert mail.to == "anna@school.example.nl"
    assert mail.subject == f"Er is een plaats vrijgekomen in {network.name}"
    assert "/uitnodiging/" in mail.body and "/afzien/" in mail.body


def test_two_places_freeing_at_once_offer_two_people_once_each():
    network, facilitator = full_network(maximum=3)
    for name in ("Anna", "Bram", "Cas"):
        register(network, name)
    members = [m.person for m in network.memberships.participants()]
    leave(network, members[0])
    leave(network, members[1])
    waiting.offer_free_places(network)
    waiting.offer_free_places(network)  # the second cause of the same two places
    assert task_expire_place_offers() == 0  # and the daily task after them
    assert offers_to("Anna").count() == 1
    assert offers_to("Bram").count() == 1
    assert entry_of("Cas").status == WaitingStatus.WAITING
    assert Mail.objects.filter(kind="place_offer").count() == 2


def test_a_participant_leaving_is_picked_up_by_the_daily_task():
    network, _ = full_network()
    register(network, "Anna")
    leave(network, network.memberships.participants().first().person)
    assert task_expire_place_offers() == 1
    assert entry_of("Anna").status == WaitingStatus.OFFERED


def test_accepting_the_offer_makes_her_a_participant_and_closes_her_entry():
    network, facilitator = full_network()
    register(network, "Anna")
    waiting.change_max_participants(network, 3, by=facilitator)
    user = accept_invitation(
        offers_to("Anna").get(),
        first_name="Anna",
        last_name="Wacht",
        password="een-lang-wachtwoord",
    )
    assert network.memberships.current().participants().filter(person=user).exists()
    assert entry_of("Anna").status == WaitingStatus.JOINED
    assert places_taken(network) == 3
    assert is_full(network)


def test_declining_offers_the_place_to_the_next_once():
    network, facilitator = full_network()
    register(network, "Anna")
    register(network, "Bram")
    waiting.change_max_participants(network, 3, by=facilitator)
    offer = offers_to("Anna").get()
    assert waiting.decline_place_offer(offer) is True
    assert waiting.decline_place_offer(offer) is False  # a second click
    assert entry_of("Anna").status == WaitingStatus.DECLINED
    assert entry_of("Bram").status == WaitingStatus.OFFERED
    assert offers_to("Bram").count() == 1
    offer.refresh_from_db()
    assert offer.expires_at <= timezone.now()  # her link no longer works


def test_expiry_offers_the_place_to_the_next_and_running_twice_changes_nothing():
    network, facilitator = full_network()
    register(network, "Anna")
    register(network, "Bram")
    waiting.change_max_participants(network, 3, by=facilitator)
    past = timezone.now() - datetime.timedelta(minutes=1)
    WaitingListEntry.objects.filter(registration__name="Anna").update(offered_until=past)
    Invitation.objects.filter(waiting_entry__registration__name="Anna").update(expires_at=past)
    assert task_expire_place_offers() == 1
    assert task_expire_place_offers() == 0
    assert entry_of("Anna").status == WaitingStatus.EXPIRED
    assert entry_of("Bram").status == WaitingStatus.OFFERED
    assert Mail.objects.filter(kind="place_offer").count() == 2


def test_removing_an_offered_person_passes_the_place_on():
    network, facilitator = full_network()
    register(network, "Anna")
    register(network, "Bram")
    waiting.change_max_participants(network, 3, by=facilitator)
    waiting.remove_from_waiting_list(entry_of("Anna"), by=facilitator)
    assert entry_of("Anna").status == WaitingStatus.REMOVED
    assert entry_of("Bram").status == WaitingStatus.OFFERED
    with pytest.raises(ValidationError):
        waiting.remove_from_waiting_list(entry_of("Anna"), by=facilitator)


def test_offering_by_hand_skips_the_order_and_only_once():
    network, facilitator = full_network()
    register(network, "Anna")
    register(network, "Bram")
    waiting.offer_place(entry_of("Bram"), by=facilitator)
    assert entry_of("Bram").status == WaitingStatus.OFFERED
    assert entry_of("Anna").status == WaitingStatus.WAITING
    with pytest.raises(ValidationError):
        waiting.offer_place(entry_of("Bram"), by=facilitator)
    assert offers_to("Bram").count() == 1


def test_registering_again_after_removal_goes_to_the_end_of_the_list():
    network, facilitator = full_network()
    register(network, "Anna")
    register(network, "Bram")
    waiting.remove_from_waiting_list(entry_of("Anna"), by=facilitator)
    register(network, "Anna")
    waiting.change_max_participants(network, 3, by=facilitator)
    assert entry_of("Bram").status == WaitingStatus.OFFERED
    assert entry_of("Anna").status == WaitingStatus.WAITING


def test_the_maximum_cannot_go_below_the_current_participants():
    network, facilitator = full_network(maximum=3)
    with pytest.raises(ValidationError) as error:
        set_max_participants(network, 2, by=facilitator)
    assert error.value.message_dict == {
        "max_participants": ["Het netwerk heeft nu 3 deelnemers; het maximum kan niet lager zijn."]
    }
    network.refresh_from_db()
    assert network.max_participants == 3


def test_clearing_the_maximum_offers_everyone_waiting_a_place():
    network, facilitator = full_network()
    register(network, "Anna")
    register(network, "Bram")
    waiting.change_max_participants(network, None, by=facilitator)
    assert entry_of("Anna").status == WaitingStatus.OFFERED
    assert entry_of("Bram").status == WaitingStatus.OFFERED


def test_expiry_task_is_registered_under_the_beat_name():
    from django.conf import settings

    from leernetwerk.celery import app

    assert "leernetwerk.participants.expire_place_offers" in app.tasks
    tasks = {entry["task"] for entry in settings.CELERY_BEAT_SCHEDULE.values()}
    assert "leernetwerk.participants.expire_place_offers" in tasks
