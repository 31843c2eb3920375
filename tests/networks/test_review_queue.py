"""The review queue and who opens the review pages: what the queue shows and filters on,
fixed query counts of the queue and the review page, the role matrix."""

import re

import pytest
from django.urls import reverse

from networks.services import decide_application, judge_criteria
from tests.factories import make_facilitator, make_member, make_staff
from tests.factories.networks import make_applicant, make_application
from tests.networks.review_helpers import IN_FAVOUR

pytestmark = pytest.mark.django_db


def test_queue_shows_submitted_by_default(client):
    submitted = make_application(submitted=True)
    make_application(network_overrides={"name": "Nog Concept"})
    client.force_login(make_staff())
    content = client.get(reverse("networks:review-queue")).content.decode()
    assert submitted.network.name in content
    assert "Nog Concept" not in content


def test_queue_shows_what_each_application_plans(client):
    make_application(submitted=True, participants=5, network_overrides={"name": "Met Fee"})
    make_application(submitted=True, participants=1, network_overrides={"name": "Zonder"})
    client.force_login(make_staff())
    content = client.get(reverse("networks:review-queue")).content.decode()
    rows = {
        name: re.sub(r"\s+", " ", row)
        for row in content.split("<tr>")[2:]
        for name in ("Met Fee", "Zonder")
        if f">{name}</a>" in row
    }
    assert "<td> 5 gepland </td> <td> Fee </td>" in rows["Met Fee"]
    assert "<td> 1 gepland </td> <td> Fee </td>" in rows["Zonder"]


def test_queue_filters_on_criterion_not_met(client):
    small = make_application(
        submitted=True, participants=4, network_overrides={"name": "Netwerk-met-vier-7731"}
    )
    make_application(submitted=True, network_overrides={"name": "Netwerk-met-acht-7732"})
    client.force_login(make_staff())
    content = client.get(
        reverse("networks:review-queue"), {"not_met": "min_six_fixed_participants"}
    ).content.decode()
    assert small.network.name in content
    # Names no generated person or place can contain (a person called "Groote" once matched).
    assert "Netwerk-met-acht-7732" not in content


def test_queue_filters_on_status(client):
    application = make_application(submitted=True)
    decide_application(application, kind="reject", motivation="Nee.", by=make_staff())
    make_application(submitted=True, network_overrides={"name": "Wachtend"})
    client.force_login(make_staff())
    content = client.get(reverse("networks:review-queue"), {"status": "rejected"}).content.decode()
    assert "Samen Sturen" in content
    assert "Wachtend" not in content


@pytest.mark.parametrize("count", [1, 50])
def test_queue_query_count_is_constant(client, django_assert_num_queries, count):
    for n in range(count):
        make_application(submitted=True, participants=1, network_overrides={"name": f"Netwerk {n}"})
    staff = make_staff()
    client.force_login(staff)
    with django_assert_num_queries(8):
        response = client.get(reverse("networks:review-queue"))
    assert len(response.context["object_list"]) == min(count, 25)


def _review_page_queries(client, django_assert_max_num_queries, size: int) -> int:
    """The queries of one review page of an application of `size`: invitees, members,
    staff colleagues, judged criteria and history lines all grow with it."""
    application = make_application(
        submitted=True, participants=size, network_overrides={"name": f"Netwerk {size}"}
    )
    for _ in range(size):
        make_member(application.network)
        make_staff()
    judge = make_staff()
    criteria = list(IN_FAVOUR)[: min(size, len(IN_FAVOUR))]
    for round_ in range(size):  # each judging round adds history lines
        judgements = {code: ("met", f"Ronde {round_}: voldoet.") for code in criteria}
        judge_criteria(application, judgements=judgements, by=judge)
    client.force_login(judge)
    url = reverse("networks:review-detail", args=[application.pk])
    client.get(url)  # the session and the site's first reads
    with django_assert_max_num_queries(25) as queries:
        response = client.get(url)
    assert response.status_code == 200
    assert len(response.context["named"]["participants"]) == size
    return len(queries)


def test_review_page_reads_in_at_most_25_queries_however_large_the_application(
    client, django_assert_max_num_queries
):
    small = _review_page_queries(client, django_assert_max_num_queries, 1)
    large = _review_page_queries(client, django_assert_max_num_queries, 8)
    assert large == small


@pytest.mark.parametrize("url_name", ["networks:review-queue", "networks:review-detail"])
def test_review_pages_role_matrix(client, url_name):
    application = make_application(submitted=True)
    network = application.network
    other = make_application(make_applicant(), network_overrides={"name": "Ander"}).applicant
    people = {
        "participant": make_member(network),
        "penvoerder_own": application.applicant,
        "penvoerder_other": other,
        "facilitator": make_facilitator(network),
    }
    url = reverse(url_name, args=[application.pk] if "detail" in url_name else [])
    response = client.get(url)
    assert response.status_code == 302 and response.url.startswith(reverse("account_login"))
    for role, person in people.items():
        client.force_login(person)
        assert client.get(url).status_code == 404, role
        assert client.post(url, {"action": "decide"}).status_code == 404, role
    client.force_login(make_staff())
    assert client.get(url).status_code == 200


def test_queue_filters_start_on_alle_not_dashes(client):
    client.force_login(make_staff())
    content = client.get(reverse("networks:review-queue")).content.decode()
    # The status filter opens on "submitted"; its empty choice still reads "Alle".
    assert '<option value="">Alle</option>' in content
    assert '<option value="" selected>Alle</option>' in content
    assert "---------" not in content
