"""Who opens which evaluations page: the role matrix of every URL (GET, and the POST-only
actions), anonymous visitors sent to sign in, and the rules agreeing with the querysets."""

import pytest
from django.urls import reverse

from evaluations import services
from evaluations.models import EvaluationRound, Outcome
from evaluations.rules import ReportRef
from tests.evaluations.views_helpers import _urls

pytestmark = pytest.mark.django_db


STAFF_ONLY = [
    "round-list",
    "round-create",
    "round-detail",
    "round-rate",
    "item-create",
    "round-close",
    "report",
    "report-pdf",
    "report-csv",
    "survey-list",
    "survey-create",
    "survey-detail",
    "form-create",
    "ballot-create",
    "merge",
    "ballot-import",
    "dashboard",
]
NETWORK_REPORT = ["network-report", "network-report-pdf", "network-report-csv"]
ALLOWED = {
    **{name: {"staff"} for name in STAFF_ONLY},
    **{name: {"staff", "facilitator"} for name in NETWORK_REPORT},
    "phase": {"staff", "facilitator", "penvoerder"},
    "outcome-list": {"staff", "facilitator", "penvoerder", "participant"},
    "story-detail": {"facilitator", "penvoerder", "participant"},  # visibility: network
    "outcome-create": {"facilitator", "penvoerder", "participant"},
    "story-create": {"facilitator", "penvoerder", "participant"},
}
ROLES = ["staff", "facilitator", "penvoerder", "participant", "outsider"]


@pytest.mark.parametrize("name", sorted(ALLOWED))
def test_anonymous_is_sent_to_login(client, world, name):
    url = _urls(world)[name]
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("name", sorted(ALLOWED))
def test_role_matrix(client, world, name, role):
    merge_needed = name == "merge"
    if merge_needed:
        a = world["survey"].forms.get(name="A")
        services.record_ballot(
            world["survey"], by=None, respondent="1", choices=[(a, ""), (None, "Coaching")]
        )
    client.force_login(world[role])
    response = client.get(_urls(world)[name])
    expected = 200 if role in ALLOWED[name] else 404
    assert response.status_code == expected, (name, role)


def test_members_read_the_network_report_once_published(client, world):
    url = _urls(world)["network-report"]
    client.force_login(world["participant"])
    assert client.get(url).status_code == 404
    services.publish_round(world["round"], by=world["staff"])
    response = client.get(url)
    assert response.status_code == 200
    assert "Gemiddelde" in response.content.decode()


def test_report_predicate_agrees_with_the_rounds_queryset(world):
    evaluation = world["round"]
    for role in ROLES:
        user = world[role]
        assert user.has_perm("evaluations.manage_rounds") == (
            EvaluationRound.objects.visible_to(user).filter(pk=evaluation.pk).exists()
        )
    ref = ReportRef(round=evaluation, network=world["network"])
    assert [r for r in ROLES if world[r].has_perm("evaluations.view_report", ref)] == [
        "staff",
        "facilitator",
    ]


def test_outcome_queryset_agrees_with_visibility(world):
    network = world["network"]
    for visibility in ("network", "academy", "public"):
        Outcome.objects.create(
            network=network, kind="insight", description=visibility, visibility=visibility
        )
    seen = {
        role: set(Outcome.objects.visible_to(world[role]).values_list("description", flat=True))
        for role in ROLES
    }
    assert seen["participant"] == {"network", "academy", "public"}
    assert seen["staff"] == {"academy", "public"}
    assert seen["outsider"] == {"public"}


POST_ONLY = {
    "round-compute": (
        {"staff"},
        lambda w: reverse("evaluations:round-compute", args=[w["round"].pk]),
    ),
    "round-publish": (
        {"staff"},
        lambda w: reverse("evaluations:round-publish", args=[w["round"].pk]),
    ),
    "phase-compute": (
        {"staff", "facilitator", "penvoerder"},
        lambda w: reverse("evaluations:phase-compute", args=[w["network"].slug]),
    ),
}


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("name", sorted(POST_ONLY))
def test_post_only_actions_role_matrix(client, world, name, role):
    allowed, url = POST_ONLY[name]
    client.force_login(world[role])
    response = client.post(url(world), {"publish": "1"})
    assert response.status_code == (302 if role in allowed else 404), (name, role)
    world["round"].refresh_from_db()
    assert world["round"].is_published == (name == "round-publish" and role in allowed)


@pytest.mark.parametrize("name", sorted(POST_ONLY))
def test_post_only_actions_send_anonymous_to_login(client, world, name):
    response = client.post(POST_ONLY[name][1](world))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))
