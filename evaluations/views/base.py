"""Shared view plumbing: login first, then a rules permission; refused = 404 like missing."""

from __future__ import annotations

from django.shortcuts import get_object_or_404

from leernetwerk.pagination import paginate  # noqa: F401  (re-exported for the views)
from leernetwerk.permissions import PermissionOr404Mixin  # noqa: F401  (re-exported)
from networks.models import Network


class NetworkMixin(PermissionOr404Mixin):
    """Views under /evaluaties/netwerken/<slug>/: the network is the permission object."""

    def get_permission_object(self):
        if not hasattr(self, "network"):
            self.network = get_object_or_404(Network, slug=self.kwargs["slug"])
        return self.network
