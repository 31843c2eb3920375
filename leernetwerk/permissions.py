"""Access to a page: sign in first, then a rules permission decides; refused answers 404."""

import rules
from django.contrib.auth.views import redirect_to_login
from django.http import Http404


class PermissionOr404Mixin:
    """Anonymous visitors go to the login page. Anyone else needs `permission_required` on
    `get_permission_object()` (None: a permission without an object); without it the page
    answers 404, the same as for an object that does not exist, so nothing leaks.

    `rule_only = True`: the rules predicate alone decides (`rules.has_perm`), so a superuser's
    blanket Django permissions do not open the page (the minutes: members only)."""

    permission_required: str = ""
    rule_only: bool = False

    def get_permission_object(self):
        return None

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        permission_object = self.get_permission_object()  # may choose permission_required
        if self.rule_only:
            allowed = rules.has_perm(self.permission_required, request.user, permission_object)
        else:
            allowed = request.user.has_perm(self.permission_required, permission_object)
        if not allowed:
            raise Http404
        return super().dispatch(request, *args, **kwargs)
