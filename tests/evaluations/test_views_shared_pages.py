"""What evaluations adds to the shared pages: the start page and network page sections
(with fixed query counts) and the staff navigation links."""

import pytest
from django.urls import reverse

from evaluations import services
from evaluations.models import Invitation, Outcome
from tests.factories import NetworkFactory, UserFactory, make_member, make_staff
from tests.factories.evaluations import close, make_round

pytestmark = pytest.mark.django_db


def _render_slot(tag: str, user, **context) -> str:
    """Render one of this app's slot tags on its own, as the shared pages do."""
    from django.template import Context, Template
    from django.test import RequestFactory

    request = RequestFactory().get("/")
    request.user = user
    args = " network" if "network" in context else ""
    template = Template("{% load evaluations_slots %}{% " + tag + args + " %}")
    return template.render(Context({"request": request, **context}))


def test_start_section_query_count_is_fixed(django_assert_num_queries):
    person = UserFactory()
    network = NetworkFactory()
    make_member(network, person=person)
    make_round([network], title="Ronde 1")
    # The person's networks (one query, shared with the page's other sections through the
    # request memo), her open invitations, the published reports.
    with django_assert_num_queries(3):
        content = _render_slot("evaluations_start_section", person)
    assert "Ronde 1" in content
    for i in range(4):
        other = NetworkFactory()
        make_member(other, person=person)
        evaluation = make_round([other], title=f"Ronde extra {i}")
        services.publish_round(evaluation, by=None)
        close(evaluation)
        services.compute_round_scores(evaluation.pk)
    person = type(person).objects.get(pk=person.pk)
    with django_assert_num_queries(3):
        content = _render_slot("evaluations_start_section", person)
    assert "Ronde 1" in content
    assert "Gepubliceerde evaluatierapporten" in content


def test_start_page_shows_open_evaluations(client):
    person = make_member(NetworkFactory())
    make_round([person.memberships.get().network], title="Ronde voor mij")
    client.force_login(person)
    content = client.get(reverse("networks:my-networks")).content.decode()
    assert "Ronde voor mij" in content
    assert reverse("evaluations:respond", args=[Invitation.objects.get().token]) in content


def _as_on_a_page(user):
    """The user as a page's request carries her: with the memo in which her current
    memberships are read once for the whole page (ViewerMemoMiddleware)."""
    user = type(user).objects.get(pk=user.pk)
    user.request_memo = {}
    return user


def test_network_section_query_count_is_fixed(world, django_assert_num_queries):
    # 7: her current memberships (read once, for every permission check and the outcomes
    # she may read), whether she is academy staff (the report's permission asks it once),
    # the phase report, the latest result, the outcomes, the results shared back to the
    # network and the live response to open rounds.
    network = world["network"]
    facilitator = _as_on_a_page(world["facilitator"])
    with django_assert_num_queries(7):
        content = _render_slot("evaluations_network_section", facilitator, network=network)
    assert "Fase en opbrengsten" in content
    assert world["round"].title in content
    for i in range(5):
        Outcome.objects.create(network=network, kind="insight", description=str(i))
        other_round = make_round([network], title=f"R{i}")
        close(other_round)
        services.compute_round_scores(other_round.pk)
        services.compute_phase_report(network.pk)
    facilitator = _as_on_a_page(facilitator)
    with django_assert_num_queries(7):
        content = _render_slot("evaluations_network_section", facilitator, network=network)
    assert "5 opbrengsten" in content


def test_network_page_shows_phase_section(client, world):
    client.force_login(world["facilitator"])
    content = client.get(world["network"].get_absolute_url()).content.decode()
    assert "Fase en opbrengsten" in content
    assert reverse("evaluations:phase", args=[world["network"].slug]) in content


def test_staff_navigation_shows_evaluations_links(client):
    client.force_login(make_staff())
    content = client.get(reverse("networks:my-networks")).content.decode()
    assert reverse("evaluations:dashboard") in content
    assert reverse("evaluations:survey-list") in content


def test_participant_navigation_has_no_staff_links(client):
    person = make_member(NetworkFactory())
    client.force_login(person)
    content = client.get(reverse("networks:my-networks")).content.decode()
    assert reverse("evaluations:dashboard") not in content
