"""Answering through the personal link: save and send, 'weet niet', two devices, an
answer off the scale, a closed round, an unknown link."""

import pytest
from django.urls import reverse

from evaluations.models import Answer, Invitation, Response
from tests.factories import NetworkFactory, make_member
from tests.factories.evaluations import close, make_round

pytestmark = pytest.mark.django_db


def test_answer_through_the_link(client):
    """Half answered and sent: she is asked to confirm, nothing is stored; she saves, comes
    back through her link to her saved answers, sends, and changes an answer later: one
    response, with the changed answer."""
    network = NetworkFactory()
    make_member(network)
    evaluation = make_round([network])
    invitation = Invitation.objects.get()
    url = reverse("evaluations:respond", args=[invitation.token])
    page = client.get(url).content.decode()
    assert "De sfeer in het netwerk is goed." in page
    assert 'Nog open: <span id="open-count">9</span> van 9 meerkeuzevragen.' in page
    items = {i.code: i for i in evaluation.items.all()}
    half = {f"item_{items['atmosphere'].pk}": "5", f"item_{items['comments'].pk}": "Top"}
    asked = client.post(url, {**half, "action": "send"}).content.decode()
    assert "Nog niet alle vragen zijn beantwoord" in asked
    assert "Toch versturen" in asked
    assert Response.objects.count() == 0
    saved = client.post(url, {**half, "action": "save"}, follow=True).content.decode()
    assert "Uw antwoorden zijn opgeslagen, nog niet verstuurd." in saved
    assert 'Nog open: <span id="open-count">8</span> van 9 meerkeuzevragen.' in saved
    pk = items["atmosphere"].pk
    assert f'name="item_{pk}" value="5" class="form-check-input" id="id_item_{pk}_4" checked' in (
        saved
    )
    assert Invitation.objects.get().is_used is False
    everything = {f"item_{i.pk}": "4" for i in evaluation.items.all() if i.is_scale}
    everything |= {f"item_{items['comments'].pk}": "Top", "edit_version": "1", "action": "send"}
    sent = client.post(url, everything, follow=True).content.decode()
    assert "Dank u wel" in sent
    assert Invitation.objects.get().is_used is True
    again = client.get(url).content.decode()
    assert "Uw antwoorden zijn verstuurd." in again
    changed = everything | {f"item_{items['atmosphere'].pk}": "2", "edit_version": "2"}
    client.post(url, changed, follow=True)
    assert Response.objects.count() == 1
    assert Answer.objects.get(item=items["atmosphere"]).value == 2


def test_answer_dont_know_is_kept_apart_from_the_scale(client):
    network = NetworkFactory()
    make_member(network)
    evaluation = make_round([network])
    item = evaluation.items.first()
    url = reverse("evaluations:respond", args=[Invitation.objects.get().token])
    assert "Weet niet / niet van toepassing" in client.get(url).content.decode()
    client.post(url, {f"item_{item.pk}": "dk", "action": "send-anyway"})
    assert list(Answer.objects.values_list("value", "dont_know")) == [(None, True)]


def test_answer_from_two_devices_the_stale_one_is_told_and_nothing_is_lost(client):
    network = NetworkFactory()
    make_member(network)
    evaluation = make_round([network])
    item = evaluation.items.first()
    url = reverse("evaluations:respond", args=[Invitation.objects.get().token])
    client.post(url, {f"item_{item.pk}": "3", "action": "save"})
    # Both devices loaded version 1; the phone saves first, then the laptop sends.
    client.post(url, {f"item_{item.pk}": "5", "edit_version": "1", "action": "save"})
    page = client.post(
        url, {f"item_{item.pk}": "1", "edit_version": "1", "action": "send-anyway"}
    ).content.decode()
    assert "Uw antwoorden zijn intussen op een ander apparaat gewijzigd." in page
    assert list(Answer.objects.values_list("value", flat=True)) == [5]
    assert Response.objects.count() == 1
    assert Invitation.objects.get().is_used is False


def test_answer_off_the_scale_through_the_form(client):
    network = NetworkFactory()
    make_member(network)
    evaluation = make_round([network])
    item = evaluation.items.first()
    url = reverse("evaluations:respond", args=[Invitation.objects.get().token])
    response = client.post(url, {f"item_{item.pk}": "9", "action": "send-anyway"})
    assert "Kies een waarde van 1 tot en met 5 of “weet niet”." in response.content.decode()
    assert Response.objects.count() == 0


def test_answer_after_closing_through_the_form(client):
    network = NetworkFactory()
    make_member(network)
    evaluation = make_round([network])
    close(evaluation)
    closed = (
        "Deze evaluatie is gesloten; antwoorden kunnen niet meer worden verstuurd of gewijzigd."
    )
    url = reverse("evaluations:respond", args=[Invitation.objects.get().token])
    assert closed in client.get(url).content.decode()
    response = client.post(url, {f"item_{evaluation.items.first().pk}": "3", "action": "save"})
    assert closed in response.content.decode()
    assert Response.objects.count() == 0


def test_unknown_token_is_404(client):
    assert client.get(reverse("evaluations:respond", args=["onzin"])).status_code == 404
