"""The management site speaks Dutch, and a word means one thing per place (issue 15, item 3).

The project's catalogue (locale/) wins over every app's catalogue, so a msgid the project
translates for its own meaning reaches Django's admin too ("Change" as "Verschil" for a
score difference showed as the admin's edit link). These tests read the compiled
catalogues and the rendered admin pages."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import django
import polib
import pytest
from django.apps import apps
from django.conf import settings
from django.test import Client

from tests.mobile.admin_pages import admin_paths, admin_staff
from tests.security.world import build_world

DJANGO = Path(django.__file__).parent
PROJECT = Path(settings.BASE_DIR) / "locale" / "nl" / "LC_MESSAGES"
ADMIN_AND_AUTH = [DJANGO / "contrib" / "admin", DJANGO / "contrib" / "auth"]

# msgids the project translates with other Dutch words than an app does, for the same
# meaning (checked one by one). Any other difference needs a context (pgettext).
SAME_MEANING = {
    "Log in": "Inloggen",  # admin: Aanmelden
    "Log out": "Uitloggen",  # admin: Afmelden
    "Skip to main content": "Direct naar de inhoud",
    "Toggle navigation": "Navigatie openen of sluiten",
    "This account is inactive.": "Dit account is niet actief.",
    "date joined": "aangemeld op",
    "Import": "Inlezen",  # django-import-export: Importeren
    "Row": "Rij",
    "Preview": "Voorbeeld",
    "All": "Alle",  # django-filter: Alles
    "Add": "Toevoegen",  # allauth: Voeg toe
    "Create": "Aanmaken",  # allauth: Maak aan
    "Search": "Zoeken",  # Django REST framework: Zoek
    "View": "Weergeven",  # admin's own word; allauth (recovery codes): Bekijk
}


def compiled(path: Path) -> dict[tuple[str | None, str], str]:
    """(context, msgid) -> Dutch of a compiled catalogue; empty if there is none."""
    if not path.exists():
        return {}
    entries = {}
    for entry in polib.mofile(str(path)):
        if entry.msgid:
            entries[(entry.msgctxt, entry.msgid)] = entry.msgstr or entry.msgstr_plural.get(0, "")
    return entries


def english(app: Path, domain: str) -> list[tuple[str | None, str]]:
    return [
        (e.msgctxt, e.msgid)
        for e in polib.pofile(str(app / "locale" / "en" / "LC_MESSAGES" / f"{domain}.po"))
        if e.msgid
    ]


def dutch(app: Path, domain: str) -> dict[tuple[str | None, str], str]:
    return compiled(app / "locale" / "nl" / "LC_MESSAGES" / f"{domain}.mo")


@pytest.mark.parametrize("domain", ["django", "djangojs"])
def test_every_admin_and_auth_string_has_a_dutch_translation(domain):
    project = compiled(PROJECT / f"{domain}.mo")
    missing = []
    for app in ADMIN_AND_AUTH:
        if not (app / "locale" / "en" / "LC_MESSAGES" / f"{domain}.po").exists():
            continue
        theirs = dutch(app, domain)
        for key in english(app, domain):
            if not (theirs.get(key) or project.get(key)):
                missing.append(key)
    assert missing == []


def test_no_project_msgid_means_something_else_than_in_an_app_without_a_context():
    project = compiled(PROJECT / "django.mo")
    catalogues = [DJANGO / "conf" / "locale" / "nl" / "LC_MESSAGES" / "django.mo"] + [
        Path(config.path) / "locale" / "nl" / "LC_MESSAGES" / "django.mo"
        for config in apps.get_app_configs()
    ]
    clashes = []
    for path in catalogues:
        for key, theirs in compiled(path).items():
            ours = project.get(key)
            if ours and theirs and ours != theirs and SAME_MEANING.get(key[1]) != ours:
                clashes.append(f"{key}: project {ours!r}, {path.parts[-5]} {theirs!r}")
    assert clashes == []


class _Visible(HTMLParser):
    """Text and the attributes people read or hear (alt, title, aria-label, placeholder,
    the value of a button) of a page, without scripts and styles."""

    SKIP = {"script", "style"}
    READ = {"alt", "title", "aria-label", "placeholder"}

    def __init__(self) -> None:
        super().__init__()
        self.strings: list[str] = []
        self._skipping = 0

    def handle_starttag(self, tag, attrs):
        if tag in self.SKIP:
            self._skipping += 1
        attrs = dict(attrs)
        for name in self.READ:
            if attrs.get(name):
                self.strings.append(attrs[name])
        if tag == "input" and attrs.get("type") in ("submit", "button") and attrs.get("value"):
            self.strings.append(attrs["value"])

    def handle_endtag(self, tag):
        if tag in self.SKIP:
            self._skipping -= 1

    def handle_data(self, data):
        if not self._skipping and data.strip():
            self.strings.append(data)


def english_admin_strings() -> set[str]:
    """Django's admin and auth strings (without a context) whose Dutch differs from the
    English, plus the Python values Django would show for a boolean."""
    strings = {"True", "False"}
    for app in ADMIN_AND_AUTH:
        for domain in ("django", "djangojs"):
            if not (app / "locale" / "en" / "LC_MESSAGES" / f"{domain}.po").exists():
                continue
            theirs = dutch(app, domain)
            for key in english(app, domain):
                # Strings with a context are the calendar's month and day abbreviations,
                # shown only by its script ("Sep" could be a person's name on the page).
                if key[0] is None and theirs.get(key, "") != key[1] and "%" not in key[1]:
                    strings.add(key[1])
    return strings


@pytest.mark.django_db
def test_management_site_pages_show_no_english_and_no_score_meaning():
    build_world()
    staff = admin_staff()
    client = Client()
    client.force_login(staff)
    english_strings = english_admin_strings()
    found = []
    paths = admin_paths(staff)
    for path in paths:
        answer = client.get(path, HTTP_ACCEPT_LANGUAGE="nl")
        assert answer.status_code == 200, path
        parser = _Visible()
        parser.feed(answer.content.decode())
        for text in parser.strings:
            text = re.sub(r"\s+", " ", text).strip()
            if text in english_strings or text == "Verschil":
                found.append(f"{path}: {text!r}")
    assert len(paths) >= 60
    assert found == []


@pytest.mark.django_db
def test_management_site_index_offers_wijzigen_and_its_script_strings_are_dutch():
    staff = admin_staff()
    client = Client()
    client.force_login(staff)

    index = client.get("/beheer/", HTTP_ACCEPT_LANGUAGE="nl").content.decode()
    script = client.get("/beheer/jsi18n/", HTTP_ACCEPT_LANGUAGE="nl").content.decode()

    assert ">Wijzigen</a>" in index
    assert "Verschil" not in index
    assert '<th scope="col">Modelnaam</th>' in index
    assert '"Choose all %s": "Alle %s kiezen"' in script
    assert '"Remove selected %s": "Geselecteerde %s verwijderen"' in script
