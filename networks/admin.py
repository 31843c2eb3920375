from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

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
)


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 0
    autocomplete_fields = ["person"]


@admin.register(Network)
class NetworkAdmin(SimpleHistoryAdmin):
    list_display = ["name", "status", "access", "start_date", "planned_end_date"]
    list_filter = ["status", "access"]
    search_fields = ["name", "theme"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [MembershipInline]


@admin.register(Competence)
class CompetenceAdmin(admin.ModelAdmin):
    list_display = ["number", "name"]


class ApplicationInviteeInline(admin.TabularInline):
    model = ApplicationInvitee
    extra = 0
    raw_id_fields = ["person"]


@admin.register(Application)
class ApplicationAdmin(SimpleHistoryAdmin):
    list_display = ["network", "applicant", "submitted_at", "met_count"]
    list_select_related = ["network", "applicant"]
    search_fields = ["network__name", "applicant__email"]
    raw_id_fields = ["network", "applicant", "applicant_school"]
    inlines = [ApplicationInviteeInline]


@admin.register(CriterionJudgement)
class CriterionJudgementAdmin(SimpleHistoryAdmin):
    list_display = ["application", "criterion", "verdict", "status", "judged_by", "judged_at"]
    list_filter = ["criterion", "status"]
    raw_id_fields = ["application", "judged_by"]


@admin.register(Decision)
class DecisionAdmin(SimpleHistoryAdmin):
    list_display = ["application", "kind", "decided_by", "decided_at"]
    list_filter = ["kind"]
    raw_id_fields = ["application", "decided_by"]


@admin.register(RecheckResult)
class RecheckResultAdmin(admin.ModelAdmin):
    list_display = ["network", "period_start", yes_no(RecheckResult, "flagged")]
    list_filter = ["flagged"]
    raw_id_fields = ["network"]


@admin.register(InterestRegistration)
class InterestRegistrationAdmin(admin.ModelAdmin):
    list_display = ["network", "name", "email", "created_at"]
    search_fields = ["name", "email"]
    raw_id_fields = ["network"]
