"""Factories for the meetings app (Meeting and Attendance live in tests/factories/__init__)."""

import datetime

import factory
from django.utils import timezone
from factory.django import DjangoModelFactory

from meetings.models import (
    BuddyGroup,
    Case,
    ContactMoment,
    DatePoll,
    GuestSpeaker,
    PollAnswer,
    PollOption,
    Response,
)
from tests.factories import MeetingFactory, NetworkFactory, UserFactory


def past_meeting(network, days_ago: int = 7, **kwargs):
    """A held meeting (the factory default lies in the future)."""
    starts_at = (timezone.localtime() - datetime.timedelta(days=days_ago)).replace(
        hour=16, minute=0, second=0, microsecond=0
    )
    return MeetingFactory(
        network=network,
        starts_at=starts_at,
        ends_at=starts_at + datetime.timedelta(hours=3),
        **kwargs,
    )


class GuestSpeakerFactory(DjangoModelFactory):
    class Meta:
        model = GuestSpeaker

    meeting = factory.SubFactory(MeetingFactory)
    name = factory.Faker("name")
    organisation = "Universiteit Utrecht"
    topic = "Leiderschap en vernieuwing"


class ResponseFactory(DjangoModelFactory):
    class Meta:
        model = Response

    meeting = factory.SubFactory(MeetingFactory)
    person = factory.SubFactory(UserFactory)
    answer = "coming"


class CaseFactory(DjangoModelFactory):
    class Meta:
        model = Case

    meeting = factory.SubFactory(MeetingFactory)
    author = factory.SubFactory(UserFactory)
    title = factory.Sequence(lambda n: f"Casus {n}")
    description = "Een lastige situatie in mijn team."


class DatePollFactory(DjangoModelFactory):
    class Meta:
        model = DatePoll

    network = factory.SubFactory(NetworkFactory)
    title = factory.Sequence(lambda n: f"Volgende bijeenkomst {n}")


class PollOptionFactory(DjangoModelFactory):
    class Meta:
        model = PollOption

    poll = factory.SubFactory(DatePollFactory)
    starts_at = factory.Sequence(
        lambda n: (timezone.localtime() + datetime.timedelta(days=20 + n)).replace(
            hour=16, minute=0, second=0, microsecond=0
        )
    )
    ends_at = factory.LazyAttribute(lambda o: o.starts_at + datetime.timedelta(hours=3))


class PollAnswerFactory(DjangoModelFactory):
    class Meta:
        model = PollAnswer

    option = factory.SubFactory(PollOptionFactory)
    person = factory.SubFactory(UserFactory)
    answer = "yes"


class BuddyGroupFactory(DjangoModelFactory):
    class Meta:
        model = BuddyGroup
        skip_postgeneration_save = True

    network = factory.SubFactory(NetworkFactory)
    name = factory.Sequence(lambda n: f"Maatjesgroep {n}")

    @factory.post_generation
    def members(self, create, extracted, **kwargs):
        if create and extracted:
            self.members.set(extracted)


class ContactMomentFactory(DjangoModelFactory):
    class Meta:
        model = ContactMoment
        skip_postgeneration_save = True

    network = factory.SubFactory(NetworkFactory)
    date = factory.LazyFunction(lambda: timezone.localdate() - datetime.timedelta(days=3))
    note = "Bij elkaar op school gekeken."

    @factory.post_generation
    def participants(self, create, extracted, **kwargs):
        if create and extracted:
            self.participants.set(extracted)
