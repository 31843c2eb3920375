"""Crawl helpers for the marker test: every page, download and management-site page as one
role, reduced to the text a person reads (HTML, PDF text, CSV cells, JSON, .ics)."""

from __future__ import annotations

import io
import json

from django.apps import apps
from django.contrib import admin
from django.test import Client
from django.urls import NoReverseMatch, reverse

from tests.security.test_permission_matrix import matrix_patterns
from tests.security.world import url_kwargs

# Pages that change something on GET or end the session: not crawled (the crawl must not
# change what the next role sees). Each with its reason.
NOT_CRAWLED = {
    "account_logout": "ends the session of the crawling role",
    "meetings:speaker-answer": "the guest speaker's own page: its secret link is the speaker's, "
    "who is no role of the world; what it shows her (network-shared titles only) is asserted "
    "in tests/meetings/test_speakers.py",
}


def readable_text(response) -> str:
    """What a person reads in a response: PDF text, CSV/JSON/ics text, or the HTML."""
    content_type = response.get("Content-Type", "")
    body = b"".join(response.streaming_content) if response.streaming else response.content
    if content_type.startswith("application/pdf"):
        from pypdf import PdfReader

        reader = PdfReader(io.BytesIO(body))
        return "\n".join(page.extract_text() or "" for page in reader.pages)
    if content_type.startswith("application/json"):
        return json.dumps(json.loads(body), ensure_ascii=False)
    return body.decode("utf-8-sig", errors="replace")


def site_paths(world, extra: list[str]) -> list[str]:
    """Every named URL pattern of the site filled in for the world, plus `extra` paths."""
    paths = []
    for name in sorted(matrix_patterns()):
        if name in NOT_CRAWLED:
            continue
        try:
            paths.append(reverse(name, kwargs=url_kwargs(name, world)))
        except NoReverseMatch:  # pragma: no cover - the matrix test covers every pattern
            raise
    return paths + extra


# Models of the management site that hold a person's data or show it through an inline:
# every object of these is opened (change, history and delete page); of the others the
# list and add page are read.
PERSONAL_MODELS = {
    "participants.user",
    "participants.learningquestion",
    "participants.bcscan",
    "participants.auditlog",
    "participants.invitation",
    "meetings.meeting",
    "meetings.case",
    "meetings.response",
    "meetings.attendance",
    "networks.network",
    "networks.application",
    # A mail row keeps its text (briefings, action reminders): the site shows its metadata.
    "mails.mail",
}


def admin_paths(*, objects: bool) -> list[str]:
    """The management site: index, every registered model's list and add page, and with
    `objects` each personal object's change, history and delete page."""
    paths = [reverse("admin:index")]
    for model in apps.get_models():
        if not admin.site.is_registered(model):
            continue
        info = (model._meta.app_label, model._meta.model_name)
        paths.append(reverse("admin:{}_{}_changelist".format(*info)))
        if not objects:
            continue
        paths.append(reverse("admin:{}_{}_add".format(*info)))
        if model._meta.label_lower not in PERSONAL_MODELS:
            continue
        for pk in model._default_manager.order_by("pk").values_list("pk", flat=True)[:25]:
            for view in ("change", "history", "delete"):
                paths.append(reverse(f"admin:{info[0]}_{info[1]}_{view}", args=[pk]))
    return paths


def crawl(user, paths: list[str], posts: list[tuple[str, dict]] = ()) -> dict[str, str]:
    """path -> readable text of every GET (and of the given POSTs) as `user` (None: a
    visitor). Errors become responses, so a 500 is seen rather than raised."""
    client = Client(raise_request_exception=True)
    if user is not None:
        client.force_login(user)
    seen = {}
    for path in paths:
        seen[path] = readable_text(client.get(path))
    for path, data in posts:
        seen[f"POST {path}"] = readable_text(client.post(path, data))
    return seen


def where(marker: str, seen: dict[str, str]) -> list[str]:
    return sorted(path for path, text in seen.items() if marker in text)
