from django.urls import path

from .views import applications, directory, leaving, mine, naming, review

app_name = "networks"

urlpatterns = [
    path("mijn/", mine.MyNetworksView.as_view(), name="my-networks"),
    path("netwerken/<slug:slug>/", mine.NetworkDetailView.as_view(), name="network-detail"),
    path(
        "netwerken/<slug:slug>/korte-naam/",
        naming.ShortNameView.as_view(),
        name="short-name",
    ),
    path(
        "netwerken/<slug:slug>/verlaten/",
        leaving.LeaveNetworkView.as_view(),
        name="leave-network",
    ),
    # Applications (penvoerder)
    path("aanvragen/", applications.ApplicationListView.as_view(), name="application-list"),
    path(
        "aanvragen/nieuw/",
        applications.ApplicationCreateView.as_view(),
        name="application-create",
    ),
    path(
        "aanvragen/controle/",
        applications.ApplicationCheckView.as_view(),
        name="application-check",
    ),
    path(
        "aanvragen/<int:pk>/",
        applications.ApplicationDetailView.as_view(),
        name="application-detail",
    ),
    path(
        "aanvragen/<int:pk>/controle/",
        applications.ApplicationCheckExistingView.as_view(),
        name="application-check-existing",
    ),
    path(
        "aanvragen/<int:pk>/wijzigen/",
        applications.ApplicationUpdateView.as_view(),
        name="application-update",
    ),
    path(
        "aanvragen/<int:pk>/indienen/",
        applications.ApplicationSubmitView.as_view(),
        name="application-submit",
    ),
    # Review (academy staff)
    path("beoordelen/", review.ReviewQueueView.as_view(), name="review-queue"),
    path("beoordelen/<int:pk>/", review.ReviewDetailView.as_view(), name="review-detail"),
    # Public directory
    path("leernetwerken/", directory.DirectoryListView.as_view(), name="directory-list"),
    path(
        "leernetwerken/<slug:slug>/",
        directory.DirectoryDetailView.as_view(),
        name="directory-detail",
    ),
    path("leernetwerk-starten/", directory.StartNetworkView.as_view(), name="start-network"),
]
