from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

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
    SentMail,
)


class GuestSpeakerInline(admin.TabularInline):
    model = GuestSpeaker
    extra = 0


@admin.register(Meeting)
class MeetingAdmin(SimpleHistoryAdmin):
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
class AttendanceAdmin(admin.ModelAdmin):
    list_display = ["meeting", "person", "status"]
    list_filter = ["status"]


@admin.register(Response)
class ResponseAdmin(admin.ModelAdmin):
    list_display = ["meeting", "person", "answer", "answered_at"]
    list_filter = ["answer"]


@admin.register(Case)
class CaseAdmin(admin.ModelAdmin):
    list_display = ["title", "meeting", "author"]


class PollOptionInline(admin.TabularInline):
    model = PollOption
    extra = 0


@admin.register(DatePoll)
class DatePollAdmin(admin.ModelAdmin):
    list_display = ["title", "network", "meeting", "created_at"]
    inlines = [PollOptionInline]


@admin.register(BuddyGroup)
class BuddyGroupAdmin(admin.ModelAdmin):
    list_display = ["name", "network"]


@admin.register(ContactMoment)
class ContactMomentAdmin(admin.ModelAdmin):
    list_display = ["network", "date", "note"]


@admin.register(SentMail)
class SentMailAdmin(admin.ModelAdmin):
    list_display = ["key", "kind", "recipient", "sent_at"]
    list_filter = ["kind"]
