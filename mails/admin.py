"""Staff see the mails that failed (and the others) as metadata: never the text."""

from django.contrib import admin

from leernetwerk import admin_permissions as permissions

from .models import Mail


@admin.register(Mail)
class MailAdmin(permissions.ModelAdmin):
    list_display = ["created_at", "kind", "to", "status", "attempts", "sent_at"]
    list_filter = ["status", "kind"]
    search_fields = ["to"]
    fields = ["kind", "to", "status", "attempts", "error", "created_at", "sent_at"]
    readonly_fields = fields

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
