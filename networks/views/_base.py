"""Shared view helpers: a permission that is missing answers 404, the same as a missing object."""

from leernetwerk.pagination import paginate  # noqa: F401  (re-exported for the views)
from leernetwerk.permissions import PermissionOr404Mixin


class ObjectPermissionOr404Mixin(PermissionOr404Mixin):
    """`load_object()` gives the object the permission is checked on, kept as `self.object`."""

    def load_object(self):
        raise NotImplementedError

    def get_permission_object(self):
        self.object = self.load_object()
        return self.object


GlobalPermissionOr404Mixin = PermissionOr404Mixin
