"""Shared view plumbing: login first, then a rules permission; refused = 404 like missing."""

from __future__ import annotations

from django.contrib.auth.views import redirect_to_login
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.views import View

from leernetwerk.pagination import paginate  # noqa: F401  (re-exported for the views)
from networks.models import Network


class PermissionOr404Mixin(View):
    permission_required: str = ""

    def get_permission_object(self):
        return None

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        obj = self.get_permission_object()  # may choose self.permission_required
        if not request.user.has_perm(self.permission_required, obj):
            raise Http404
        return super().dispatch(request, *args, **kwargs)


class NetworkMixin(PermissionOr404Mixin):
    """Views under /evaluaties/netwerken/<slug>/: the network is the permission object."""

    def get_permission_object(self):
        if not hasattr(self, "network"):
            self.network = get_object_or_404(Network, slug=self.kwargs["slug"])
        return self.network
