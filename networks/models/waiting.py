"""The waiting list of a full open network: who registered past the maximum, in order."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from ..enums import WaitingStatus
from .networks import InterestRegistration, Network


class WaitingListEntry(models.Model):
    """A registration of interest that arrived when the network was full.

    Ordered by `listed_at` (when she joined the list); an offered place holds until
    `offered_until`. One entry per registration: registering again after being removed puts
    her back at the end of the list."""

    network = models.ForeignKey(
        Network,
        verbose_name=_("network"),
        on_delete=models.CASCADE,
        related_name="waiting_list",
    )
    registration = models.OneToOneField(
        InterestRegistration,
        verbose_name=_("registration of interest"),
        on_delete=models.CASCADE,
        related_name="waiting_entry",
    )
    status = models.CharField(
        _("status"), max_length=20, choices=WaitingStatus.choices, default=WaitingStatus.WAITING
    )
    listed_at = models.DateTimeField(_("on the waiting list since"))
    offered_until = models.DateTimeField(_("place offered until"), null=True, blank=True)
    resolved_at = models.DateTimeField(_("resolved"), null=True, blank=True)

    class Meta:
        ordering = ["network", "listed_at", "pk"]
        verbose_name = _("waiting list entry")
        verbose_name_plural = _("waiting list entries")
        indexes = [models.Index(fields=["network", "status", "listed_at"])]

    def __str__(self) -> str:
        return f"{self.registration.name} — {self.network}"

    @property
    def name(self) -> str:
        return self.registration.name

    @property
    def email(self) -> str:
        return self.registration.email
