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


def test_seed_demo_extras_shares_the_scan_with_the_persons_network_only():
    first = NetworkFactory(name="Aaa netwerk")
    # the demo takes the first network's participants by e-mail address
    person = make_member(first, email="a-deelnemer@school.example.nl")
    make_member(first, email="b-deelnemer@school.example.nl")
    make_member(NetworkFactory(name="Bbb netwerk"), person=person)

    seed_demo_extras()

    shared = BCScan.objects.exclude(visibility=Visibility.PRIVATE)
    assert [(s.owner, list(s.networks.all())) for s in shared] == [(person, [first])]
    private = BCScan.objects.filter(visibility=Visibility.PRIVATE)
    assert [list(s.networks.all()) for s in private] == [[]]
