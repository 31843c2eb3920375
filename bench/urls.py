"""The app's URLs plus a bare view returning fixed text: the throughput ceiling."""

from django.http import HttpResponse
from django.urls import path

from leernetwerk.urls import urlpatterns as app_urlpatterns


def bare(request):
    return HttpResponse("ok", content_type="text/plain")


urlpatterns = [path("bench/bare/", bare), *app_urlpatterns]
