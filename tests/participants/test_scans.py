import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from participants import bcscan
from participants.enums import Visibility
from participants.models import BCScan
from tests.factories import NetworkFactory, make_facilitator, make_member
from tests.factories.participants import BCScanFactory, full_answers

pytestmark = pytest.mark.django_db


def _post_data(answers, visibility=Visibility.PRIVATE):
    return {**{k: str(v) for k, v in answers.items()}, "visibility": visibility}


def test_scan_form_lists_every_statement_in_dutch(client):
    client.force_login(make_member(NetworkFactory()))

    response = client.get(reverse("participants:scan-create"))

    body = response.content.decode()
    # one legend per statement, plus the networks and the visibility of the result
    assert body.count("<legend") == len(bcscan.STATEMENTS) + 2
    assert "Ik onderscheid doelen van middelen als oplossingen worden besproken." in body
    assert "1. Een gezamenlijke visie en richting creëren" in body


def test_complete_scan_saved_and_shows_chart_and_table(client):
    person = make_member(NetworkFactory())
    client.force_login(person)
    answers = full_answers(4)
    answers.update({"c3s1": 2, "c3s2": 2, "c3s3": 2, "c3s4": 3})

    response = client.post(reverse("participants:scan-create"), _post_data(answers), follow=True)

    scan = BCScan.objects.get()
    assert scan.owner == person and scan.visibility == Visibility.PRIVATE
    body = response.content.decode()
    assert '<svg xmlns="http://www.w3.org/2000/svg" role="img"' in body
    assert '<title id="chart-title">Uitslag BC-Scan per competentie</title>' in body
    assert "<td>2,2</td>" in body
    assert (
        "Samenwerking, leren en onderzoek bevorderen"
        in body.split("Om nu verder te ontwikkelen:")[1]
    )


def test_scan_with_one_answer_missing_saves_nothing(client):
    client.force_login(make_member(NetworkFactory()))
    answers = full_answers(3)
    del answers["c4s2"]

    response = client.post(reverse("participants:scan-create"), _post_data(answers))

    assert BCScan.objects.count() == 0
    assert response.context["form"].errors["c4s2"] == ["Beantwoord deze uitspraak."]
    body = response.content.decode()
    assert "Niet alle uitspraken zijn beantwoord: er is niets opgeslagen." in body
    assert 'value="3"\n                       checked' in body or "checked" in body


def test_scan_answer_out_of_scale_refused(client):
    client.force_login(make_member(NetworkFactory()))
    answers = full_answers(3)
    answers["c1s1"] = 9

    response = client.post(reverse("participants:scan-create"), _post_data(answers))

    assert "c1s1" in response.context["form"].errors
    assert BCScan.objects.count() == 0


def test_scan_compares_with_earlier_scan(client):
    person = make_member(NetworkFactory())
    BCScanFactory(
        owner=person,
        answers=full_answers(2),
        taken_at=timezone.now() - datetime.timedelta(days=200),
    )
    later = BCScanFactory(owner=person, answers=full_answers(4))
    client.force_login(person)

    response = client.get(reverse("participants:scan-detail", args=[later.pk]))

    rows = response.context["rows"]
    assert [(r["score"], r["earlier"], r["change"]) for r in rows] == [(4.0, 2.0, 2.0)] * 5
    assert "+2,0" in response.content.decode()


def test_action_plan_saved_per_competence(client):
    network = NetworkFactory()
    scan = BCScanFactory(owner=make_member(network))
    client.force_login(scan.owner)

    client.post(
        reverse("participants:scan-plan", args=[scan.pk]),
        {
            "visibility": Visibility.FACILITATOR,
            "networks": [network.pk],
            "plan_3": "Leesgroep starten.",
        },
    )

    scan.refresh_from_db()
    assert scan.action_plans == {"3": "Leesgroep starten."}
    assert scan.visibility == Visibility.FACILITATOR
    assert list(scan.networks.all()) == [network]


def test_action_plan_of_other_is_404(client):
    scan = BCScanFactory()
    client.force_login(make_member(NetworkFactory()))

    response = client.post(
        reverse("participants:scan-plan", args=[scan.pk]), {"visibility": Visibility.NETWORK}
    )

    assert response.status_code == 404


def test_scan_shared_with_facilitator_visible_to_facilitator_only():
    network = NetworkFactory()
    owner = make_member(network)
    scan = BCScanFactory(owner=owner, visibility=Visibility.FACILITATOR, networks=[network])
    facilitator, peer = make_facilitator(network), make_member(network)
    outsider = make_facilitator(NetworkFactory())

    visible = {
        u: BCScan.objects.visible_to(u).filter(pk=scan.pk).exists()
        for u in (owner, facilitator, peer, outsider)
    }
    rules = {u: u.has_perm("participants.view_bcscan", scan) for u in visible}

    assert visible == {owner: True, facilitator: True, peer: False, outsider: False}
    assert rules == visible


def test_delete_scan_confirmation(client):
    scan = BCScanFactory()
    client.force_login(scan.owner)
    url = reverse("participants:scan-delete", args=[scan.pk])

    assert "Wilt u uw BC-Scan" in client.get(url).content.decode()
    client.post(url)

    assert BCScan.objects.count() == 0


@pytest.mark.parametrize("count", [1, 10])
def test_scan_list_query_count(client, django_assert_num_queries, count):
    person = make_member(NetworkFactory())
    BCScanFactory.create_batch(count, owner=person)
    client.force_login(person)
    client.get(reverse("participants:scan-list"))

    with django_assert_num_queries(7):
        client.get(reverse("participants:scan-list"))


def test_scan_list_compares_all_scans_per_competence(client):
    person = make_member(NetworkFactory())
    BCScanFactory(
        owner=person,
        answers=full_answers(2),
        taken_at=timezone.now() - datetime.timedelta(days=200),
    )
    BCScanFactory(owner=person, answers=full_answers(5))
    client.force_login(person)

    response = client.get(reverse("participants:scan-list"))

    assert [row["scores"] for row in response.context["history"]] == [[5.0] * 5, [2.0] * 5]
    assert "Competentie 3" in response.content.decode()
