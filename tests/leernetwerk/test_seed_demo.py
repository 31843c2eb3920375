import datetime
import sys
import types

import pytest
from django.apps import apps
from django.contrib.auth import authenticate
from django.core.management import CommandError, call_command
from django.test import RequestFactory
from django.utils import timezone

from demo import load as demo_data
from demo.load import DEMO_LOGINS, DEMO_PASSWORD, seed_demo
from meetings.models import Attendance, Meeting
from networks.enums import Access, NetworkStatus, Role
from networks.models import Membership, Network
from participants.models import User

pytestmark = pytest.mark.django_db

SLUGS = {
    "eindverantwoordelijk-schoolleiders",
    "vrouwelijk-leiderschap-1",
    "vrouwelijk-leiderschap-2",
    "verbindend-vernieuwen",
    "ondernemend-leren",
    "moreel-beraad-en-bildung",
    "persoonlijk-leiderschap",
    "smart-government",
    "leidinggeven-aan-onderwijs-van-onderop",
}


def _snapshot() -> dict[str, list]:
    """Every row of every model, all columns: two snapshots are equal only if nothing changed."""
    return {
        model._meta.label: sorted(
            (tuple(sorted(row.items())) for row in model.objects.values()), key=repr
        )
        for model in apps.get_models()
    }


def _roles(slug: str) -> dict[str, set[str]]:
    result: dict[str, set[str]] = {}
    for m in Membership.objects.filter(network__slug=slug).select_related("person"):
        result.setdefault(m.role, set()).add(m.person.full_name)
    return result


