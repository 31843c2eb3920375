"""Writes for the BC-Scan: recording a complete scan, its action plans and with which of the
owner's networks it is shared, and deleting it."""

from __future__ import annotations

from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from networks.models import Network

from .. import bcscan
from ..enums import Visibility
from ..models import BCScan, User


def _share_scan(scan: BCScan, *, visibility: str, networks: Iterable[Network] | None) -> None:
    """Keep true: a private scan has no network links; a shared one is linked to at least
    one network, each a current network of its owner. `networks=None` keeps the links."""
    if visibility == Visibility.PRIVATE:
        scan.networks.clear()
        return
    if networks is None:
        return
    networks = list(networks)
    if not networks:
        raise ValidationError(_("Choose at least one network to share your BC-Scan with."))
    own = set(Network.objects.with_role(scan.owner).values_list("pk", flat=True))
    if any(network.pk not in own for network in networks):
        raise ValidationError(_("You can only share with a network you are a member of."))
    scan.networks.set(networks)


@transaction.atomic
def record_scan(
    *,
    owner: User,
    answers: dict[str, int],
    visibility: str,
    networks: Iterable[Network] = (),
) -> BCScan:
    """Save a complete BC-Scan, shared through the chosen networks of the owner (none when
    private). Every statement must have an answer on the scale."""
    if bcscan.missing_answers(answers):
        raise ValidationError(_("Answer every statement."))
    scan = BCScan.objects.create(
        owner=owner,
        answers={key: int(answers[key]) for key in bcscan.STATEMENT_KEYS},
        visibility=visibility,
    )
    _share_scan(scan, visibility=visibility, networks=networks)
    return scan


@transaction.atomic
def update_scan_plan(
    scan: BCScan,
    *,
    by: User,
    action_plans: dict,
    visibility: str,
    networks: Iterable[Network] | None = None,
) -> BCScan:
    """The owner changes the action plans and with whom the scan is shared: making it
    private removes its network links; `networks=None` keeps them as they are."""
    if scan.owner_id != by.pk:
        raise PermissionError("only the owner changes a BC-Scan")
    scan.action_plans = {str(k): v.strip() for k, v in action_plans.items() if v and v.strip()}
    scan.visibility = visibility
    scan.save(update_fields=["action_plans", "visibility"])
    _share_scan(scan, visibility=visibility, networks=networks)
    return scan


def delete_scan(scan: BCScan, *, by: User) -> None:
    """Delete the BC-Scan. Only its owner (`by`); PermissionError for anyone else."""
    if scan.owner_id != by.pk:
        raise PermissionError("only the owner deletes a BC-Scan")
    scan.delete()
