"""Factories with role helpers. Dutch names and schools from Faker nl_NL."""

import datetime

import factory
from django.conf import settings
from django.contrib.auth.models import Group
from django.utils import timezone
from factory.django import DjangoModelFactory

from meetings.models import Attendance, Meeting
from networks.enums import Access, NetworkStatus, Role
from networks.models import Competence, Membership, Network
from participants.enums import Function, Region
from participants.models import LearningQuestion, School, User

factory.Faker._DEFAULT_LOCALE = "nl_NL"
_faker = factory.Faker._get_faker("nl_NL")
DEFAULT_PASSWORD = "geheim-wachtwoord-123"


class SchoolFactory(DjangoModelFactory):
    class Meta:
        model = School
        django_get_or_create = ["brin_code"]

    name = factory.Sequence(lambda n: f"Scholengemeenschap {n}")
    brin_code = factory.Sequence(lambda n: f"{n:02d}{chr(65 + n % 26)}{chr(65 + (n // 26) % 26)}")
    town = factory.Faker("city")
    school_types = factory.LazyFunction(lambda: ["havo", "vwo"])


class UserFactory(DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"persoon{n}@school.example.nl")
    first_name = factory.Faker("first_name")
    # A Faker surname made unique: privacy tests assert a person's name is absent from a page,
    # which a random "Jansen" shared with the viewer, or "Groot" inside "Groote", can break.
    last_name = factory.Sequence(lambda n: f"{_faker.last_name()}-{n:05d}")
    function = Function.TEAM_LEADER
    region = Region.UTRECHT
    school = factory.SubFactory(SchoolFactory)
    password = factory.django.Password(DEFAULT_PASSWORD)

    @factory.post_generation
    def verified(obj, create, extracted, **kwargs):
        """Pass verified=False for a person whose address is not verified (allauth)."""
        if create and extracted is not False:
            from leernetwerk.accounts.services import mark_address_verified

            mark_address_verified(obj)


def make_staff(**kwargs) -> User:
    """An academy staff member (member of the staff group)."""
    user = UserFactory(function=Function.ACADEMY_STAFF, school=None, **kwargs)
    group, _ = Group.objects.get_or_create(name=settings.ACADEMY_STAFF_GROUP)
    user.groups.add(group)
    return user


class NetworkFactory(DjangoModelFactory):
    class Meta:
        model = Network

    name = factory.Sequence(lambda n: f"Leernetwerk {n}")
    slug = factory.Sequence(lambda n: f"leernetwerk-{n}")
    central_question = "Hoe geven we samen richting aan onderwijsvernieuwing?"
    theme = "Onderwijsvernieuwing"
    description = "Een netwerk van schoolleiders."
    target_group = "Schoolleiders en teamleiders in het VO"
    access = Access.OPEN
    status = NetworkStatus.ACTIVE
    start_date = factory.LazyFunction(lambda: timezone.localdate() - datetime.timedelta(days=180))
    planned_end_date = factory.LazyAttribute(
        lambda o: o.start_date + datetime.timedelta(days=730) if o.start_date else None
    )
    meetings_per_year = 3
    meeting_form = "Drie keer per jaar, 16:00-19:00"
    contact_means = factory.LazyFunction(lambda: ["buddy_groups"])
    monitoring_consent = True
    field_statement = "Schoolleiders vroegen hier zelf om."


class MembershipFactory(DjangoModelFactory):
    class Meta:
        model = Membership

    person = factory.SubFactory(UserFactory)
    network = factory.SubFactory(NetworkFactory)
    role = Role.PARTICIPANT
    is_fixed = True
    joined_on = factory.LazyAttribute(
        lambda o: o.network.start_date or timezone.localdate() - datetime.timedelta(days=30)
    )


def make_member(
    network: Network, role: str = Role.PARTICIPANT, person: User | None = None, **kwargs
) -> User:
    """A person holding `role` in `network` (a new person unless one is given)."""
    person = person or UserFactory(**kwargs)
    MembershipFactory(person=person, network=network, role=role)
    return person


def make_facilitator(network: Network, **kwargs) -> User:
    return make_member(network, Role.FACILITATOR, function=Function.ADVISER, **kwargs)


def make_penvoerder(network: Network, **kwargs) -> User:
    return make_member(network, Role.PENVOERDER, function=Function.RECTOR, **kwargs)


class MeetingFactory(DjangoModelFactory):
    class Meta:
        model = Meeting

    network = factory.SubFactory(NetworkFactory)
    title = factory.Sequence(lambda n: f"Bijeenkomst {n}")
    theme = "Leiderschap"
    starts_at = factory.LazyFunction(
        lambda: (timezone.localtime() + datetime.timedelta(days=14)).replace(
            hour=16, minute=0, second=0, microsecond=0
        )
    )
    ends_at = factory.LazyAttribute(lambda o: o.starts_at + datetime.timedelta(hours=3))
    location = "Utrecht"


class AttendanceFactory(DjangoModelFactory):
    class Meta:
        model = Attendance

    meeting = factory.SubFactory(MeetingFactory)
    person = factory.SubFactory(UserFactory)
    status = "present"


class LearningQuestionFactory(DjangoModelFactory):
    class Meta:
        model = LearningQuestion

    owner = factory.SubFactory(UserFactory)
    title = factory.Sequence(lambda n: f"Hoe geef ik leiding aan verandering {n}?")


def competence(number: int) -> Competence:
    return Competence.objects.get(number=number)