def test_seed_demo_twice_leaves_exactly_the_same_rows(settings):
    settings.DEBUG = True
    call_command("seed_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
    first = _snapshot()
    call_command("seed_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
    second = _snapshot()
    assert {k: len(v) for k, v in second.items()} == {k: len(v) for k, v in first.items()}
    assert second == first
    assert Network.objects.filter(slug__in=SLUGS).count() == 9  # plus the demo applications


def test_seed_demo_refuses_to_run_without_debug(settings):
    settings.DEBUG = False
    with pytest.raises(CommandError, match="DJANGO_DEBUG=true"):
        call_command("seed_demo")
    assert Network.objects.count() == 0


def test_seed_demo_loads_the_nine_networks_with_their_facts():
    seed_demo(extras=False)
    today = timezone.localdate()
    networks = {n.slug: n for n in Network.objects.with_member_counts()}
    assert set(networks) == SLUGS

    es = networks["eindverantwoordelijk-schoolleiders"]
    assert es.name == "Eindverantwoordelijk Schoolleiders"
    assert es.start_date == datetime.date(2006, 9, 1)
    assert es.meetings_per_year == 2
    assert es.participant_count == 15
    assert all(m.duration_hours == 24 for m in es.meetings.all())

    # The two VL networks meet alike: their short names tell them apart in a calendar.
    assert {slug: n.short_label for slug, n in networks.items() if n.short_name} == {
        "vrouwelijk-leiderschap-1": "VL1",
        "vrouwelijk-leiderschap-2": "VL2",
    }
    for slug in ("vrouwelijk-leiderschap-1", "vrouwelijk-leiderschap-2"):
        assert networks[slug].access == Access.CLOSED
        assert networks[slug].participant_count > 20
        assert {
            m.starts_at.astimezone(timezone.get_current_timezone()).hour
            for m in networks[slug].meetings.all()
        } == {16}
    assert networks["verbindend-vernieuwen"].participant_count == 20
    assert 20 <= networks["ondernemend-leren"].participant_count <= 30
    assert 12 <= networks["moreel-beraad-en-bildung"].participant_count <= 20
    assert networks["moreel-beraad-en-bildung"].meetings.count() == 6

    for slug in (
        "persoonlijk-leiderschap",
        "smart-government",
        "leidinggeven-aan-onderwijs-van-onderop",
    ):
        network = networks[slug]
        assert network.status == NetworkStatus.GRANTED
        assert network.start_date > today
        assert 6 <= network.participant_count <= 12
        assert network.meetings.count() == 6
        assert _roles(slug)[Role.FACILITATOR] == {"Inspirezzo"}
        assert _roles(slug)[Role.PENVOERDER] == {
            "Carlo Pedroli",
            "Elly Loman",
            "Tineke de Schepper",
            "Harold Ansink",
        }
    others = SLUGS - {
        "persoonlijk-leiderschap",
        "smart-government",
        "leidinggeven-aan-onderwijs-van-onderop",
    }
    assert {networks[s].status for s in others} == {NetworkStatus.ACTIVE}
    assert all(networks[s].central_question for s in SLUGS)


def test_seed_demo_gives_the_named_people_their_roles():
    seed_demo(extras=False)
    es = _roles("eindverantwoordelijk-schoolleiders")
    assert es[Role.FACILITATOR] == {"Marc Coenders"}
    assert es[Role.PENVOERDER] == {"Jan Paul Beekman"}
    assert {"Jozef Geurtzen", "Marij van Deutekom"} <= es[Role.PARTICIPANT]
    for slug in ("vrouwelijk-leiderschap-1", "vrouwelijk-leiderschap-2"):
        assert _roles(slug)[Role.FACILITATOR] == {"Annemarie Neeleman"}
    assert "Jacqueline Schoones" in _roles("vrouwelijk-leiderschap-1")[Role.PARTICIPANT]
    assert "Karin Elferink" in _roles("vrouwelijk-leiderschap-2")[Role.PARTICIPANT]
    vv = _roles("verbindend-vernieuwen")
    assert vv[Role.FACILITATOR] == {"Brigit Verbeek"}
    assert vv[Role.PENVOERDER] == {"Ella Verweij"}
    assert {"Maud Croes", "Wim Brands", "Jacqueline Schoones"} <= vv[Role.PARTICIPANT]
    ol = _roles("ondernemend-leren")
    assert ol[Role.FACILITATOR] == {"Leo Lenssen"}
    assert ol[Role.PENVOERDER] == {"Koos Neuvel"}
    assert {"Trijntje van Delden", "Marga Sijbom"} <= ol[Role.PARTICIPANT]
    mbb = _roles("moreel-beraad-en-bildung")
    assert mbb[Role.FACILITATOR] == {"Dick Middelhoek"}
    assert mbb[Role.PENVOERDER] == {"Thijs Jan van der Leij"}


def test_seed_demo_ondernemend_leren_is_a_network_of_schools_with_two_to_four_each():
    seed_demo(extras=False)
    per_school: dict[str, int] = {}
    for m in Membership.objects.filter(network__slug="ondernemend-leren", role=Role.PARTICIPANT):
        per_school[m.person.school.name] = per_school.get(m.person.school.name, 0) + 1
    assert len(per_school) == 8
    assert all(2 <= n <= 4 for n in per_school.values())
    assert per_school["CSG Dingstede"] == 3


def test_seed_demo_meetings_past_have_attendance_and_upcoming_have_none():
    seed_demo(extras=False)
    now = timezone.now()
    for network in Network.objects.filter(status=NetworkStatus.ACTIVE):
        past = network.meetings.filter(ends_at__lt=now)
        upcoming = network.meetings.filter(starts_at__gte=now)
        assert past.exists(), network.slug
        assert upcoming.exists(), network.slug
        assert all(m.attendances.exists() for m in past), network.slug
    assert not Attendance.objects.filter(meeting__starts_at__gte=now).exists()
    assert not Meeting.objects.filter(
        network__status=NetworkStatus.GRANTED, starts_at__lt=now
    ).exists()


def test_seed_demo_demo_logins_sign_in_with_the_documented_password():
    seed_demo(extras=False)
    request = RequestFactory().post("/account/inloggen/")
    for role, email in DEMO_LOGINS.items():
        user = authenticate(request, email=email, password=DEMO_PASSWORD)
        assert user is not None, role
    staff = authenticate(request, email=DEMO_LOGINS["staff"], password=DEMO_PASSWORD)
    assert staff.is_academy_staff and staff.is_staff
    facilitator = Membership.objects.filter(person__email=DEMO_LOGINS["facilitator"])
    assert set(facilitator.values_list("role", flat=True)) == {Role.FACILITATOR}
    penvoerder = Membership.objects.filter(person__email=DEMO_LOGINS["penvoerder"])
    assert Role.PENVOERDER in set(penvoerder.values_list("role", flat=True))
    participant = Membership.objects.filter(person__email=DEMO_LOGINS["participant"])
    assert set(participant.values_list("network__slug", flat=True)) == {
        "vrouwelijk-leiderschap-1",
        "verbindend-vernieuwen",
    }


def test_seed_demo_calls_the_apps_extras_in_order_and_skips_missing_ones(monkeypatch):
    calls = []
    for app in ("evaluations", "networks", "meetings"):
        module = types.ModuleType(f"{app}.demo")
        module.seed_demo_extras = lambda app=app: calls.append(app)
        monkeypatch.setitem(sys.modules, f"{app}.demo", module)
    # An app without a demo module: importing it fails with ModuleNotFoundError.
    monkeypatch.setitem(sys.modules, "participants.demo", None)
    stats = seed_demo()
    assert calls == ["networks", "meetings", "evaluations"]
    assert stats["extras"] == ["networks", "meetings", "evaluations"]


def test_seed_demo_extras_error_inside_a_demo_module_is_not_hidden(monkeypatch):
    module = types.ModuleType("meetings.demo")

    def broken():
        raise RuntimeError("bug in meetings.demo")

    module.seed_demo_extras = broken
    monkeypatch.setitem(sys.modules, "meetings.demo", module)
    with pytest.raises(RuntimeError, match="bug in meetings.demo"):
        demo_data.run_app_extras()


def test_seed_demo_staff_can_use_the_dutch_admin(client):
    seed_demo(extras=False)
    client.force_login(User.objects.get(email=DEMO_LOGINS["staff"]))
    page = client.get("/beheer/").content.decode()
    assert "Leernetwerk beheer" in page
    assert "Leernetwerken" in page
    assert client.get("/beheer/networks/network/").status_code == 200


def test_seed_demo_people_live_in_the_province_of_their_schools_town(settings):
    """Issue 13 item 9: no "Waalwijk, Friesland". Each person's region is the province of
    her school's town (the towns of the demo are listed per province in demo/seeds.py)."""
    from demo.seeds import SCHOOLS, TOWNS_BY_REGION

    settings.DEBUG = True
    call_command("seed_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
    province_of = {town: region for region, towns in TOWNS_BY_REGION.items() for town in towns}
    province_of.update({seed.town: seed.region for seed in SCHOOLS.values()})

    people = User.objects.filter(school__isnull=False).select_related("school")
    wrong = {
        (p.school.town, p.region) for p in people if province_of.get(p.school.town) != p.region
    }

    assert people.count() > 100
    assert wrong == set()
