"""The management site's permission matrix (issue 10, "Done when" 3): every registered model's
pages (list, add, change, history, delete) for staff without any admin permission and with
each single one, and for everyone without admin access. Expected answers come from the
declared ADMIN table below (what each permission is for), not from the code's answers."""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest
from django.apps import apps
from django.contrib import admin
from django.contrib.auth.models import Permission
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.test import Client
from django.urls import resolve, reverse

from participants.models import User
from tests.security.world import ROLES, build_world

pytestmark = pytest.mark.django_db

PAGES = ("changelist", "add", "change", "history", "delete")

# Declared: which permission opens which page of a model (Django's admin conventions; a
# "change" permission includes viewing).
OPENS = {
    "changelist": {"view", "change"},
    "change": {"view", "change"},
    "history": {"view", "change"},
    "add": {"add"},
    "delete": {"delete"},
}
# Declared: what the management site never does, whatever the permission, with the reason.
NEVER = {
    # Learning questions and BC-Scans are their owner's: the site shows metadata and can
    # neither create nor edit them.
    ("participants.learningquestion", "add"),
    ("participants.bcscan", "add"),
    # The audit log is written by the app only and is never edited or removed.
    ("participants.auditlog", "add"),
    ("participants.auditlog", "delete"),
    # django-axes keeps its lockout records itself; they are read and removed, not added.
    ("axes.accessattempt", "add"),
    ("axes.accessfailurelog", "add"),
    ("axes.accesslog", "add"),
    # Adding a person needs the change permission too (Django's rule: someone who may only
    # add could otherwise create a superuser), so "add" alone does not open the page.
    ("participants.user", "add"),
    # Mails are queued and sent by the app only: staff with mails.view_mail see them (failed
    # ones too) as metadata, and nobody adds or edits one.
    ("mails.mail", "add"),
}


def _models():
    return sorted(
        (m for m in apps.get_models() if admin.site.is_registered(m)),
        key=lambda m: m._meta.label_lower,
    )


def _expected(label: str, page: str, permission: str | None) -> int:
    if permission is None or (label, page) in NEVER:
        return 403
    return 200 if permission in OPENS[page] else 403


def _path(model, page: str, pk) -> str:
    info = f"admin:{model._meta.app_label}_{model._meta.model_name}_{page}"
    return reverse(info) if page in ("changelist", "add") else reverse(info, args=[pk])


def _pages_of(model) -> list[str]:
    """The pages to ask for: the object pages only where the world holds an object."""
    if model._default_manager.exists():
        return list(PAGES)
    return ["changelist", "add"]


def _staff_with(base, permission: Permission | None) -> User:
    """A fresh staff member with admin access and at most this one permission."""
    user = User.objects.get(pk=base.pk)
    user.user_permissions.set([permission] if permission else [])
    return User.objects.get(pk=base.pk)


def _status(client, path: str):
    response = client.get(path)
    if response.status_code in (301, 302):
        return "->" + resolve(urlsplit(response["Location"]).path).view_name
    return response.status_code


def test_admin_matrix_staff_without_and_with_each_permission():
    world = build_world()
    staff = world.people["staff"]
    User.objects.filter(pk=staff.pk).update(is_staff=True)
    client = Client()
    mismatches = []
    for model in _models():
        label = model._meta.label_lower
        pk = model._default_manager.order_by("pk").values_list("pk", flat=True).first()
        ct = ContentType.objects.get_for_model(model)
        grants = [None, *Permission.objects.filter(content_type=ct).order_by("codename")]
        for permission in grants:
            action = permission.codename.split("_", 1)[0] if permission else None
            client.force_login(_staff_with(staff, permission))
            for page in _pages_of(model):
                with transaction.atomic():
                    got = _status(client, _path(model, page, pk))
                    transaction.set_rollback(True)
                want = _expected(label, page, action)
                if got != want:
                    mismatches.append((label, page, action, want, got))

    assert mismatches == []


def test_admin_index_is_open_to_staff_with_admin_access_only():
    world = build_world()
    User.objects.filter(pk=world.people["staff"].pk).update(is_staff=True)
    got = {}
    for role in ROLES:
        client = Client()
        user = world.user(role)
        if user is not None:
            client.force_login(user)
        got[role] = (
            _status(client, reverse("admin:index")),
            _status(client, reverse("admin:participants_learningquestion_changelist")),
        )

    denied = ("->admin:login", "->admin:login")
    assert got == {role: denied if role != "staff" else (200, 403) for role in ROLES}
