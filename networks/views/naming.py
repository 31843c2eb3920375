"""The organisers' page for the network's short name, reached from the network's page."""

from __future__ import annotations

from django.utils.translation import gettext as _

from leernetwerk.views import ServiceFormView

from ..forms import ShortNameForm
from ..services import set_short_name
from .mixins import NetworkFromSlugMixin


class ShortNameView(NetworkFromSlugMixin, ServiceFormView):
    """The facilitators and penvoerders of an active network; others get 404."""

    template_name = "networks/short_name_form.html"
    form_class = ShortNameForm
    permission_required = "networks.change_short_name"
    rule_only = True  # for the organisers; staff change it in the management site
    error_field = "short_name"

    def get_initial(self):
        return {"short_name": self.network.short_name}

    def perform(self, form):
        return set_short_name(
            self.network, by=self.request.user, short_name=form.cleaned_data["short_name"]
        )

    def get_success_message(self, result):
        if result.short_name:
            return _("Saved: calendars and e-mails name the network “%(short)s”.") % {
                "short": result.short_name
            }
        return _("Saved: calendars and e-mails use the network's full name.")

    def get_success_url(self):
        return self.network.get_absolute_url()
