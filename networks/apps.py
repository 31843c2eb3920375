from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NetworksConfig(AppConfig):
    name = "networks"
    verbose_name = _("Learning networks")

    def ready(self) -> None:
        from .directory_cache import connect_receivers  # noqa: PLC0415 - models are not loaded before ready()

        connect_receivers()
