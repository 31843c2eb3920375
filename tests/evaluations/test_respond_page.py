"""The personal evaluation link from the respondent's side (issue 14: the page now goes
through the shared version check and form plumbing; what she sees stays the same)."""

import re

import pytest
from django.urls import reverse

from evaluations.models import Answer, Invitation, Response
from tests.factories import NetworkFactory, make_member
from tests.factories.evaluations import make_round

pytestmark = pytest.mark.django_db

STALE = "Uw antwoorden zijn intussen op een ander apparaat gewijzigd."


@pytest.fixture
def link():
    network = NetworkFactory()
    make_member(network)
    evaluation = make_round([network])
    invitation = Invitation.objects.get()
    return {
        "url": reverse("evaluations:respond", args=[invitation.token]),
        "item": evaluation.items.first(),
        "invitation": invitation,
    }


def _version(html: str) -> str:
    """The version the page's form carries ("" before anything was saved)."""
    match = re.search(r'name="edit_version"(?: value="(\d+)")?', html)
    assert match, "the form carries no version"
    return match.group(1) or ""


def test_the_refused_device_sees_the_stored_answers_and_can_send_them_knowingly(client, link):
    item = link["item"]
    # Both devices open the link before anything is saved; the phone saves first.
    laptop_version = _version(client.get(link["url"]).content.decode())
    assert laptop_version == ""
    client.post(link["url"], {f"item_{item.pk}": "5", "action": "save"})

    refused = client.post(
        link["url"],
        {f"item_{item.pk}": "1", "edit_version": laptop_version, "action": "send-anyway"},
    ).content.decode()

    assert STALE in refused
    # The page shows what is stored now (the phone's 5), not the laptop's 1.
    assert (
        f'name="item_{item.pk}" value="5" class="form-check-input" id="id_item_{item.pk}_4" checked'
        in (refused)
    )
    assert list(Answer.objects.values_list("value", flat=True)) == [5]
    assert Invitation.objects.get().is_used is False

    # Sending the page she was shown now counts her once.
    sent = client.post(
        link["url"],
        {f"item_{item.pk}": "2", "edit_version": _version(refused), "action": "send-anyway"},
        follow=True,
    ).content.decode()
    assert "Dank u wel" in sent
    assert list(Answer.objects.values_list("value", flat=True)) == [2]
    assert Response.objects.filter(is_sent=True).count() == 1
    assert Invitation.objects.get().is_used is True


def test_a_forged_link_answers_404_and_stores_nothing(client, link):
    forged = reverse("evaluations:respond", args=["vervalst-" + "x" * 30])
    assert client.get(forged).status_code == 404
    response = client.post(forged, {f"item_{link['item'].pk}": "3", "action": "send-anyway"})
    assert response.status_code == 404
    assert not Response.objects.exists()


def test_a_link_used_before_answers_could_be_changed_says_so_and_stores_nothing(client, link):
    # Sent before the product kept a key to find the response again: counted once already.
    Invitation.objects.filter(pk=link["invitation"].pk).update(is_used=True)
    used = "Uw antwoorden zijn via deze link al verstuurd."
    assert used in client.get(link["url"]).content.decode()
    response = client.post(
        link["url"], {f"item_{link['item'].pk}": "3", "action": "send-anyway"}
    ).content.decode()
    assert used in response
    assert not Response.objects.exists()
