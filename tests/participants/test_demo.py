import pytest

from participants.demo import seed_demo_extras
from participants.enums import Visibility
from participants.models import BCScan, LearningQuestion
from tests.factories import NetworkFactory, make_member

pytestmark = pytest.mark.django_db


def test_seed_demo_extras_without_people_does_nothing():
    seed_demo_extras()

    assert LearningQuestion.objects.count() == 0


def test_seed_demo_extras_is_idempotent_and_mixes_private_and_shared():
    network = NetworkFactory(name="Aaa netwerk")
    make_member(network)
    make_member(network)

    seed_demo_extras()
    counts = (LearningQuestion.objects.count(), BCScan.objects.count())
    seed_demo_extras()

    assert (LearningQuestion.objects.count(), BCScan.objects.count()) == counts == (4, 2)
    visibilities = set(LearningQuestion.objects.values_list("visibility", flat=True))
    assert Visibility.PRIVATE in visibilities and Visibility.FACILITATOR in visibilities
