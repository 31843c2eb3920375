"""The public read-only API: supported networks in the directory, without personal data
beyond the facilitator's name."""

import django_filters
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import (
    OpenApiResponse,
    extend_schema,
    extend_schema_field,
    extend_schema_view,
)
from rest_framework import serializers, viewsets

from leernetwerk.forms import Form

from .enums import SUPPORTED_STATUSES, Access
from .models import Network
from .selectors import networks_for_directory, public_facilitator_names


class RefuseEmptyFilterForm(Form):
    """A filter given without a value (`?access=`) is refused, as the schema says, rather
    than silently ignored: leave the parameter out to not filter."""

    def clean(self):
        cleaned = super().clean()
        for name in self.fields:
            empty = name in self.data and not str(self.data.get(name, "")).strip()
            if empty and name not in self.errors:
                self.add_error(name, _("Give this filter a value, or leave it out."))
        return cleaned


class PublicNetworkFilter(django_filters.FilterSet):
    access = django_filters.ChoiceFilter(choices=Access.choices, help_text="open or closed")
    status = django_filters.ChoiceFilter(
        choices=[(s.value, s.label) for s in SUPPORTED_STATUSES], help_text="granted or active"
    )

    class Meta:
        model = Network
        fields = ["access", "status"]
        form = RefuseEmptyFilterForm


class FilterErrorSerializer(serializers.Serializer):
    """400: what was wrong with the query, per filter (or in `detail`)."""

    access = serializers.ListField(child=serializers.CharField(), required=False)
    status = serializers.ListField(child=serializers.CharField(), required=False)
    detail = serializers.CharField(required=False)


class NotFoundSerializer(serializers.Serializer):
    """404: no such network, or no such page of the list."""

    detail = serializers.CharField()


class PublicNetworkSerializer(serializers.ModelSerializer):
    is_closed = serializers.SerializerMethodField(help_text="Closed networks take no new members.")
    facilitators = serializers.SerializerMethodField(help_text="Names of the facilitators.")
    url = serializers.SerializerMethodField(help_text="The network's public page.")

    class Meta:
        model = Network
        fields = [
            "slug",
            "name",
            "theme",
            "central_question",
            "description",
            "target_group",
            "access",
            "is_closed",
            "status",
            "meetings_per_year",
            "meeting_form",
            "start_date",
            "planned_end_date",
            "facilitators",
            "url",
        ]
        read_only_fields = fields

    def get_is_closed(self, network) -> bool:
        return network.access == Access.CLOSED

    @extend_schema_field(serializers.ListField(child=serializers.CharField()))
    def get_facilitators(self, network) -> list[str]:
        return public_facilitator_names(network)

    def get_url(self, network) -> str:

        path = reverse("networks:directory-detail", kwargs={"slug": network.slug})
        request = self.context.get("request")
        return request.build_absolute_uri(path) if request else path


@extend_schema_view(
    list=extend_schema(
        responses={
            200: PublicNetworkSerializer(many=True),
            400: OpenApiResponse(
                FilterErrorSerializer,
                description="A filter with an unknown or empty value (or a NUL byte).",
            ),
            404: OpenApiResponse(NotFoundSerializer, description="No such page of the list."),
        }
    ),
    retrieve=extend_schema(
        responses={
            200: PublicNetworkSerializer,
            404: OpenApiResponse(
                NotFoundSerializer, description="No supported network with this slug."
            ),
        }
    ),
)
class PublicNetworkViewSet(viewsets.ReadOnlyModelViewSet):
    """Supported networks in the public directory (read-only, paginated)."""

    serializer_class = PublicNetworkSerializer
    filterset_class = PublicNetworkFilter
    lookup_field = "slug"

    def get_queryset(self):
        return networks_for_directory()
