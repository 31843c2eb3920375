"""An organiser takes someone out of the network, from the members page (asks first)."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.generic import TemplateView

from leernetwerk.views import call_service
from networks.memberships import end_membership, refused_ending
from networks.models import Membership
from networks.views.mixins import NetworkFromSlugMixin


class EndMembershipView(NetworkFromSlugMixin, TemplateView):
    """The network's facilitators and penvoerders; others get 404. The membership is a current
    one of this network and not the organiser's own (she leaves through "Netwerk verlaten");
    anything else answers 404. The last facilitator is refused with the reason."""

    template_name = "participants/end_membership.html"
    permission_required = "networks.end_membership"
    rule_only = True

    def membership(self) -> Membership:
        if not hasattr(self, "_membership"):
            self._membership = get_object_or_404(
                Membership.objects.current()
                .filter(network=self.network)
                .exclude(person=self.request.user)
                .select_related("person", "network"),
                pk=self.kwargs["pk"],
            )
        return self._membership

    def get_context_data(self, **kwargs):
        membership = self.membership()
        return super().get_context_data(
            membership=membership, refused=refused_ending([membership]), **kwargs
        )

    def post(self, request, *args, **kwargs):
        membership = self.membership()
        if call_service(request, end_membership, membership, by=request.user).ok:
            messages.success(
                request,
                _("%(name)s has been removed from %(network)s.")
                % {"name": membership.person, "network": self.network.name},
            )
        return redirect(reverse("participants:network-members", kwargs={"slug": self.network.slug}))
