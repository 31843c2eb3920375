from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from networks.signals import member_added


class MeetingsConfig(AppConfig):
    name = "meetings"
    verbose_name = _("Meetings")

    def ready(self) -> None:
        from . import receivers  # noqa: PLC0415 - imports models and tasks: only once apps are ready

        member_added.connect(receivers.member_added, dispatch_uid="meetings.member_added")
