import datetime

import pytest
import rules
from django.contrib.auth.models import AnonymousUser

from networks import rules as net_rules
from networks.enums import Role
from networks.models import Network
from tests.factories import (
    MembershipFactory,
    NetworkFactory,
    UserFactory,
    make_facilitator,
    make_member,
    make_penvoerder,
    make_staff,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def network():
    return NetworkFactory()


@pytest.fixture
def people(network):
    other = NetworkFactory()
    return {
        "anonymous": AnonymousUser(),
        "outsider": UserFactory(),
        "participant": make_member(network),
        "facilitator": make_facilitator(network),
        "penvoerder": make_penvoerder(network),
        "staff": make_staff(),
        "other_facilitator": make_facilitator(other),
    }


EXPECTED = {
    # predicate: who passes it for `network`
    "is_member": {"participant", "facilitator", "penvoerder"},
    "is_participant": {"participant"},
    "is_facilitator": {"facilitator"},
    "is_penvoerder": {"penvoerder"},
    "is_organiser": {"facilitator", "penvoerder"},
}


@pytest.mark.parametrize("predicate", sorted(EXPECTED))
def test_role_predicate_passes_exactly_its_role(predicate, network, people):
    passing = {
        name for name, user in people.items() if getattr(net_rules, predicate).test(user, network)
    }
    assert passing == EXPECTED[predicate]


def test_is_academy_staff_only_for_staff_group(people):
    passing = {name for name, user in people.items() if net_rules.is_academy_staff.test(user)}
    assert passing == {"staff"}


def test_superuser_counts_as_academy_staff():
    assert net_rules.is_academy_staff.test(UserFactory(is_superuser=True)) is True


def test_inactive_staff_is_not_academy_staff():
    assert net_rules.is_academy_staff.test(make_staff(is_active=False)) is False


PERMS = {
    "networks.view_network": {"participant", "facilitator", "penvoerder", "staff"},
    "networks.view_members": {"participant", "facilitator", "penvoerder", "staff"},
    "networks.change_network": {"facilitator", "penvoerder", "staff"},
}


@pytest.mark.parametrize("perm", sorted(PERMS))
def test_network_permission_matrix(perm, network, people):
    passing = {name for name, user in people.items() if rules.has_perm(perm, user, network)}
    assert passing == PERMS[perm]


def test_list_all_networks_is_staff_only(people):
    passing = {
        name for name, u in people.items() if rules.has_perm("networks.list_all_networks", u)
    }
    assert passing == {"staff"}


def test_member_who_left_loses_the_role(network):
    today = datetime.date.today()
    membership = MembershipFactory(
        network=network,
        role=Role.FACILITATOR,
        joined_on=today - datetime.timedelta(days=100),
        left_on=today - datetime.timedelta(days=1),
    )
    assert net_rules.is_facilitator.test(membership.person, network) is False
    assert rules.has_perm("networks.view_network", membership.person, network) is False


def test_predicates_with_no_network_are_false(people):
    assert net_rules.is_member.test(people["participant"], None) is False


def test_visible_to_queryset_agrees_with_view_permission(network, people):
    NetworkFactory()  # a network nobody above belongs to
    for name, user in people.items():
        visible = set(Network.objects.visible_to(user))
        allowed = {
            n for n in Network.objects.all() if rules.has_perm("networks.view_network", user, n)
        }
        assert visible == allowed, name


def test_judge_and_decide_permissions_exclude_staff_who_are_party_to_the_network():
    from tests.factories.networks import make_application

    application = make_application(submitted=True)
    free = make_staff()
    member = make_staff()
    make_member(application.network, person=member)
    named = make_staff(email=f"fac@{application.applicant.pk}.example.nl")
    participant = make_member(application.network)
    matrix = {
        name: (
            person.has_perm("networks.review_application"),
            person.has_perm("networks.judge_application", application),
            person.has_perm("networks.decide_application", application),
        )
        for name, person in {
            "free staff": free,
            "staff member of the network": member,
            "staff named as facilitator": named,
            "participant": participant,
        }.items()
    }
    assert matrix == {
        "free staff": (True, True, True),
        "staff member of the network": (True, False, False),
        "staff named as facilitator": (True, False, False),
        "participant": (False, False, False),
    }


def test_judging_and_deciding_need_a_submitted_application():
    from networks.services import decide_application
    from tests.factories.networks import make_applicant, make_application

    draft = make_application()
    staff = make_staff()
    assert staff.has_perm("networks.judge_application", draft) is False
    assert staff.has_perm("networks.decide_application", draft) is False
    sent_back = make_application(make_applicant(), submitted=True)
    decide_application(sent_back, kind="request_info", motivation="Aanvullen.", by=staff)
    sent_back.network.refresh_from_db()
    assert staff.has_perm("networks.judge_application", sent_back) is True
    assert staff.has_perm("networks.decide_application", sent_back) is False
