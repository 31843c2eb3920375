"""No link leads a person to a page they may not see (issue 15, item 5).

Every page of the permission matrix is opened as every role it renders for (200), in the
world the security tests use; every internal link on it is followed with the same session.
None may answer 403 or 404 to the person it was shown to. Links to the management site are
followed too (staff), so the admin's own pages count."""

from __future__ import annotations

from html.parser import HTMLParser
from urllib.parse import urldefrag, urlsplit

import pytest
from django.test import Client
from django.urls import reverse

from tests.security.matrix import MATRIX
from tests.security.world import ROLES, build_world, url_kwargs

pytestmark = pytest.mark.django_db

# Links that are no pages: they change the session or a language.
NOT_PAGES = ("/i18n/",)


class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.hrefs: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag == "a":
            href = dict(attrs).get("href")
            if href:
                self.hrefs.append(href)


def internal_links(html: str, here: str) -> set[str]:
    """The internal paths the page links to, without query or fragment."""
    parser = _Links()
    parser.feed(html)
    found = set()
    for href in parser.hrefs:
        href, _fragment = urldefrag(href)
        parts = urlsplit(href)
        if parts.scheme or parts.netloc or not (href or "").strip():
            continue  # external, mailto:, tel: or a bare fragment
        path = parts.path or here
        if not path.startswith("/"):
            continue
        if path.startswith(NOT_PAGES):
            continue
        found.add(path)  # a query (filter, sort, page) does not change who may see a page
    return found


def test_no_page_links_a_role_to_a_page_that_answers_403_or_404():
    world = build_world()
    broken = []
    for index, role in enumerate(ROLES):
        client = Client()
        user = world.user(role)
        if user is not None:
            client.force_login(user)
        seen: dict[str, int] = {}
        for name, row in sorted(MATRIX.items()):
            if row["GET"][index] != 200:
                continue
            path = reverse(name, kwargs=url_kwargs(name, world))
            page = client.get(path)
            if not page.get("Content-Type", "").startswith("text/html"):
                continue
            for link in sorted(internal_links(page.content.decode(), path)):
                if link not in seen:
                    seen[link] = client.get(link).status_code
                if seen[link] in (403, 404):
                    broken.append(f"{role}: {path} links to {link} ({seen[link]})")
    assert broken == []
