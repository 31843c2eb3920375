from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.utils.translation import gettext_lazy as _

from leernetwerk import admin_permissions as permissions
from leernetwerk.admin_display import yes_no

from .enums import AuditAction
from .models import AuditLog, BCScan, Invitation, LearningQuestion, School, User
from .services import audit


class AuditedViewsMixin:
    """Opening one person's object in the management site (its change or history page) is
    a staff view of that person's data and is written to the audit log, as the privacy page
    promises. `audit_action` names what was viewed; `audit_subject` whose it is."""

    audit_action = AuditAction.VIEW_PERSON

    def audit_subject(self, obj):
        return obj.owner

    def _audit_view(self, request, object_id, page: str) -> None:
        if request.method != "GET":
            return
        obj = self.get_object(request, object_id)
        if obj is not None:
            audit(request.user, self.audit_action, self.audit_subject(obj), detail=page)

    def change_view(self, request, object_id, form_url="", extra_context=None):
        self._audit_view(request, object_id, "beheer")
        return super().change_view(request, object_id, form_url, extra_context)

    def history_view(self, request, object_id, extra_context=None):
        self._audit_view(request, object_id, "beheer: geschiedenis")
        return super().history_view(request, object_id, extra_context)


@admin.register(User)
class UserAdmin(AuditedViewsMixin, permissions.ModelPermissionsMixin, BaseUserAdmin):
    ordering = ["last_name", "first_name"]
    list_display = [
        "email",
        "first_name",
        "last_name",
        "function",
        "school",
        yes_no(User, "is_active"),
    ]
    list_filter = ["function", "region", "is_active", "groups"]
    search_fields = ["email", "first_name", "last_name"]
    autocomplete_fields = ["school"]
    fieldsets = (
        (None, {"fields": ("email", "password")}),
        (
            _("Profile"),
            {"fields": ("first_name", "last_name", "function", "school", "region", "phone")},
        ),
        (_("Access"), {"fields": ("is_active", "is_staff", "is_superuser", "groups")}),
        (_("Dates"), {"fields": ("last_login", "date_joined")}),
    )
    add_fieldsets = ((None, {"classes": ("wide",), "fields": ("email", "password1", "password2")}),)

    def audit_subject(self, obj):
        return obj


@admin.register(School)
class SchoolAdmin(permissions.ModelAdmin):
    list_display = ["name", "brin_code", "town", yes_no(School, "is_approved")]
    search_fields = ["name", "brin_code", "town"]
    list_filter = ["is_approved"]
    actions = ["approve"]

    @admin.action(description=_("Approve the selected schools"))
    def approve(self, request, queryset):
        count = queryset.update(is_approved=True)
        self.message_user(request, _("%(count)s schools approved.") % {"count": count})


@admin.register(LearningQuestion)
class LearningQuestionAdmin(AuditedViewsMixin, permissions.ModelAdmin):
    """Only metadata: a question's text is its owner's (docs/domain.md), so staff see no content.
    Its name in lists, history and delete confirmations is its number (see __str__)."""

    audit_action = AuditAction.VIEW_QUESTION
    list_display = ["id", "owner", "status", "visibility", "updated_at"]
    fields = ["owner", "status", "visibility"]
    readonly_fields = fields

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(BCScan)
class BCScanAdmin(AuditedViewsMixin, permissions.ModelAdmin):
    """Only metadata: answers and action plans are the owner's."""

    audit_action = AuditAction.VIEW_SCAN
    list_display = ["id", "owner", "taken_at", "visibility"]
    fields = ["owner", "taken_at", "visibility"]
    readonly_fields = fields

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(Invitation)
class InvitationAdmin(permissions.ModelAdmin):
    list_display = ["email", "network", "created_at", "expires_at", "accepted_at"]
    list_filter = ["network"]
    search_fields = ["email"]
    readonly_fields = ["token", "created_at", "accepted_at", "accepted_by", "invited_by"]


@admin.register(AuditLog)
class AuditLogAdmin(permissions.ModelAdmin):
    list_display = ["at", "actor", "action", "subject_pseudonym", "detail"]
    list_filter = ["action"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
