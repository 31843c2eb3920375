import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from networks.enums import Role
from networks.models import Competence, Membership
from participants.models import User
from tests.factories import MembershipFactory, NetworkFactory, SchoolFactory, UserFactory

pytestmark = pytest.mark.django_db

D = datetime.date


def test_network_end_must_be_after_start_in_database():
    with pytest.raises(IntegrityError), transaction.atomic():
        NetworkFactory(start_date=D(2026, 9, 1), planned_end_date=D(2026, 9, 1))


def test_network_end_after_start_message_is_dutch():
    network = NetworkFactory.build(start_date=D(2026, 9, 1), planned_end_date=D(2025, 9, 1))
    with pytest.raises(ValidationError) as error:
        network.full_clean()
    assert "De geplande einddatum moet na de startdatum liggen." in str(error.value)


def test_network_without_dates_is_allowed():
    network = NetworkFactory(start_date=None, planned_end_date=None)
    assert network.pk is not None


def test_membership_one_per_person_network_and_role():
    membership = MembershipFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        MembershipFactory(
            person=membership.person, network=membership.network, role=Role.PARTICIPANT
        )


def test_membership_same_person_may_hold_two_roles_in_one_network():
    membership = MembershipFactory(role=Role.PARTICIPANT)
    MembershipFactory(person=membership.person, network=membership.network, role=Role.PENVOERDER)
    assert Membership.objects.filter(person=membership.person).count() == 2


def test_membership_cannot_end_before_it_starts():
    with pytest.raises(IntegrityError), transaction.atomic():
        MembershipFactory(joined_on=D(2026, 1, 10), left_on=D(2026, 1, 9))


def test_membership_current_excludes_left_and_future():
    network = NetworkFactory()
    today = datetime.date.today()
    current = MembershipFactory(network=network, joined_on=today - datetime.timedelta(days=5))
    MembershipFactory(
        network=network,
        joined_on=today - datetime.timedelta(days=50),
        left_on=today - datetime.timedelta(days=1),
    )
    MembershipFactory(network=network, joined_on=today + datetime.timedelta(days=5))
    assert list(network.memberships.current()) == [current]


def test_school_brin_code_is_unique():
    SchoolFactory(brin_code="12AB")
    with pytest.raises(IntegrityError), transaction.atomic():
        School = SchoolFactory._meta.model
        School.objects.create(name="Ander", brin_code="12AB", town="Utrecht")


def test_user_email_is_unique_case_insensitively_on_login():
    user = UserFactory(email="ella@school.example.nl")
    assert User.objects.get_by_natural_key("ELLA@school.example.nl") == user


def test_user_manager_lowercases_email():
    user = User.objects.create_user("Jan.Paul@School.NL", "geheim-wachtwoord")
    assert user.email == "jan.paul@school.nl"
    assert user.is_staff is False


def test_user_leadership_function_is_told_apart():
    assert UserFactory(function="rector").is_leader is True
    assert UserFactory(function="teacher").is_leader is False


def test_the_five_competences_are_seeded_as_data():
    assert list(Competence.objects.values_list("number", flat=True)) == [1, 2, 3, 4, 5]
    assert Competence.objects.get(number=5).name == "Analyseren en probleem oplossen"


def test_network_absolute_url_is_its_member_page():
    assert NetworkFactory(slug="verbindend-vernieuwen").get_absolute_url() == (
        "/netwerken/verbindend-vernieuwen/"
    )
