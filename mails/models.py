from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from .enums import Frequency, MailStatus


class Mail(models.Model):
    """One mail to one address: the only way the app sends mail (see mails/services.py).

    The unique key names the event and the recipient, so a mail is queued once however often
    its cause runs; the worker sends queued rows and retries failed ones. The body is
    emptied once the mail is sent: what stays is metadata (who, what, when, status)."""

    key = models.CharField(_("key"), max_length=200, unique=True)
    to = models.EmailField(_("to"))
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recipient"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="mails",
    )
    kind = models.CharField(_("kind"), max_length=40)
    subject = models.CharField(_("subject"), max_length=300)
    body = models.TextField(_("text"), blank=True)
    attachment_name = models.CharField(_("attachment"), max_length=100, blank=True)
    attachment = models.BinaryField(_("attachment content"), blank=True, default=b"")
    status = models.CharField(
        _("status"), max_length=20, choices=MailStatus.choices, default=MailStatus.QUEUED
    )
    error = models.TextField(_("error"), blank=True)
    attempts = models.PositiveIntegerField(_("attempts"), default=0)
    digest = models.ForeignKey(
        "self",
        verbose_name=_("sent in digest"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="digested_mails",
    )
    created_at = models.DateTimeField(_("queued at"), auto_now_add=True)
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("mail")
        verbose_name_plural = _("mails")
        indexes = [models.Index(fields=["status", "created_at"])]

    def __str__(self) -> str:
        return f"{self.kind} → {self.to}"


class MailPreference(models.Model):
    """A person's choice of how notifications reach them (invitations always come at once)."""

    person = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("person"),
        on_delete=models.CASCADE,
        related_name="mail_preference",
    )
    frequency = models.CharField(
        _("notifications"), max_length=20, choices=Frequency.choices, default=Frequency.IMMEDIATE
    )

    class Meta:
        verbose_name = _("mail preference")
        verbose_name_plural = _("mail preferences")

    def __str__(self) -> str:
        return str(self.person)
