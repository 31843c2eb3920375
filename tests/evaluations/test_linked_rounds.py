"""Opening a round linked to a nulmeting (issue 12.3): the link kept, a wrong link refused
at the field (service and staff form), and the respondent told before answering."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from evaluations.enums import RoundKind
from evaluations.models import Invitation, Response
from tests.evaluations.linked_helpers import _linked_pair, _network
from tests.factories import make_staff
from tests.factories.evaluations import make_round

pytestmark = pytest.mark.django_db


def test_open_round_linked_to_a_nulmeting_keeps_the_link():
    network, _ = _network(1)
    baseline = make_round([network], kind=RoundKind.BASELINE, title="Nulmeting")
    follow_up = make_round([network], baseline_round=baseline)
    follow_up.refresh_from_db()
    assert follow_up.baseline_round == baseline


@pytest.mark.parametrize(
    ("kind", "baseline_kind", "message"),
    [
        (RoundKind.BASELINE, RoundKind.BASELINE, "Een nulmeting is zelf de basis"),
        (RoundKind.FINAL, RoundKind.INTERIM, "Kies een nulmeting om aan te koppelen."),
    ],
)
def test_open_round_linked_wrongly_is_refused_at_the_field(kind, baseline_kind, message):
    network, _ = _network(1)
    other = make_round([network], kind=baseline_kind, title="Eerder")
    with pytest.raises(ValidationError) as error:
        make_round([network], kind=kind, title="Later", baseline_round=other)
    assert list(error.value.message_dict) == ["baseline_round"]
    assert error.value.message_dict["baseline_round"][0].startswith(message)
    assert not Response.objects.exists()
    assert sorted(r.title for r in type(other).objects.all()) == ["Eerder"]


def _round_form(network, **extra) -> dict:
    today = timezone.localdate()
    return {
        "title": "Eindmeting 2026",
        "kind": RoundKind.FINAL,
        "opens_on": today.isoformat(),
        "closes_on": (today + datetime.timedelta(days=14)).isoformat(),
        "networks": [network.pk],
        "use_template": "on",
        **extra,
    }


def test_staff_open_a_round_linked_to_the_nulmeting(client):
    network, _ = _network(2)
    baseline = make_round([network], kind=RoundKind.BASELINE, title="Nulmeting 2025")
    client.force_login(make_staff())
    page = client.get(reverse("evaluations:round-create")).content.decode()
    assert "Gekoppeld aan de nulmeting" in page
    response = client.post(
        reverse("evaluations:round-create"), _round_form(network, baseline_round=baseline.pk)
    )
    follow_up = type(baseline).objects.get(title="Eindmeting 2026")
    assert response.url == follow_up.get_absolute_url()
    assert follow_up.baseline_round == baseline
    detail = client.get(follow_up.get_absolute_url()).content.decode()
    assert 'id="linked-baseline">Nulmeting 2025<' in detail


def test_a_nulmeting_linked_to_a_nulmeting_is_refused_at_the_field(client):
    network, _ = _network(2)
    baseline = make_round([network], kind=RoundKind.BASELINE, title="Nulmeting 2025")
    client.force_login(make_staff())
    response = client.post(
        reverse("evaluations:round-create"),
        _round_form(network, kind=RoundKind.BASELINE, baseline_round=baseline.pk),
    )
    assert response.status_code == 200
    assert response.context["form"].errors["baseline_round"] == [
        "Een nulmeting is zelf de basis; die wordt aan geen ronde gekoppeld."
    ]
    assert type(baseline).objects.count() == 1


def test_respondent_is_told_before_answering_that_the_round_is_linked(client):
    network, people = _network(1)
    baseline, follow_up = _linked_pair([network])
    linked = Invitation.objects.get(round=follow_up, person=people[0])
    page = client.get(linked.get_absolute_url()).content.decode()
    notice = page[page.index('id="linked-notice"') :]
    notice = notice[: notice.index("</p>")]
    assert "Deze ronde is gekoppeld aan de nulmeting “Nulmeting”" in notice
    assert "pseudoniem" in notice
    assert page.index('id="linked-notice"') < page.index('name="action"')
    plain = make_round([network], kind=RoundKind.INTERIM, title="Los")
    unlinked = Invitation.objects.get(round=plain, person=people[0])
    assert 'id="linked-notice"' not in client.get(unlinked.get_absolute_url()).content.decode()
