"""Leaving a network: a member ends her own membership (asks first, says what follows)."""

from django.contrib import messages
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.generic import TemplateView

from leernetwerk.views import call_service

from ..memberships import leave_network, leaving_refused
from .mixins import NetworkFromSlugMixin


class LeaveNetworkView(NetworkFromSlugMixin, TemplateView):
    """Current members of the network; others get 404. GET asks, POST leaves; the network's
    only facilitator is told why she cannot and is not offered the button."""

    template_name = "networks/leave_network.html"
    permission_required = "networks.leave_network"
    rule_only = True

    def get_context_data(self, **kwargs):
        refused = leaving_refused(self.network, self.request.user)
        return super().get_context_data(refused=refused, **kwargs)

    def post(self, request, *args, **kwargs):
        if call_service(request, leave_network, self.network, request.user).ok:
            messages.success(
                request,
                _("You have left %(network)s. You no longer receive its invitations.")
                % {"network": self.network.name},
            )
            return redirect("networks:my-networks")
        return redirect(reverse("networks:leave-network", kwargs={"slug": self.network.slug}))
