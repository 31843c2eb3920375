from django.shortcuts import get_object_or_404

from leernetwerk.pagination import paginate as paginate_request
from leernetwerk.permissions import PermissionOr404Mixin
from networks.models import Network


class NetworkPermissionMixin(PermissionOr404Mixin):
    """Pages of one network (from the slug): `permission_required` is checked on it."""

    def get_permission_object(self):
        self.network = get_object_or_404(Network, slug=self.kwargs["slug"])
        return self.network

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["network"] = self.network
        return context


class StaffRequiredMixin(PermissionOr404Mixin):
    """Academy staff only; anyone else signed in gets 404."""

    permission_required = "participants.view_people"


def paginate(view, queryset, per_page: int = 25) -> dict:
    """The shared pagination (leernetwerk.pagination) for a view."""
    return paginate_request(view.request, queryset, per_page)
