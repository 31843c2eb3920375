from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.utils.translation import gettext_lazy as _

from leernetwerk.admin_display import yes_no

from .enums import AuditAction
from .models import AuditLog, BCScan, Invitation, LearningQuestion, School, User
from .services import audit


@admin.register(User)
class UserAdmin(BaseUserAdmin):
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

    def change_view(self, request, object_id, form_url="", extra_context=None):
        """Opening a person in the management site is a staff view of their details."""

        if request.method == "GET":
            person = self.get_object(request, object_id)
            if person is not None:
                audit(request.user, AuditAction.VIEW_PERSON, person, detail="beheer")
        return super().change_view(request, object_id, form_url, extra_context)


@admin.register(School)
class SchoolAdmin(admin.ModelAdmin):
    list_display = ["name", "brin_code", "town", yes_no(School, "is_approved")]
    search_fields = ["name", "brin_code", "town"]
    list_filter = ["is_approved"]
    actions = ["approve"]

    @admin.action(description=_("Approve the selected schools"))
    def approve(self, request, queryset):
        count = queryset.update(is_approved=True)
        self.message_user(request, _("%(count)s schools approved.") % {"count": count})


@admin.register(LearningQuestion)
class LearningQuestionAdmin(admin.ModelAdmin):
    """Only metadata: a question's text is its owner's (docs/domain.md), so staff see no content."""

    list_display = ["id", "owner", "status", "visibility", "updated_at"]
    fields = ["owner", "status", "visibility"]
    readonly_fields = fields

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(BCScan)
class BCScanAdmin(admin.ModelAdmin):
    """Only metadata: answers and action plans are the owner's."""

    list_display = ["id", "owner", "taken_at", "visibility"]
    fields = ["owner", "taken_at", "visibility"]
    readonly_fields = fields

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(Invitation)
class InvitationAdmin(admin.ModelAdmin):
    list_display = ["email", "network", "created_at", "expires_at", "accepted_at"]
    list_filter = ["network"]
    search_fields = ["email"]
    readonly_fields = ["token", "created_at", "accepted_at", "accepted_by", "invited_by"]


@admin.register(AuditLog)
class AuditLogAdmin(admin.ModelAdmin):
    list_display = ["at", "actor", "action", "subject_pseudonym", "detail"]
    list_filter = ["action"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
