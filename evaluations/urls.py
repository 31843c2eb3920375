from django.urls import path

from .views import harvest, phases, ranking, reports, respond, rounds

app_name = "evaluations"

urlpatterns = [
    path("", rounds.RoundListView.as_view(), name="round-list"),
    path("rondes/nieuw/", rounds.RoundCreateView.as_view(), name="round-create"),
    path("rondes/<int:pk>/", rounds.RoundDetailView.as_view(), name="round-detail"),
    path("rondes/<int:pk>/respons/", rounds.ResponseRateView.as_view(), name="round-rate"),
    path("rondes/<int:pk>/vragen/nieuw/", rounds.ItemCreateView.as_view(), name="item-create"),
    path("rondes/<int:pk>/sluiten/", rounds.RoundCloseView.as_view(), name="round-close"),
    path("rondes/<int:pk>/berekenen/", rounds.RoundComputeView.as_view(), name="round-compute"),
    path("rondes/<int:pk>/publiceren/", rounds.RoundPublishView.as_view(), name="round-publish"),
    path("rondes/<int:pk>/delen/", rounds.RoundShareView.as_view(), name="round-share"),
    path("rondes/<int:pk>/herinneren/", rounds.RoundRemindView.as_view(), name="round-remind"),
    path(
        "netwerken/<slug:slug>/respons/",
        rounds.NetworkResponseRateView.as_view(),
        name="network-rate",
    ),
    path("rondes/<int:pk>/rapport/", reports.ReportView.as_view(), name="report"),
    path("rondes/<int:pk>/rapport/pdf/", reports.ReportPdfView.as_view(), name="report-pdf"),
    path(
        "rondes/<int:pk>/rapport/pdf/status/",
        reports.ReportPdfStatusView.as_view(),
        name="report-pdf-status",
    ),
    path("rondes/<int:pk>/rapport/csv/", reports.ReportCsvView.as_view(), name="report-csv"),
    path(
        "rondes/<int:pk>/rapport/<slug:slug>/", reports.ReportView.as_view(), name="network-report"
    ),
    path(
        "rondes/<int:pk>/rapport/<slug:slug>/pdf/",
        reports.ReportPdfView.as_view(),
        name="network-report-pdf",
    ),
    path(
        "rondes/<int:pk>/rapport/<slug:slug>/pdf/status/",
        reports.ReportPdfStatusView.as_view(),
        name="network-report-pdf-status",
    ),
    path(
        "rondes/<int:pk>/rapport/<slug:slug>/csv/",
        reports.ReportCsvView.as_view(),
        name="network-report-csv",
    ),
    path("invullen/bedankt/", respond.ThanksView.as_view(), name="respond-thanks"),
    path("invullen/<str:token>/", respond.RespondView.as_view(), name="respond"),
    path("leertop3/", ranking.SurveyListView.as_view(), name="survey-list"),
    path("leertop3/nieuw/", ranking.SurveyCreateView.as_view(), name="survey-create"),
    path("leertop3/<slug:slug>/", ranking.SurveyDetailView.as_view(), name="survey-detail"),
    path(
        "leertop3/<slug:slug>/vormen/nieuw/",
        ranking.LearningFormCreateView.as_view(),
        name="form-create",
    ),
    path(
        "leertop3/<slug:slug>/stembiljet/", ranking.BallotCreateView.as_view(), name="ballot-create"
    ),
    path("leertop3/<slug:slug>/bestand/", ranking.BallotImportView.as_view(), name="ballot-import"),
    path(
        "leertop3/<slug:slug>/bestand/<int:pk>/",
        ranking.BallotImportJobView.as_view(),
        name="ballot-import-job",
    ),
    path("leertop3/<slug:slug>/samenvoegen/", ranking.MergeView.as_view(), name="merge"),
    path("dashboard/", phases.DashboardView.as_view(), name="dashboard"),
    path("netwerken/<slug:slug>/fase/", phases.PhaseView.as_view(), name="phase"),
    path(
        "netwerken/<slug:slug>/fase/berekenen/",
        phases.PhaseComputeView.as_view(),
        name="phase-compute",
    ),
    path(
        "netwerken/<slug:slug>/opbrengsten/", harvest.OutcomeListView.as_view(), name="outcome-list"
    ),
    path(
        "netwerken/<slug:slug>/opbrengsten/nieuw/",
        harvest.OutcomeCreateView.as_view(),
        name="outcome-create",
    ),
    path(
        "netwerken/<slug:slug>/opbrengsten/<int:pk>/wijzigen/",
        harvest.OutcomeUpdateView.as_view(),
        name="outcome-update",
    ),
    path(
        "netwerken/<slug:slug>/opbrengsten/<int:pk>/verwijderen/",
        harvest.OutcomeDeleteView.as_view(),
        name="outcome-delete",
    ),
    path(
        "netwerken/<slug:slug>/verhalen/nieuw/",
        harvest.StoryCreateView.as_view(),
        name="story-create",
    ),
    path(
        "netwerken/<slug:slug>/verhalen/<int:pk>/",
        harvest.StoryDetailView.as_view(),
        name="story-detail",
    ),
    path(
        "netwerken/<slug:slug>/verhalen/<int:pk>/wijzigen/",
        harvest.StoryUpdateView.as_view(),
        name="story-update",
    ),
    path(
        "netwerken/<slug:slug>/verhalen/<int:pk>/verwijderen/",
        harvest.StoryDeleteView.as_view(),
        name="story-delete",
    ),
]
