"""The app's URLs plus a bare view returning fixed text (the throughput ceiling) and the
visitors' directory rendered without its cache (every page is also measured uncached)."""

from django.http import HttpResponse
from django.urls import path

from leernetwerk.urls import urlpatterns as app_urlpatterns
from networks.views.directory import DirectoryListView

UNCACHED_DIRECTORY = "/bench/uncached/leernetwerken/"


def bare(request):
    return HttpResponse("ok", content_type="text/plain")


class UncachedDirectoryListView(DirectoryListView):
    """The directory as a visitor gets it on a cache miss, on every request."""

    def get(self, request, *args, **kwargs):
        return self.render_page(None).response


urlpatterns = [
    path("bench/bare/", bare),
    path(UNCACHED_DIRECTORY.lstrip("/"), UncachedDirectoryListView.as_view()),
    *app_urlpatterns,
]
