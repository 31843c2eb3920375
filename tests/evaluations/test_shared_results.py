"""Results back to the network (issue 12.5): after a round closes, staff choose which items'
results the network's members see; the members (and nobody else) see them on the network
page as a chart with the numbers beside it, with the small-group rule applied."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from evaluations import services
from evaluations.models import Item
from tests.factories import NetworkFactory, make_facilitator, make_member, make_staff
from tests.factories.evaluations import answer_all, close, make_round

pytestmark = pytest.mark.django_db


def _closed_round(networks_and_values):
    evaluation = make_round([network for network, _ in networks_and_values], title="Eindmeting")
    for network, values in networks_and_values:
        answer_all(evaluation, network, values)
    close(evaluation)
    services.compute_round_scores(evaluation.pk)
    return evaluation


def _scale(evaluation) -> list[Item]:
    return list(evaluation.items.filter(kind="scale").order_by("position"))


def _section(page: str) -> str:
    if 'id="shared-results"' not in page:
        return ""
    section = page[page.index('id="shared-results"') :]
    return section[: section.index("</section>")]


def test_staff_share_items_and_the_members_see_exactly_those(client):
    network = NetworkFactory()
    facilitator = make_facilitator(network)
    evaluation = _closed_round([(network, [4, 4, 5, 3, 2])])  # five new participants
    first, second, *_ = _scale(evaluation)
    client.force_login(make_staff())
    response = client.post(
        reverse("evaluations:round-share", args=[evaluation.pk]), {"items": [first.pk]}
    )
    assert response.url == evaluation.get_absolute_url()
    assert [item.pk for item in Item.objects.filter(shared_with_network=True)] == [first.pk]

    member = network.memberships.filter(role="participant").first().person
    for viewer in (member, facilitator):
        client.force_login(viewer)
        section = _section(client.get(network.get_absolute_url()).content.decode())
        assert "Evaluatieresultaten voor het netwerk" in section
        assert first.text in section
        assert second.text not in section
        # the numbers beside the chart: n 5, mean 18 / 5 = 3,60, agreeing 3 of 5 = 60%
        row = section[section.index(first.text) :]
        row = row[: row.index("</tr>")]
        for cell in ("<td>5</td>", "<td>3,60</td>", "<td>60%</td>"):
            assert cell in row
        assert '<svg role="img"' in section
        assert "Verdeling van de antwoorden: Eindmeting" in section


def test_staff_who_are_no_members_and_other_networks_do_not_see_the_section(client):
    network, other = NetworkFactory(), NetworkFactory()
    evaluation = _closed_round([(network, [4] * 5), (other, [2] * 5)])
    first = _scale(evaluation)[0]
    services.share_item_results(evaluation, by=None, item_ids=[first.pk])
    client.force_login(make_staff())
    assert _section(client.get(network.get_absolute_url()).content.decode()) == ""
    # A member of the other network sees her own network's figures only (mean 2,00).
    outsider = other.memberships.filter(role="participant").first().person
    client.force_login(outsider)
    assert client.get(network.get_absolute_url()).status_code == 404
    section = _section(client.get(other.get_absolute_url()).content.decode())
    assert "<td>2,00</td>" in section
    assert "<td>4,00</td>" not in section


def test_a_network_of_fewer_than_five_respondents_sees_not_shown(client):
    network = NetworkFactory()
    evaluation = _closed_round([(network, [5, 5, 4, 4])])
    first = _scale(evaluation)[0]
    services.share_item_results(evaluation, by=None, item_ids=[first.pk])
    client.force_login(network.memberships.filter(role="participant").first().person)
    section = _section(client.get(network.get_absolute_url()).content.decode())
    assert "niet getoond: minder dan 5 respondenten" in section
    assert "<td>4,50</td>" not in section
    assert "<svg" not in section


def test_sharing_while_the_round_is_open_is_refused_at_the_field(client):
    network = NetworkFactory()
    make_member(network)
    evaluation = make_round([network])
    first = _scale(evaluation)[0]
    client.force_login(make_staff())
    response = client.post(
        reverse("evaluations:round-share", args=[evaluation.pk]), {"items": [first.pk]}
    )
    assert response.status_code == 200
    assert response.context["form"].errors["items"] == [
        "Resultaten kunnen worden gedeeld zodra de ronde gesloten is."
    ]
    assert not Item.objects.filter(shared_with_network=True).exists()


def test_sharing_an_item_of_another_round_is_refused_and_changes_nothing():
    network = NetworkFactory()
    evaluation = _closed_round([(network, [4] * 5)])
    services.share_item_results(evaluation, by=None, item_ids=[_scale(evaluation)[0].pk])
    other = make_round([network], title="Andere")
    with pytest.raises(ValidationError) as error:
        services.share_item_results(
            evaluation, by=None, item_ids=[_scale(evaluation)[1].pk, _scale(other)[0].pk]
        )
    assert error.value.message_dict == {
        "items": ["Kies vragen van deze ronde op de 5-puntsschaal."]
    }
    assert list(Item.objects.filter(shared_with_network=True)) == [_scale(evaluation)[0]]


def test_unsharing_all_items_hides_the_section(client):
    network = NetworkFactory()
    evaluation = _closed_round([(network, [4] * 5)])
    services.share_item_results(evaluation, by=None, item_ids=[_scale(evaluation)[0].pk])
    services.share_item_results(evaluation, by=None, item_ids=[])
    client.force_login(network.memberships.filter(role="participant").first().person)
    assert _section(client.get(network.get_absolute_url()).content.decode()) == ""


@pytest.mark.parametrize("rounds", [1, 3])
def test_network_page_queries_do_not_grow_with_shared_rounds(
    client, django_assert_num_queries, rounds
):
    network = NetworkFactory()
    for _ in range(rounds):
        evaluation = _closed_round([(network, [4] * 5)])
        services.share_item_results(
            evaluation, by=None, item_ids=[item.pk for item in _scale(evaluation)]
        )
    member = network.memberships.filter(role="participant").first().person
    client.force_login(member)
    client.get(network.get_absolute_url())  # the charts are drawn once, then cached
    with django_assert_num_queries(20):
        response = client.get(network.get_absolute_url())
    assert response.content.decode().count("shared-results-table") == rounds


def test_a_participant_sees_the_latest_rounds_name_without_the_staff_report_link(client):
    network = NetworkFactory()
    evaluation = _closed_round([(network, [4, 4, 5, 3, 2])])
    client.force_login(make_staff())
    client.post(
        reverse("evaluations:round-share", args=[evaluation.pk]),
        {"items": [_scale(evaluation)[0].pk]},
    )
    member = network.memberships.filter(role="participant").first().person
    client.force_login(member)
    page = " ".join(client.get(network.get_absolute_url()).content.decode().split())
    latest = page[page.index("Laatste evaluatierapport") :]
    latest = latest[: latest.index("</dd>")]
    assert "Eindmeting" in latest
    assert "—" not in latest
    assert '<a href="#shared-results">resultaten gedeeld met het netwerk</a>' in latest
    report = reverse("evaluations:network-report", args=[evaluation.pk, network.slug])
    assert report not in page
