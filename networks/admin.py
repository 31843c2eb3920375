from django.contrib import admin

from leernetwerk import admin_permissions as permissions
from leernetwerk.admin_display import yes_no

from .models import (
    Application,
    ApplicationInvitee,
    Competence,
    CriterionJudgement,
    Decision,
    InterestRegistration,
    Membership,
    Network,
    RecheckResult,
    WaitingListEntry,
)


class MembershipInline(permissions.TabularInline):
    model = Membership
    extra = 0
    autocomplete_fields = ["person"]


@admin.register(Network)
class NetworkAdmin(permissions.HistoryAdmin):
    list_display = ["name", "short_name", "status", "access", "start_date", "planned_end_date"]
    list_filter = ["status", "access"]
    search_fields = ["name", "short_name", "theme"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [MembershipInline]


@admin.register(Competence)
class CompetenceAdmin(permissions.ModelAdmin):
    list_display = ["number", "name"]


class ApplicationInviteeInline(permissions.TabularInline):
    model = ApplicationInvitee
    extra = 0
    raw_id_fields = ["person"]


@admin.register(Application)
class ApplicationAdmin(permissions.HistoryAdmin):
    list_display = ["network", "applicant", "submitted_at", "met_count"]
    list_select_related = ["network", "applicant"]
    search_fields = ["network__name", "applicant__email"]
    raw_id_fields = ["network", "applicant", "applicant_school"]
    inlines = [ApplicationInviteeInline]


@admin.register(CriterionJudgement)
class CriterionJudgementAdmin(permissions.HistoryAdmin):
    list_display = ["application", "criterion", "verdict", "status", "judged_by", "judged_at"]
    list_filter = ["criterion", "status"]
    raw_id_fields = ["application", "judged_by"]


@admin.register(Decision)
class DecisionAdmin(permissions.HistoryAdmin):
    list_display = ["application", "kind", "decided_by", "decided_at"]
    list_filter = ["kind"]
    raw_id_fields = ["application", "decided_by"]


@admin.register(RecheckResult)
class RecheckResultAdmin(permissions.ModelAdmin):
    list_display = ["network", "period_start", yes_no(RecheckResult, "flagged")]
    list_filter = ["flagged"]
    raw_id_fields = ["network"]


@admin.register(InterestRegistration)
class InterestRegistrationAdmin(permissions.ModelAdmin):
    list_display = ["network", "name", "email", "created_at"]
    search_fields = ["name", "email"]
    raw_id_fields = ["network"]


@admin.register(WaitingListEntry)
class WaitingListEntryAdmin(permissions.ModelAdmin):
    """Like the registrations of interest: names and addresses only for those whose model
    permission opens this page."""

    list_display = ["network", "registration", "status", "listed_at", "offered_until"]
    list_filter = ["status"]
    search_fields = ["registration__name", "registration__email"]
    raw_id_fields = ["network", "registration"]
