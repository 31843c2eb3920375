from django.urls import path

from .views import invitations, memberships, privacy, profiles, questions, scans, waiting

app_name = "participants"

urlpatterns = [
    path("profiel/", profiles.ProfileView.as_view(), name="profile"),
    path("scholen/zoeken/", profiles.SchoolOptionsView.as_view(), name="school-options"),
    path("scholen/voorstellen/", profiles.SchoolProposeView.as_view(), name="school-propose"),
    path("mensen/", profiles.PeopleListView.as_view(), name="people-list"),
    path("mensen/<int:pk>/", profiles.PersonDetailView.as_view(), name="person-detail"),
    path(
        "netwerk/<slug:slug>/leden/", profiles.NetworkMembersView.as_view(), name="network-members"
    ),
    path(
        "netwerk/<slug:slug>/leden/<int:pk>/uit-netwerk-halen/",
        memberships.EndMembershipView.as_view(),
        name="end-membership",
    ),
    path(
        "netwerk/<slug:slug>/leervragen/",
        profiles.SharedQuestionsView.as_view(),
        name="shared-questions",
    ),
    path(
        "netwerk/<slug:slug>/wachtlijst/maximum/",
        waiting.MaxParticipantsView.as_view(),
        name="max-participants",
    ),
    path(
        "netwerk/<slug:slug>/wachtlijst/<int:pk>/verwijderen/",
        waiting.RemoveFromWaitingListView.as_view(),
        name="waiting-remove",
    ),
    path(
        "netwerk/<slug:slug>/wachtlijst/<int:pk>/plaats-aanbieden/",
        waiting.OfferPlaceView.as_view(),
        name="waiting-offer",
    ),
    path(
        "plaats-aanbod/<str:token>/afzien/",
        waiting.DeclinePlaceView.as_view(),
        name="place-decline",
    ),
    path("netwerk/<slug:slug>/uitnodigen/", invitations.InviteView.as_view(), name="invite"),
    path("netwerk/<slug:slug>/importeren/", invitations.ImportView.as_view(), name="import"),
    path(
        "netwerk/<slug:slug>/importeren/<int:pk>/",
        invitations.ImportJobView.as_view(),
        name="import-job",
    ),
    path(
        "uitnodiging/<str:token>/",
        invitations.AcceptInvitationView.as_view(),
        name="invitation-accept",
    ),
    path("leervragen/", questions.QuestionListView.as_view(), name="question-list"),
    path("leervragen/nieuw/", questions.QuestionFormView.as_view(), name="question-create"),
    path("leervragen/doel-tip/", questions.GoalHintView.as_view(), name="goal-hint"),
    path("leervragen/<int:pk>/", questions.QuestionDetailView.as_view(), name="question-detail"),
    path(
        "leervragen/<int:pk>/bewerken/",
        questions.QuestionFormView.as_view(),
        name="question-update",
    ),
    path(
        "leervragen/<int:pk>/verwijderen/",
        questions.QuestionDeleteView.as_view(),
        name="question-delete",
    ),
    path(
        "leervragen/<int:pk>/reflectie/",
        questions.ReflectionCreateView.as_view(),
        name="reflection-create",
    ),
    path("bc-scan/", scans.ScanListView.as_view(), name="scan-list"),
    path("bc-scan/nieuw/", scans.ScanCreateView.as_view(), name="scan-create"),
    path("bc-scan/<int:pk>/", scans.ScanDetailView.as_view(), name="scan-detail"),
    path("bc-scan/<int:pk>/actieplan/", scans.ScanPlanView.as_view(), name="scan-plan"),
    path("bc-scan/<int:pk>/verwijderen/", scans.ScanDeleteView.as_view(), name="scan-delete"),
    path("leerdossier/", privacy.LearningRecordView.as_view(), name="learning-record"),
    path("privacy/", privacy.PrivacyView.as_view(), name="privacy"),
    path("mijn-gegevens/", privacy.MyDataView.as_view(), name="my-data"),
    path("mijn-gegevens/download/", privacy.DataExportView.as_view(), name="data-export"),
    path(
        "mijn-gegevens/account-verwijderen/",
        privacy.EraseAccountView.as_view(),
        name="erase-account",
    ),
    path("auditlog/", privacy.AuditLogView.as_view(), name="audit-log"),
]
