"""The network of a page, from the slug in its URL; every app's network pages use this one."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.shortcuts import get_object_or_404

from leernetwerk.permissions import PermissionOr404Mixin

from ..models import Network


class NetworkFromSlugMixin(PermissionOr404Mixin):
    """Pages of one network (`slug` in the URL): `permission_required` is checked on it, kept
    as `self.network` and given to the template as `network`. A slug that does not exist
    answers 404; with `only_visible` a network the viewer may not see answers 404 before the
    permission is asked (`Network.objects.visible_to`)."""

    only_visible: bool = False

    def network_queryset(self) -> QuerySet[Network]:
        if self.only_visible:
            return Network.objects.visible_to(self.request.user)
        return Network.objects.all()

    def get_permission_object(self) -> Any:
        if not hasattr(self, "network"):
            self.network = get_object_or_404(self.network_queryset(), slug=self.kwargs["slug"])
        return self.network

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context["network"] = self.network
        return context
