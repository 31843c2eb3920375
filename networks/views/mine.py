"""The start page ("Mijn netwerken") and a network's own page."""

from django.contrib.auth.mixins import LoginRequiredMixin
from django.shortcuts import get_object_or_404
from django.views.generic import DetailView, TemplateView
from rules.contrib.views import PermissionRequiredMixin

from leernetwerk.pagination import paginate

from ..filters import StaffNetworkFilter
from ..models import Network
from ..selectors import members_of_network, my_networks_for_person, networks_for_staff


class MyNetworksView(LoginRequiredMixin, TemplateView):
    """Members see their networks with their role; staff see all networks with filters."""

    template_name = "networks/my_networks.html"
    paginate_by = 25

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user = self.request.user
        context["my_networks"] = my_networks_for_person(user)
        if user.is_academy_staff:
            network_filter = StaffNetworkFilter(self.request.GET, queryset=networks_for_staff())
            page = paginate(self.request, network_filter.qs, self.paginate_by)
            context.update(page, network_filter=network_filter, staff_networks=page["object_list"])
        return context


class NetworkDetailView(LoginRequiredMixin, PermissionRequiredMixin, DetailView):
    """A network's page for its members and staff; others get 404 (same as missing)."""

    permission_required = "networks.view_network"
    template_name = "networks/network_detail.html"
    context_object_name = "network"

    def get_object(self, queryset=None):
        # Called by the permission check and by the view: load the network once.
        if not hasattr(self, "_network"):
            self._network = get_object_or_404(
                Network.objects.visible_to(self.request.user).prefetch_related("focus_competences"),
                slug=self.kwargs["slug"],
            )
        return self._network

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["members"] = list(members_of_network(self.object, viewer=self.request.user))
        return context
