"""Issue 10, "Done when" 2, for mails and the management site: the text of every mail sent
during the planting and the journeys carries a marker only to those the owner's choice
allows, and does carry it where it should; the management site (/beheer/), crawled as the
superuser and as a staff member who may only view, shows metadata only: no learning question
text, no scan, no comment, no minutes."""

from __future__ import annotations

import pytest
from django.urls import reverse
from django.utils import translation

from participants.enums import Visibility
from tests.privacy.crawl import where
from tests.privacy.markers import EXPECTED, mark

pytestmark = pytest.mark.django_db


# Mail: the same choices hold. The guest speaker (no member) receives in the briefing the
# titles the owner shared with the network, nothing shared with the facilitator only, and no
# other text of hers.
MAIL_AUDIENCE = {
    marker: roles | ({"speaker"} if marker == mark("q", Visibility.NETWORK, "title") else set())
    for kind in EXPECTED.values()
    for marker, roles in kind.items()
}


def test_mails_carry_each_marker_only_to_whom_the_owner_allows(crawled):
    mails = crawled["mails"]
    assert "speaker" in mails, "the briefing mail to the guest speaker was not queued"
    received = {
        marker: sorted(role for role, text in mails.items() if marker in text)
        for marker in MAIL_AUDIENCE
    }
    leaks = {
        marker: [role for role in roles if role not in MAIL_AUDIENCE[marker]]
        for marker, roles in received.items()
    }
    assert {marker: roles for marker, roles in leaks.items() if roles} == {}


def test_the_speaker_mail_carries_what_the_network_shares(crawled):
    text = crawled["mails"]["speaker"]
    assert mark("q", Visibility.NETWORK, "title") in text
    assert mark("q", Visibility.FACILITATOR, "title") not in text
    assert mark("q", Visibility.PRIVATE, "title") not in text


# Declared: the mails whose purpose is to carry a planted text, and to whom. The briefing
# mail carries the titles shared with the network to the guest speaker; the reminder of an
# action from the minutes names the action to its owner. Every other marker is in no mail.
MAIL_MUST = {
    mark("q", Visibility.NETWORK, "title"): {"speaker"},
    mark("min", "action"): {"owner"},
}


def test_mails_carry_each_marker_where_it_is_meant_to_go(crawled):
    mails = crawled["mails"]
    received = {
        marker: {role for role, text in mails.items() if marker in text} for marker in MAIL_AUDIENCE
    }
    assert {m: roles for m, roles in received.items() if roles} == MAIL_MUST


# The management site: metadata only (docs/domain.md). Of all planted text only the
# profile's phone number may be shown there (contact details reach staff), and it must be:
# on the person's change page, to the superuser and to staff who may view people.
ADMIN_MAY_SHOW = {"+31 6 8765 4321"}
ADMIN_ROLES = ("superuser", "viewer")
ALL_MARKERS = sorted(marker for kind in EXPECTED.values() for marker in kind)


@pytest.mark.parametrize("who", ADMIN_ROLES)
def test_the_management_site_shows_no_private_text(crawled, who):
    seen = crawled["admin"][who]
    shown = {marker: where(marker, seen) for marker in ALL_MARKERS if where(marker, seen)}
    assert sorted(shown) == sorted(ADMIN_MAY_SHOW), shown


@pytest.mark.parametrize("who", ADMIN_ROLES)
def test_the_management_site_shows_the_contact_details_on_the_persons_page(crawled, who):
    seen = crawled["admin"][who]
    person_page = reverse("admin:participants_user_change", args=[crawled["owner_pk"]])
    assert "+31 6 8765 4321" in seen[person_page]


# The owner's choice for each planted question when the management site is crawled: the
# journey made her facilitator-only question private again.
CURRENT_CHOICE = {
    Visibility.PRIVATE: Visibility.PRIVATE,
    Visibility.FACILITATOR: Visibility.PRIVATE,
    Visibility.NETWORK: Visibility.NETWORK,
}


@pytest.mark.parametrize("who", ADMIN_ROLES)
@pytest.mark.parametrize("choice", list(Visibility))
def test_a_learning_questions_admin_page_is_read_and_shows_only_metadata(crawled, who, choice):
    """The crawl really opens each planted question (so a leak there would be seen): its
    page names the owner's current choice, and none of its text, whatever that choice."""
    seen = crawled["admin"][who]
    pk = crawled["questions"][choice]
    texts = [
        seen[reverse(f"admin:participants_learningquestion_{view}", args=[pk])]
        for view in ("change", "history")
    ]
    with translation.override("nl"):
        assert str(CURRENT_CHOICE[choice].label) in texts[0]
    for text in texts:
        assert [m for m in ALL_MARKERS if m.startswith("MrkQ") and m in text] == []
