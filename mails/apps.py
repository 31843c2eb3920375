from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MailsConfig(AppConfig):
    name = "mails"
    verbose_name = _("Mail")
