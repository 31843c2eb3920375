from django.db import models
from django.utils.translation import gettext_lazy as _


class MailStatus(models.TextChoices):
    QUEUED = "queued", _("Queued")
    HELD = "held", _("Held for the digest")
    SENT = "sent", _("Sent")
    DIGESTED = "digested", _("Sent in a digest")
    FAILED = "failed", _("Failed")


class Frequency(models.TextChoices):
    """How a person receives notifications other than invitations."""

    IMMEDIATE = "immediate", _("At once, one mail each")
    DAILY = "daily", _("One digest a day")
    WEEKLY = "weekly", _("One digest a week (Monday)")
