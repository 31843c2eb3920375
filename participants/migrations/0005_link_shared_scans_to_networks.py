"""Link every shared BC-Scan to the networks it reached before scans had networks.

Until 0004 a scan shared with the facilitator or the network reached all its owner's current
networks. Linking each non-private scan to exactly those networks keeps every reader it had
on the day of the migration; private scans stay unlinked, so nothing private becomes shared.
Going back removes the links again (before 0004 no scan had any)."""

from django.db import migrations
from django.db.models import Q
from django.utils import timezone

PRIVATE = "private"


def link_shared_scans(apps, schema_editor):
    BCScan = apps.get_model("participants", "BCScan")
    Membership = apps.get_model("networks", "Membership")
    Link = BCScan.networks.through
    today = timezone.localdate()
    shared = list(BCScan.objects.exclude(visibility=PRIVATE).values_list("pk", "owner_id"))
    owners = {owner_id for _, owner_id in shared}
    networks_of: dict[int, set[int]] = {}
    current = (
        Membership.objects.filter(person_id__in=owners, joined_on__lte=today)
        .filter(Q(left_on__isnull=True) | Q(left_on__gt=today))
        .values_list("person_id", "network_id")
    )
    for person_id, network_id in current:
        networks_of.setdefault(person_id, set()).add(network_id)
    Link.objects.bulk_create(
        [
            Link(bcscan_id=scan_id, network_id=network_id)
            for scan_id, owner_id in shared
            for network_id in sorted(networks_of.get(owner_id, ()))
        ],
        batch_size=500,
        ignore_conflicts=True,
    )


def unlink_all_scans(apps, schema_editor):
    BCScan = apps.get_model("participants", "BCScan")
    BCScan.networks.through.objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [
        ("networks", "0004_applications_review_recheck"),
        ("participants", "0004_bcscan_networks"),
    ]

    operations = [
        migrations.RunPython(link_shared_scans, unlink_all_scans),
    ]
