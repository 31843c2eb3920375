"""The management site's pages as the academy's staff see them (shared by issue 15's tests)."""

from __future__ import annotations

from django.contrib import admin
from django.contrib.auth.models import Permission
from django.test import RequestFactory
from django.urls import reverse

from tests.factories import make_staff

# The apps whose admin pages the academy's staff work with (as the demo's staff login).
ADMIN_APPS = ["networks", "participants", "meetings", "evaluations"]


def admin_staff():
    """A staff member with the academy's admin permissions."""
    person = make_staff(email="beheer@vo-academie.example.nl", is_staff=True)
    person.user_permissions.set(Permission.objects.filter(content_type__app_label__in=ADMIN_APPS))
    return type(person).objects.get(pk=person.pk)


def admin_paths(person) -> list[str]:
    """The management site's index, each app's index, and per model its list, its add form
    (when allowed) and the change page of its first object (when there is one)."""
    request = RequestFactory().get(reverse("admin:index"))
    request.user = person
    paths = [reverse("admin:index")]
    for app in admin.site.get_app_list(request):
        paths.append(app["app_url"])
        for model in app["models"]:
            paths.append(model["admin_url"])
            if model["add_url"]:
                paths.append(model["add_url"])
            first = model["model"]._default_manager.order_by("pk").first()
            if first is not None:
                meta = model["model"]._meta
                paths.append(
                    reverse(f"admin:{meta.app_label}_{meta.model_name}_change", args=[first.pk])
                )
    return paths
