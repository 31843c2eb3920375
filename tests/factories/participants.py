"""Factories for the participants app (BC-Scans, invitations, reflections)."""

import datetime

import factory
from django.utils import timezone
from factory.django import DjangoModelFactory

from participants import bcscan
from participants.models import BCScan, Invitation, ReflectionEntry
from tests.factories import LearningQuestionFactory, NetworkFactory, UserFactory


def full_answers(value: int = 3) -> dict[str, int]:
    return {key: value for key in bcscan.STATEMENT_KEYS}


class BCScanFactory(DjangoModelFactory):
    class Meta:
        model = BCScan
        skip_postgeneration_save = True

    owner = factory.SubFactory(UserFactory)
    answers = factory.LazyFunction(full_answers)

    @factory.post_generation
    def networks(self, create, extracted, **kwargs):
        """BCScanFactory(networks=[a, b]) links the scan to those networks."""
        if create and extracted:
            self.networks.set(extracted)


class InvitationFactory(DjangoModelFactory):
    class Meta:
        model = Invitation

    network = factory.SubFactory(NetworkFactory)
    email = factory.Sequence(lambda n: f"uitgenodigd{n}@school.example.nl")
    expires_at = factory.LazyFunction(lambda: timezone.now() + datetime.timedelta(days=14))


class ReflectionFactory(DjangoModelFactory):
    class Meta:
        model = ReflectionEntry

    question = factory.SubFactory(LearningQuestionFactory)
    note = "Ik heb geleerd om eerst vragen te stellen."
