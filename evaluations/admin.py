from django.contrib import admin

from leernetwerk import admin_permissions as permissions

from .models import (
    EvaluationRound,
    Item,
    LearningForm,
    Outcome,
    PhaseReport,
    RankingSurvey,
    ValueStep,
    ValueStory,
)


class ItemInline(permissions.TabularInline):
    model = Item
    extra = 0


@admin.register(EvaluationRound)
class EvaluationRoundAdmin(permissions.ModelAdmin):
    # Responses and invitations are deliberately not in the admin: nobody browses answers.
    list_display = ["title", "kind", "opens_on", "closes_on", "status", "scores_status"]
    list_filter = ["kind", "status"]
    inlines = [ItemInline]
    filter_horizontal = ["networks"]


class LearningFormInline(permissions.TabularInline):
    model = LearningForm
    extra = 0


@admin.register(RankingSurvey)
class RankingSurveyAdmin(permissions.ModelAdmin):
    list_display = ["name", "created_at"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [LearningFormInline]


@admin.register(PhaseReport)
class PhaseReportAdmin(permissions.ModelAdmin):
    list_display = ["network", "computed_on", "proposed_phase", "phase", "status"]
    list_filter = ["status", "phase"]


@admin.register(Outcome)
class OutcomeAdmin(permissions.ModelAdmin):
    list_display = ["network", "kind", "visibility", "created_at"]
    list_filter = ["kind", "visibility"]


class ValueStepInline(permissions.StackedInline):
    model = ValueStep
    extra = 0


@admin.register(ValueStory)
class ValueStoryAdmin(permissions.ModelAdmin):
    list_display = ["title", "network", "created_at"]
    inlines = [ValueStepInline]
