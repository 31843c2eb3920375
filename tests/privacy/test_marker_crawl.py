"""Issue 10, "Done when" 2: personal text reaches exactly the people its owner chose.

Test helpers for the mails and the management site are in tests/privacy/crawl.py; the mail
and admin expectations are declared at the end of this module.

The owner plants unique markers through the app's own forms: three learning questions (only
me / my facilitator / my network) each with explanation, goal and a reflection, three BC-Scans
with an action plan and each sharing choice, an open evaluation comment and a phone number in
her profile. Then every page of the site, every download (PDF text, CSV, JSON, .ics) and every
page of the management site is read as each role, and each marker must appear for exactly the
roles its owner's choice (or the rule for that kind of data) allows: never elsewhere, and
really there for those allowed.

The world is built and crawled once for the module (inside a transaction that is rolled back),
because a crawl of every page as eight roles is the expensive part; each test only compares."""

from __future__ import annotations

import pytest
from django.urls import reverse

from tests.privacy.crawl import where
from tests.privacy.markers import (
    A_MEMBERS,
    BRIEFED,
    EXPECTED,
    MINUTES_STAGES,
    MINUTES_TEXT,
    Q_FAC,
    Q_NET,
    Q_PRIV,
    WITHDRAWN,
    mark,
)
from tests.security.world import ROLES

# The crawl's package fixture needs the test database; the tests themselves only compare.
pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(("role", "kind"), [(role, kind) for role in ROLES for kind in EXPECTED])
def test_markers_appear_exactly_where_the_owner_allows(crawled, role, kind):
    seen = crawled["site"][role]
    markers = EXPECTED[kind]

    shown = {marker: where(marker, seen) for marker in markers}

    visible = sorted(marker for marker, pages in shown.items() if pages)
    allowed = sorted(marker for marker, roles in markers.items() if role in roles)
    leaks = {m: pages for m, pages in shown.items() if pages and m not in allowed}
    assert (visible, leaks) == (allowed, {})


def test_the_crawl_reads_every_kind_of_download(crawled):
    """The crawl really reads PDFs, CSV, JSON and the calendar (else a leak there is missed)."""
    owner = crawled["site"]["owner"]
    record = owner[f"POST {reverse('participants:learning-record')}"]

    assert (
        mark("q", "private", "reflection") in record,
        mark("scan", "private", "plan") in record,
        mark("q", "private", "title") in owner[reverse("participants:data-export")],
        any("BEGIN:VCALENDAR" in text for text in owner.values()),
    ) == (True, True, True, True)


# The briefing is built live for the viewer (meetings.selectors.speaker_briefing) and shown
# on the meeting page to whoever may organise: each sees what the owners share with them now.
@pytest.mark.parametrize("role", ROLES)
def test_meeting_pages_show_questions_as_shared_with_the_viewer(crawled, role):
    seen = crawled["briefed"][role]

    shown = {m: where(m, seen) for m in (Q_PRIV, Q_FAC, Q_NET) if where(m, seen)}

    assert set(shown) == BRIEFED.get(role, set()), shown


@pytest.mark.parametrize("role", ROLES)
def test_meeting_pages_follow_the_owners_current_choice(crawled, role):
    seen = crawled["withdrawn"][role]

    shown = {m: where(m, seen) for m in (Q_PRIV, Q_FAC, Q_NET) if where(m, seen)}

    assert set(shown) == WITHDRAWN.get(role, set()), shown


@pytest.mark.parametrize("stage", sorted(MINUTES_STAGES))
@pytest.mark.parametrize("role", ROLES)
def test_unpublished_minutes_reach_their_writers_and_then_the_attendees(crawled, stage, role):
    seen = crawled["minutes"][stage][role]

    shown = {marker for marker in MINUTES_TEXT if where(marker, seen)}

    assert shown == (set(MINUTES_TEXT) if role in MINUTES_STAGES[stage] else set())


# A date poll names who answered what (issue 13 item 2): its network's members see the
# names per answer; staff see the totals, everyone else not the poll at all.
@pytest.mark.parametrize("role", ROLES)
def test_poll_answers_name_the_voter_to_the_networks_members_only(crawled, role):
    path, voter = crawled["poll"]
    seen = crawled["site"][role]

    assert path in seen  # the crawl reads the poll page
    assert (voter in seen[path]) == (role in A_MEMBERS)
    assert [p for p in where(voter, seen) if p != path] == []
