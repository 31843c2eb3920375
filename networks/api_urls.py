"""Public read-only API (/api/v1/networks/) and its OpenAPI schema."""

from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView
from rest_framework.routers import SimpleRouter

from .api import PublicNetworkViewSet

router = SimpleRouter()
router.register("networks", PublicNetworkViewSet, basename="api-network")

urlpatterns = [
    path("schema/", SpectacularAPIView.as_view(), name="api-schema"),
    path("v1/", include(router.urls)),
]
