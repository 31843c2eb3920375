from django.contrib import admin

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


class ItemInline(admin.TabularInline):
    model = Item
    extra = 0


@admin.register(EvaluationRound)
class EvaluationRoundAdmin(admin.ModelAdmin):
    # Responses and invitations are deliberately not in the admin: nobody browses answers.
    list_display = ["title", "kind", "opens_on", "closes_on", "status", "scores_status"]
    list_filter = ["kind", "status"]
    inlines = [ItemInline]
    filter_horizontal = ["networks"]


class LearningFormInline(admin.TabularInline):
    model = LearningForm
    extra = 0


@admin.register(RankingSurvey)
class RankingSurveyAdmin(admin.ModelAdmin):
    list_display = ["name", "created_at"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [LearningFormInline]


@admin.register(PhaseReport)
class PhaseReportAdmin(admin.ModelAdmin):
    list_display = ["network", "computed_on", "proposed_phase", "phase", "status"]
    list_filter = ["status", "phase"]


@admin.register(Outcome)
class OutcomeAdmin(admin.ModelAdmin):
    list_display = ["network", "kind", "visibility", "created_at"]
    list_filter = ["kind", "visibility"]


class ValueStepInline(admin.StackedInline):
    model = ValueStep
    extra = 0


@admin.register(ValueStory)
class ValueStoryAdmin(admin.ModelAdmin):
    list_display = ["title", "network", "created_at"]
    inlines = [ValueStepInline]
