from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from networks.signals import member_left


class ParticipantsConfig(AppConfig):
    name = "participants"
    verbose_name = _("Participants")

    def ready(self) -> None:
        from . import receivers  # noqa: PLC0415 - imports models and services: only once apps are ready

        member_left.connect(receivers.member_left, dispatch_uid="participants.member_left")
