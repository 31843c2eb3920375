from django.contrib import admin

from leernetwerk import admin_permissions as permissions
from leernetwerk.admin_display import yes_no

from .models import (
    Attendance,
    BuddyGroup,
    Case,
    ContactMoment,
    DatePoll,
    GuestSpeaker,
    Meeting,
    PollOption,
    Response,
)


class GuestSpeakerInline(permissions.TabularInline):
    """Metadata only: the briefing is never stored, the answer link's secret is not shown."""

    model = GuestSpeaker
    fields = ["name", "organisation", "topic"]
    extra = 0
    fields = ["name", "email", "organisation", "topic", "invited_at", "answer"]
    readonly_fields = ["invited_at", "answer"]


@admin.register(Meeting)
class MeetingAdmin(permissions.HistoryAdmin):
    list_display = [
        "title",
        "network",
        "starts_at",
        "status",
        yes_no(Meeting, "academy_invited"),
        "sequence",
    ]
    list_filter = ["status", "academy_invited"]
    search_fields = ["title", "network__name"]
    inlines = [GuestSpeakerInline]


@admin.register(Attendance)
class AttendanceAdmin(permissions.ModelAdmin):
    list_display = ["meeting", "person", "status"]
    list_filter = ["status"]


@admin.register(Response)
class ResponseAdmin(permissions.ModelAdmin):
    list_display = ["meeting", "person", "answer", "answered_at"]
    list_filter = ["answer"]


@admin.register(Case)
class CaseAdmin(permissions.ModelAdmin):
    list_display = ["title", "meeting", "author"]


class PollOptionInline(permissions.TabularInline):
    model = PollOption
    extra = 0


@admin.register(DatePoll)
class DatePollAdmin(permissions.ModelAdmin):
    list_display = ["title", "network", "meeting", "created_at"]
    inlines = [PollOptionInline]


@admin.register(BuddyGroup)
class BuddyGroupAdmin(permissions.ModelAdmin):
    list_display = ["name", "network"]


@admin.register(ContactMoment)
class ContactMomentAdmin(permissions.ModelAdmin):
    list_display = ["network", "date", "note"]
