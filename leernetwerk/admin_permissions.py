"""The management site answers to Django's model permissions only.

The app's own rules permissions (django-rules, e.g. "meetings.view_meeting" for members and
staff) share their names with the model permissions the admin asks for, so without this the
admin would open to every staff member with admin access, whatever permissions they were
given. Every ModelAdmin and inline of the project uses these bases; the per-model permission
table the management site follows is declared in tests/security/test_admin_matrix.py."""

from __future__ import annotations

from django.contrib import admin
from django.contrib.auth import get_permission_codename
from django.contrib.auth.backends import ModelBackend
from django.db import models
from simple_history.admin import SimpleHistoryAdmin

from .forms import AmountField

_model_permissions = ModelBackend()


class ModelPermissionsMixin:
    """has_*_permission from the user's (group) model permissions, never from rules."""

    def _has_model_permission(self, request, action: str) -> bool:
        opts = self.opts
        codename = get_permission_codename(action, opts)
        return _model_permissions.has_perm(request.user, f"{opts.app_label}.{codename}")

    def has_view_permission(self, request, obj=None):
        return self._has_model_permission(request, "view") or self._has_model_permission(
            request, "change"
        )

    def has_add_permission(self, request, *args):
        return self._has_model_permission(request, "add")

    def has_change_permission(self, request, obj=None):
        return self._has_model_permission(request, "change")

    def has_delete_permission(self, request, obj=None):
        return self._has_model_permission(request, "delete")

    def has_module_permission(self, request):
        return _model_permissions.has_module_perms(request.user, self.opts.app_label)

    # Not a permission, but every admin page derives from these bases: an amount is typed
    # with a decimal comma or dot, in a text input, as everywhere else in the app.
    formfield_overrides = {models.DecimalField: {"form_class": AmountField}}


class ModelAdmin(ModelPermissionsMixin, admin.ModelAdmin):
    pass


class HistoryAdmin(ModelPermissionsMixin, SimpleHistoryAdmin):
    pass


class TabularInline(ModelPermissionsMixin, admin.TabularInline):
    pass


class StackedInline(ModelPermissionsMixin, admin.StackedInline):
    pass
