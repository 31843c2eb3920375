"""The data migration that links BC-Scans shared before scans had networks."""

import datetime
import importlib

import pytest
from django.apps import apps as django_apps
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

from participants.enums import Visibility
from participants.models import BCScan
from tests.factories import MembershipFactory, NetworkFactory, make_member
from tests.factories.participants import BCScanFactory

pytestmark = pytest.mark.django_db

MIGRATION = importlib.import_module("participants.migrations.0005_link_shared_scans_to_networks")


def _migration_world():
    """Scans before the migration: shared ones of an owner with a current, a former and a
    future network; a private one; a shared one of someone without networks."""
    today = timezone.localdate()
    current, former, future = NetworkFactory(), NetworkFactory(), NetworkFactory()
    owner = make_member(current)
    MembershipFactory(
        person=owner,
        network=former,
        joined_on=today - datetime.timedelta(days=400),
        left_on=today - datetime.timedelta(days=10),
    )
    MembershipFactory(person=owner, network=future, joined_on=today + datetime.timedelta(days=5))
    scans = {
        "facilitator": BCScanFactory(owner=owner, visibility=Visibility.FACILITATOR),
        "network": BCScanFactory(owner=owner, visibility=Visibility.NETWORK),
        "private": BCScanFactory(owner=owner, visibility=Visibility.PRIVATE),
        "loner": BCScanFactory(visibility=Visibility.NETWORK),
    }
    return current, scans


def _links(scans) -> dict[str, list]:
    return {name: list(scan.networks.all()) for name, scan in scans.items()}


def test_data_migration_links_shared_scans_to_the_owners_current_networks():
    current, scans = _migration_world()

    MIGRATION.link_shared_scans(django_apps, None)

    assert _links(scans) == {
        "facilitator": [current],
        "network": [current],
        "private": [],
        "loner": [],
    }
    MIGRATION.link_shared_scans(django_apps, None)  # running it again adds nothing
    assert BCScan.networks.through.objects.count() == 2
    MIGRATION.unlink_all_scans(django_apps, None)
    assert BCScan.networks.through.objects.count() == 0


def _linked_networks(scans, name) -> list[int]:
    """The network ids linked to one scan, read from the link table alone (its columns are
    the same at every migration, unlike the people and networks tables)."""
    through = BCScan.networks.through.objects.filter(bcscan_id=scans[name].pk)
    return list(through.values_list("network_id", flat=True))


@pytest.mark.django_db(transaction=True)
def test_data_migration_runs_forward_and_back():
    """The migration itself, between the schema step and its reversal. The world is made
    with today's models first; the schema then goes back to before the migration."""
    current, scans = _migration_world()
    BCScan.networks.through.objects.all().delete()  # no links before 0005
    executor = MigrationExecutor(connection)
    executor.migrate([("participants", "0004_bcscan_networks")])
    try:
        executor = MigrationExecutor(connection)
        executor.migrate([("participants", "0005_link_shared_scans_to_networks")])
        assert _linked_networks(scans, "network") == [current.pk]
        assert _linked_networks(scans, "private") == []

        executor = MigrationExecutor(connection)
        executor.migrate([("participants", "0004_bcscan_networks")])
        assert BCScan.networks.through.objects.count() == 0
    finally:
        executor = MigrationExecutor(connection)
        executor.migrate(executor.loader.graph.leaf_nodes())
