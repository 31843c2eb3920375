"""Staff pages of rounds and the dashboard: opening a round through the form (bad input
refused in Dutch), closing it, adding items, query counts, the re-check shortfalls."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from evaluations import services
from evaluations.models import EvaluationRound, Item
from tests.factories import NetworkFactory, make_facilitator, make_member, make_staff
from tests.factories.evaluations import answer_all, make_round

pytestmark = pytest.mark.django_db


def test_staff_open_a_round_through_the_form(
    client, mailoutbox, django_capture_on_commit_callbacks
):
    network = NetworkFactory(name="Verbindend Vernieuwen")
    make_member(network)
    staff = make_staff()
    client.force_login(staff)
    today = timezone.localdate()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("evaluations:round-create"),
            {
                "title": "Tussenmeting voorjaar",
                "kind": "interim",
                "opens_on": today.isoformat(),
                "closes_on": (today + datetime.timedelta(days=10)).isoformat(),
                "networks": [network.pk],
                "use_template": "on",
            },
            follow=True,
        )
    content = response.content.decode()
    assert "De ronde is open. 1 leden krijgen hun persoonlijke link per e-mail." in content
    assert "Tussenmeting voorjaar" in content
    assert len(mailoutbox) == 1


def test_round_form_without_items_shows_dutch_error_and_stores_nothing(client):
    network = NetworkFactory()
    client.force_login(make_staff())
    today = timezone.localdate().isoformat()
    response = client.post(
        reverse("evaluations:round-create"),
        {
            "title": "Leeg",
            "kind": "interim",
            "opens_on": today,
            "closes_on": today,
            "networks": [network.pk],
        },
    )
    assert "Een ronde heeft minstens één vraag nodig." in response.content.decode()
    assert EvaluationRound.objects.count() == 0


def test_round_form_closing_before_opening(client):
    client.force_login(make_staff())
    response = client.post(
        reverse("evaluations:round-create"),
        {
            "title": "Fout",
            "kind": "interim",
            "opens_on": "2026-05-10",
            "closes_on": "2026-05-01",
            "networks": [NetworkFactory().pk],
            "use_template": "on",
        },
    )
    assert "De sluitingsdatum kan niet vóór de openingsdatum liggen." in response.content.decode()
    assert EvaluationRound.objects.count() == 0


def test_close_round_needs_confirmation_then_computes(client, django_capture_on_commit_callbacks):
    network = NetworkFactory()
    evaluation = make_round([network])
    answer_all(evaluation, network, [4] * 5)
    client.force_login(make_staff())
    url = reverse("evaluations:round-close", args=[evaluation.pk])
    assert "Ja, de ronde sluiten" in client.get(url).content.decode()
    evaluation.refresh_from_db()
    assert evaluation.is_open
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, follow=True)
    assert "De ronde is gesloten. De scores worden berekend." in response.content.decode()
    evaluation.refresh_from_db()
    assert (evaluation.status, evaluation.scores_status) == ("closed", "done")


def test_item_create_refused_after_answers(client, world):
    evaluation = make_round([NetworkFactory()])
    client.force_login(world["staff"])
    url = reverse("evaluations:item-create", args=[evaluation.pk])
    client.post(url, {"kind": "scale", "text": "Extra vraag"})
    assert evaluation.items.filter(text="Extra vraag").exists()
    response = client.post(
        reverse("evaluations:item-create", args=[world["round"].pk]),
        {"kind": "scale", "text": "Te laat"},
    )
    assert (
        "Deze ronde is gesloten." in response.content.decode()
        or "Er zijn al antwoorden binnen" in response.content.decode()
    )
    assert not Item.objects.filter(text="Te laat").exists()


def test_round_list_query_count_is_fixed(client, django_assert_num_queries):
    staff = make_staff()
    client.force_login(staff)
    make_round([NetworkFactory()])
    client.get(reverse("evaluations:round-list"))
    with django_assert_num_queries(8):
        client.get(reverse("evaluations:round-list"))
    for _ in range(4):
        make_round([NetworkFactory(), NetworkFactory()])
    with django_assert_num_queries(8):
        client.get(reverse("evaluations:round-list"))


def test_dashboard_query_count_is_fixed(client, django_assert_num_queries):
    staff = make_staff()
    client.force_login(staff)
    network = NetworkFactory()
    make_facilitator(network)
    services.compute_phase_report(network.pk)
    # 11: networks_for_staff also prefetches each network's application (planned counts of
    # the staff overview), one query for the whole page
    with django_assert_num_queries(11):
        client.get(reverse("evaluations:dashboard"))
    for _ in range(5):
        other = NetworkFactory()
        make_facilitator(other)
        services.compute_phase_report(other.pk)
    with django_assert_num_queries(11):
        response = client.get(reverse("evaluations:dashboard"))
    assert "Signalen criteria" in response.content.decode()


def test_dashboard_shows_the_recheck_shortfalls_of_a_network(client):
    import datetime

    from django.utils import timezone

    from networks.services import recheck_network

    staff = make_staff()
    client.force_login(staff)
    start = timezone.localdate() - datetime.timedelta(days=400)
    short = NetworkFactory(name="Netwerk zonder facilitator", start_date=start)
    healthy = NetworkFactory(name="Gezond netwerk", start_date=start)
    make_facilitator(healthy)
    recheck_network(short)

    html = client.get(reverse("evaluations:dashboard")).content.decode()

    row = html.split("Netwerk zonder facilitator")[1].split("</tr>")[0]
    assert "schiet tekort" in row
    assert "facilitator" in row.lower()
    # never re-checked: the dashboard does not claim it has no shortfalls
    healthy_row = html.split("Gezond netwerk")[1].split("</tr>")[0]
    assert "nog niet herbeoordeeld" in healthy_row
    assert "geen tekortkomingen" not in healthy_row
