from django.http import Http404
from django.shortcuts import get_object_or_404

from leernetwerk.pagination import paginate as paginate_request
from networks.models import Network


class NetworkPermissionMixin:
    """Load the network from the slug and require `network_permission` on it; a person
    without it gets 404, the same as for a missing network."""

    network_permission = ""

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            from django.contrib.auth.views import redirect_to_login

            return redirect_to_login(request.get_full_path())
        self.network = get_object_or_404(Network, slug=kwargs["slug"])
        if not request.user.has_perm(self.network_permission, self.network):
            raise Http404
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["network"] = self.network
        return context


class StaffRequiredMixin:
    """Academy staff only; anyone else signed in gets 404."""

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            from django.contrib.auth.views import redirect_to_login

            return redirect_to_login(request.get_full_path())
        if not request.user.has_perm("participants.view_people"):
            raise Http404
        return super().dispatch(request, *args, **kwargs)


def paginate(view, queryset, per_page: int = 25) -> dict:
    """The shared pagination (leernetwerk.pagination) for a view."""
    return paginate_request(view.request, queryset, per_page)
