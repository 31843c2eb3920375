from django.urls import path

from .views import attendance, between, calendar, minutes, polls, speakers
from .views import meetings as m

app_name = "meetings"

urlpatterns = [
    path("", m.MeetingListView.as_view(), name="meeting-list"),
    path("netwerk/<slug:slug>/", m.NetworkMeetingsView.as_view(), name="network-meetings"),
    path("netwerk/<slug:slug>/nieuw/", m.MeetingCreateView.as_view(), name="meeting-create"),
    path("netwerk/<slug:slug>/jaarplanner/", m.PlannerView.as_view(), name="planner"),
    path(
        "netwerk/<slug:slug>/aanwezigheid/",
        attendance.AttendanceRatesView.as_view(),
        name="attendance-rates",
    ),
    path(
        "netwerk/<slug:slug>/aanwezigheid/export.csv",
        attendance.AttendanceExportView.as_view(file_format="csv"),
        name="attendance-export",
    ),
    path(
        "netwerk/<slug:slug>/aanwezigheid/export.xlsx",
        attendance.AttendanceExportView.as_view(file_format="xlsx"),
        name="attendance-export-xlsx",
    ),
    path("netwerk/<slug:slug>/prikken/nieuw/", polls.PollCreateView.as_view(), name="poll-create"),
    path(
        "netwerk/<slug:slug>/maatjesgroepen/",
        between.BuddyGroupsView.as_view(),
        name="buddy-groups",
    ),
    path(
        "netwerk/<slug:slug>/contactmomenten/",
        between.ContactLogView.as_view(),
        name="contact-log",
    ),
    path(
        "maatjesgroepen/<int:pk>/opheffen/",
        between.BuddyGroupDeleteView.as_view(),
        name="buddy-group-delete",
    ),
    path("<int:pk>/", m.MeetingDetailView.as_view(), name="meeting-detail"),
    path("<int:pk>/bewerken/", m.MeetingUpdateView.as_view(), name="meeting-update"),
    path("<int:pk>/kopieren/", m.MeetingCopyView.as_view(), name="meeting-copy"),
    path("<int:pk>/annuleren/", m.MeetingCancelView.as_view(), name="meeting-cancel"),
    path("<int:pk>/voorbereiding/", m.MeetingPrepareView.as_view(), name="meeting-prepare"),
    path("<int:pk>/gastspreker/", speakers.SpeakerCreateView.as_view(), name="speaker-create"),
    path(
        "gastspreker/<int:pk>/uitnodigen/",
        speakers.SpeakerInviteView.as_view(),
        name="speaker-invite",
    ),
    path(
        "gastspreker/antwoord/<str:token>/",
        speakers.SpeakerAnswerView.as_view(),
        name="speaker-answer",
    ),
    path("<int:pk>/antwoord/", m.ResponseView.as_view(), name="response"),
    path("<int:pk>/casus/", m.CaseCreateView.as_view(), name="case-create"),
    path("<int:pk>/volgend-thema/", m.NextThemeView.as_view(), name="next-theme"),
    path("<int:pk>/aanwezigheid/", attendance.AttendanceView.as_view(), name="attendance"),
    path("<int:pk>/verslag/", minutes.MinutesView.as_view(), name="minutes"),
    path("<int:pk>/verslag/schrijven/", minutes.MinutesEditView.as_view(), name="minutes-edit"),
    path("<int:pk>/verslag/actie/", minutes.ActionCreateView.as_view(), name="action-create"),
    path("<int:pk>/verslag/delen/", minutes.MinutesShareView.as_view(), name="minutes-share"),
    path(
        "<int:pk>/verslag/publiceren/", minutes.MinutesPublishView.as_view(), name="minutes-publish"
    ),
    path(
        "<int:pk>/verslag/correctie/",
        minutes.CorrectionCreateView.as_view(),
        name="minutes-correction",
    ),
    path("acties/<int:pk>/verwijderen/", minutes.ActionDeleteView.as_view(), name="action-delete"),
    path("acties/<int:pk>/afgerond/", minutes.ActionDoneView.as_view(), name="action-done"),
    path(
        "<int:pk>/aanwezigheid/iedereen/",
        attendance.AttendanceEveryoneView.as_view(),
        name="attendance-everyone",
    ),
    path("<int:pk>/agenda.ics", calendar.MeetingIcsView.as_view(), name="meeting-ics"),
    path("prikken/<int:pk>/", polls.PollDetailView.as_view(), name="poll-detail"),
    path(
        "prikken/<int:pk>/kiezen/<int:option_pk>/",
        polls.PollChooseView.as_view(),
        name="poll-choose",
    ),
    path("prikken/<int:pk>/herinneren/", polls.PollRemindView.as_view(), name="poll-remind"),
    path("agenda-abonnement/", calendar.FeedSettingsView.as_view(), name="feed-settings"),
    path("agenda-abonnement/vernieuwen/", calendar.FeedResetView.as_view(), name="feed-reset"),
    path("agenda/<str:token>.ics", calendar.FeedView.as_view(), name="feed"),
]
