"""Access to a page: sign in first, then a rules permission decides; refused answers 404."""

from django.contrib.auth.views import redirect_to_login
from django.http import Http404


class PermissionOr404Mixin:
    """Anonymous visitors go to the login page. Anyone else needs `permission_required` on
    `get_permission_object()` (None: a permission without an object); without it the page
    answers 404, the same as for an object that does not exist, so nothing leaks."""

    permission_required: str = ""

    def get_permission_object(self):
        return None

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        permission_object = self.get_permission_object()  # may choose permission_required
        if not request.user.has_perm(self.permission_required, permission_object):
            raise Http404
        return super().dispatch(request, *args, **kwargs)
