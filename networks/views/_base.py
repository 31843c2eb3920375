"""Shared view helpers: a permission that is missing answers 404, the same as a missing object."""

from django.http import Http404

from leernetwerk.pagination import paginate  # noqa: F401  (re-exported for the views)


class ObjectPermissionOr404Mixin:
    """Load `self.object` with `load_object()` and check `permission_required` on it.

    Anonymous users were sent to the login page before (LoginRequiredMixin comes first);
    anyone else without the permission gets 404, like for an object that does not exist."""

    permission_required: str = ""

    def load_object(self):
        raise NotImplementedError

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated:
            self.object = self.load_object()
            if not request.user.has_perm(self.permission_required, self.object):
                raise Http404
        return super().dispatch(request, *args, **kwargs)


class GlobalPermissionOr404Mixin:
    permission_required: str = ""

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated and not request.user.has_perm(self.permission_required):
            raise Http404
        return super().dispatch(request, *args, **kwargs)
