"""Issue 13 item 9: a value-creation story set to "Iedereen" appears on the network's public
page; one shared with the network or the academy does not."""

import pytest
from django.urls import reverse

from evaluations.enums import OutcomeVisibility, ValueCycle
from evaluations.models import ValueStep, ValueStory
from tests.factories import NetworkFactory, make_facilitator

pytestmark = pytest.mark.django_db


def _story(network, author, title, visibility, text):
    story = ValueStory.objects.create(
        network=network, author=author, title=title, visibility=visibility
    )
    ValueStep.objects.create(story=story, cycle=ValueCycle.APPLIED, position=1, text=text)
    return story


def test_a_story_for_everyone_is_on_the_public_page_and_others_are_not(client):
    network = NetworkFactory(name="Moreel Beraad")
    author = make_facilitator(network)
    _story(network, author, "Bildung in de sectie", OutcomeVisibility.PUBLIC, "Wij pasten het toe.")
    _story(network, author, "Alleen voor ons", OutcomeVisibility.NETWORK, "Binnenskamers.")
    _story(network, author, "Voor de academie", OutcomeVisibility.ACADEMY, "Voor de monitor.")

    content = client.get(reverse("networks:directory-detail", args=[network.slug])).content.decode()

    assert "Bildung in de sectie" in content
    assert "Wij pasten het toe." in content
    assert ("Alleen voor ons" in content, "Binnenskamers." in content) == (False, False)
    assert ("Voor de academie" in content, "Voor de monitor." in content) == (False, False)


@pytest.mark.parametrize("count", [1, 6])
def test_the_public_page_reads_stories_in_fixed_queries(client, django_assert_num_queries, count):
    network = NetworkFactory()
    author = make_facilitator(network)
    for n in range(count):
        _story(network, author, f"Verhaal {n}", OutcomeVisibility.PUBLIC, f"Stap {n}")
    url = reverse("networks:directory-detail", args=[network.slug])
    client.get(url)

    with django_assert_num_queries(9):
        response = client.get(url)

    assert response.content.decode().count("Verhaal ") == count
