from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LeernetwerkConfig(AppConfig):
    name = "leernetwerk"
    verbose_name = _("System")
