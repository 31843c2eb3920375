"""Phase reports and the phase set by the facilitator."""

from __future__ import annotations

import datetime
import logging
from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from leernetwerk.dispatch import enqueue
from networks.enums import SUPPORTED_STATUSES, Phase
from networks.models import Network
from participants.models import User

from .. import selectors
from ..enums import ComputationStatus
from ..models import PhaseReport
from ..tasks import task_compute_phase_report, task_compute_phase_reports

logger = logging.getLogger(__name__)


@transaction.atomic
def set_phase(network: Network, *, by: User, phase: str) -> Network:
    """Set (or with "" clear) the phase the facilitator sees the network in. The proposal
    from the data stays visible beside it. Facilitators and staff (checked by the caller)."""
    if phase and phase not in Phase.values:
        raise ValidationError({"phase": _("Choose a phase.")})
    network.phase_override = phase
    network.save(update_fields=["phase_override", "updated_at"])
    return network


def _mark(network_ids: list[int], today: datetime.date, status: str, error: str = "") -> None:
    """Set the status of the networks' reports of `today` (rows made where missing), in one
    statement."""
    PhaseReport.objects.bulk_create(
        [
            PhaseReport(network_id=network_id, computed_on=today, status=status, error=error)
            for network_id in network_ids
        ],
        update_conflicts=True,
        unique_fields=["network", "computed_on"],
        update_fields=["status", "error", "updated_at"],
    )


def compute_phase_reports(network_ids: Iterable[int], today: datetime.date | None = None) -> int:
    """Compute and store today's phase reports of the networks: the proposed and effective
    phase and the evidence for each phase's conditions. One row per network per day; running
    it again the same day rewrites those rows (idempotent). A fixed number of queries for the
    whole set (the reads of `selectors.phase_evidence_of_networks`, one upsert to mark them
    running and one to store them), whatever the number of networks.

    The reports are marked running first, then done, in one transaction. If the set fails,
    nothing of it is kept and the networks are computed one by one (each the set of one), so
    one bad network cannot fail the others: each ends done, or failed with its own error; a
    set of one raises its error. Returns how many were computed."""
    network_ids = sorted(set(network_ids))
    if not network_ids:
        return 0
    today = today or timezone.localdate()
    _mark(network_ids, today, ComputationStatus.RUNNING)
    try:
        with transaction.atomic():
            networks = list(Network.objects.filter(pk__in=network_ids).order_by("pk"))
            if len(networks) != len(network_ids):
                raise Network.DoesNotExist("a network of the set no longer exists")
            evidence = selectors.phase_evidence_of_networks(networks, today)
            PhaseReport.objects.bulk_create(
                [
                    PhaseReport(
                        network_id=network.pk,
                        computed_on=today,
                        proposed_phase=evidence[network.pk][0],
                        phase=network.phase_override or evidence[network.pk][0],
                        data=evidence[network.pk][1],
                        status=ComputationStatus.DONE,
                        error="",
                    )
                    for network in networks
                ],
                update_conflicts=True,
                unique_fields=["network", "computed_on"],
                update_fields=["proposed_phase", "phase", "data", "status", "error", "updated_at"],
            )
        return len(networks)
    except Exception as error:
        if len(network_ids) == 1:
            _mark(network_ids, today, ComputationStatus.FAILED, str(error)[:2000])
            raise
        logger.exception("phase reports of %d networks failed together", len(network_ids))
    done = 0
    for network_id in network_ids:
        try:
            done += compute_phase_reports([network_id], today)
        except Exception:
            logger.exception("phase report of network %s failed", network_id)
    return done


def compute_phase_report(network_id: int, today: datetime.date | None = None) -> PhaseReport:
    """Compute and store today's phase report of one network (the set of one of
    `compute_phase_reports`) and return it. Called by Celery on demand."""
    today = today or timezone.localdate()
    compute_phase_reports([network_id], today)
    return PhaseReport.objects.get(network_id=network_id, computed_on=today)


def request_phase_report(network: Network) -> None:
    """Mark today's report pending and have Celery compute it after commit."""
    PhaseReport.objects.update_or_create(
        network=network,
        computed_on=timezone.localdate(),
        defaults={"status": ComputationStatus.PENDING, "error": ""},
    )
    enqueue(task_compute_phase_report, network_id=network.pk)


def request_phase_reports(network_ids: Iterable[int]) -> None:
    """Mark today's reports of the networks pending and have the worker compute them after
    commit, all in one set (`compute_phase_reports`: a fixed number of queries, however many
    networks a national round has). Called when a round's scores change (a round closed and
    computed, or computed again), so no network's phase report keeps showing older figures.
    Safe to call twice: the reports of the day are rewritten."""
    network_ids = sorted(set(network_ids))
    if not network_ids:
        return
    _mark(network_ids, timezone.localdate(), ComputationStatus.PENDING)
    enqueue(task_compute_phase_reports, network_ids=network_ids)


def compute_all_phase_reports(today: datetime.date | None = None) -> int:
    """Nightly: a phase report for every supported network, all in one set. Returns how
    many were computed."""
    return compute_phase_reports(
        Network.objects.filter(status__in=SUPPORTED_STATUSES).values_list("pk", flat=True), today
    )
