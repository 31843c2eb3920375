import django_filters
from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from .enums import Access, Criterion, NetworkStatus
from .models import Application, Network


class StaffNetworkFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("Search"), method="search")
    status = django_filters.ChoiceFilter(
        label=_("Status"), choices=NetworkStatus.choices, empty_label=_("All")
    )
    access = django_filters.ChoiceFilter(
        label=_("Open or closed"), choices=Access.choices, empty_label=_("All")
    )

    class Meta:
        model = Network
        fields = ["q", "status", "access"]

    def search(self, queryset, name, value):
        return queryset.filter(Q(name__icontains=value) | Q(theme__icontains=value))


class ReviewQueueFilter(django_filters.FilterSet):
    """The staff review queue: by status, submission date and a criterion not met."""

    status = django_filters.ChoiceFilter(
        label=_("Status"),
        field_name="network__status",
        choices=[c for c in NetworkStatus.choices if c[0] != NetworkStatus.DRAFT],
        empty_label=_("All"),
    )
    submitted_after = django_filters.DateFilter(
        label=_("Submitted from"),
        field_name="submitted_at",
        lookup_expr="date__gte",
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    submitted_before = django_filters.DateFilter(
        label=_("Submitted up to"),
        field_name="submitted_at",
        lookup_expr="date__lte",
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    not_met = django_filters.ChoiceFilter(
        label=_("Criterion not met"),
        choices=Criterion.choices,
        method="filter_not_met",
        empty_label=_("All"),
    )

    class Meta:
        model = Application
        fields = ["status", "submitted_after", "submitted_before", "not_met"]

    def filter_not_met(self, queryset, name, value):
        return queryset.with_unmet(value)


class DirectoryFilter(django_filters.FilterSet):
    """The public directory: search, open or closed."""

    q = django_filters.CharFilter(label=_("Search"), method="search")
    access = django_filters.ChoiceFilter(
        label=_("Open or closed"), choices=Access.choices, empty_label=_("All")
    )

    class Meta:
        model = Network
        fields = ["q", "access"]

    def search(self, queryset, name, value):
        return queryset.filter(
            Q(name__icontains=value) | Q(theme__icontains=value) | Q(target_group__icontains=value)
        )
