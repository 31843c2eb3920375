"""The Dutch catalogue is complete and up to date (issue 7, item 6)."""

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import polib

REPO = Path(__file__).resolve().parents[2]
CATALOGUE = REPO / "locale" / "nl" / "LC_MESSAGES" / "django.po"
# The same flags as `make messages`.
MAKEMESSAGES = [
    "makemessages",
    "-l",
    "nl",
    "--no-obsolete",
    "--ignore=.venv",
    "--ignore=bench",
    "--ignore=tests",
]
SKIP_DIRS = {".git", ".venv", "node_modules", "staticfiles", "htmlcov", "bench", "tests"}


def _keys(catalogue: polib.POFile) -> set[tuple[str | None, str]]:
    return {(e.msgctxt, e.msgid) for e in catalogue if not e.obsolete and e.msgid}


def test_dutch_catalogue_has_no_untranslated_or_fuzzy_entry():
    catalogue = polib.pofile(str(CATALOGUE))
    live = [e for e in catalogue if not e.obsolete]
    assert len(live) > 100
    untranslated = [e.msgid for e in catalogue.untranslated_entries()]
    fuzzy = [e.msgid for e in catalogue.fuzzy_entries()]
    assert untranslated == []
    assert fuzzy == []
    half_plural = [e.msgid for e in live if e.msgid_plural and not all(e.msgstr_plural.values())]
    assert half_plural == []


def test_compiled_catalogue_is_newer_than_or_as_new_as_its_source_entries():
    compiled = polib.mofile(str(CATALOGUE.with_suffix(".mo")))
    source = polib.pofile(str(CATALOGUE))
    wanted = {(e.msgctxt, e.msgid): e.msgstr for e in source if not e.obsolete and e.msgid}
    got = {(e.msgctxt, e.msgid): e.msgstr for e in compiled if e.msgid}
    stale = sorted(str(key) for key, msgstr in wanted.items() if msgstr and got.get(key) != msgstr)
    assert stale == []


def test_makemessages_finds_no_msgid_missing_from_the_committed_catalogue(tmp_path):
    copy = tmp_path / "repo"

    def ignore(directory, names):
        if Path(directory) == REPO:
            return [n for n in names if n in SKIP_DIRS or n.startswith(".")]
        return [n for n in names if n == "__pycache__" or n.endswith((".pyc", ".mo"))]

    shutil.copytree(REPO, copy, ignore=ignore)
    env = {
        **os.environ,
        "DJANGO_DEBUG": "true",
        "DJANGO_SETTINGS_MODULE": "leernetwerk.settings",
        "DATABASE_URL": "sqlite:///" + str(tmp_path / "unused.sqlite3"),
    }
    env.pop("PYTHONPATH", None)
    result = subprocess.run(
        [sys.executable, "manage.py", *MAKEMESSAGES],
        cwd=copy,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    fresh = polib.pofile(str(copy / "locale" / "nl" / "LC_MESSAGES" / "django.po"))
    committed = polib.pofile(str(CATALOGUE))
    assert len(_keys(fresh)) > 100
    missing = sorted(str(key) for key in _keys(fresh) - _keys(committed))
    assert missing == []


# The site addresses people formally ("u", "uw"). Whole words only: "jeugd" or "jeugdzorg" merely
# contain the letters and pass.
INFORMAL = re.compile(r"\b(je|jij|jou|jouw|jezelf|jullie)\b", re.IGNORECASE)


def test_every_dutch_translation_addresses_the_reader_formally():
    catalogue = polib.pofile(str(CATALOGUE))
    informal = []
    for entry in catalogue:
        if entry.obsolete:
            continue
        for text in [entry.msgstr, *entry.msgstr_plural.values()]:
            if INFORMAL.search(text):
                informal.append((entry.msgid, text))
    assert informal == []


def test_the_formal_register_check_catches_an_informal_pronoun_but_not_jeugd():
    assert INFORMAL.search("Je aanvraag is ingediend.")
    assert INFORMAL.search("met jou gedeeld")
    assert not INFORMAL.search("Jeugdzorg en onderwijs: uw aanvraag voor de jeugd")
