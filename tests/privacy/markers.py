"""The markers the owner plants and who must read each, declared from the rules (DOMAIN.md,
docs/domain.md, the privacy page), never recorded from the pages."""

from __future__ import annotations

from participants.enums import Visibility

A_MEMBERS = {"owner", "participant", "facilitator", "penvoerder"}

# What the owner shares with whom, declared from the rules (DOMAIN.md, the privacy page):
# "only me" reaches the owner; "my facilitator" also the facilitator(s) of the linked
# network (not its penvoerder, not staff); "my network" every current member of it.
AUDIENCE = {
    Visibility.PRIVATE: {"owner"},
    Visibility.FACILITATOR: {"owner", "facilitator"},
    Visibility.NETWORK: A_MEMBERS,
}
QUESTION_FIELDS = ("title", "description", "goal", "reflection")


def mark(*parts: str) -> str:
    """One word without hyphens, so a PDF table cell cannot break it over two lines."""
    return "Mrk" + "".join(str(part).capitalize() for part in parts)


# kind -> {marker: roles that must see it}
EXPECTED: dict[str, dict[str, set[str]]] = {
    "questions": {
        mark("q", choice, field): AUDIENCE[choice]
        for choice in Visibility
        for field in QUESTION_FIELDS
    },
    "scans": {mark("scan", choice, "plan"): AUDIENCE[choice] for choice in Visibility},
    # One respondent is below the group of five: her words are printed nowhere, not even to
    # staff or the facilitator, and never with her name.
    "evaluation": {mark("eval", "comment"): set()},
    # A profile's contact details: the person, the organisers of her network (member list
    # with contact details) and staff (people pages, management site).
    "profile": {"+31 6 8765 4321": {"owner", "facilitator", "penvoerder", "staff"}},
    # Minutes are network-internal (issue 13 item 5): once published every member of the
    # network reads them, never staff, the public, the directory, the API or a calendar; a
    # suggested correction is read by the writers (the organisers) and its author only.
    "minutes": {
        mark("min", "summary"): A_MEMBERS,
        mark("min", "decision"): A_MEMBERS,
        mark("min", "action"): A_MEMBERS,
        mark("min", "correction"): {"owner", "facilitator", "penvoerder"},
    },
}
MINUTES_TEXT = (mark("min", "summary"), mark("min", "decision"), mark("min", "action"))
# Before publishing: a draft is read by its writers; once shared, also by who attended.
MINUTES_STAGES = {
    "draft": {"facilitator", "penvoerder"},
    "shared": {"facilitator", "penvoerder", "owner"},
}

# On the meeting pages (preparation, guest speaker, meeting page with the stored briefing,
# calendar) and the meeting in the management site: organisers see what is shared with
# them, nobody sees more. Only titles go into a briefing.
Q_FAC = mark("q", "facilitator", "title")
Q_NET = mark("q", "network", "title")
Q_PRIV = mark("q", "private", "title")
BRIEFED = {"facilitator": {Q_FAC, Q_NET}, "penvoerder": {Q_NET}}
WITHDRAWN = {"facilitator": {Q_NET}, "penvoerder": {Q_NET}}
