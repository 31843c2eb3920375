"""Date polls: a network's polls, the answer table with the best date, the open polls a
person is asked to answer."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.db.models import Exists, OuterRef, prefetch_related_objects

from networks.models import Network
from networks.selectors import network_ids_of

from .. import polls as poll_calc
from ..models import (
    DatePoll,
    PollAnswer,
)
from .meetings import facilitator_memberships, members_of

if TYPE_CHECKING:
    from participants.models import User


def polls_for_network(network: Network) -> list[DatePoll]:
    """The network's polls, newest first, with the meeting each one led to."""
    return list(network.date_polls.select_related("meeting").order_by("-created_at"))


def poll_options(poll: DatePoll) -> list:
    """The poll's candidate dates, earliest first: one query per poll object, however often
    its page asks (the answer form and `poll_table` read the same list)."""
    prefetch_related_objects([poll], "options")
    return list(poll.options.all())


@dataclass(frozen=True)
class PollColumn:
    """One candidate date with its totals and who gave which answer."""

    option: object  # PollOption
    tally: poll_calc.OptionTally
    yes: list[str]
    if_need_be: list[str]
    no: list[str]
    is_best: bool


@dataclass(frozen=True)
class PollTable:
    poll: DatePoll
    options: list
    tallies: list[poll_calc.OptionTally]
    rows: list  # (person, [answer per option])
    best: int | None
    not_answered: list[User]
    columns: list[PollColumn]
    participant_ids: frozenset[int] = frozenset()  # the deelnemers among the rows

    @property
    def participant_count(self) -> int:
        return len(self.participant_ids)

    @property
    def participants_answered(self) -> int:
        """Participants (not facilitators) who answered: what "x of y deelnemers" counts."""
        missing = {person.pk for person in self.not_answered}
        return len(self.participant_ids - missing)

    @property
    def best_option(self):
        return next((c.option for c in self.columns if c.is_best), None)

    @property
    def answered_count(self) -> int:
        return len(self.rows) - len(self.not_answered)


def poll_table(poll: DatePoll) -> PollTable:
    """Everyone's answers: per member and date, totals, names per answer, the best date
    (polls.best_option: never a date nobody can make) and who has not answered. Current
    members only; three queries whatever the size (two after `poll_options`)."""
    options = poll_options(poll)
    # Participants (deelnemers) are counted apart: the facilitators may answer too.
    facilitators = facilitator_memberships(poll.network).filter(person=OuterRef("pk"))
    members = list(members_of(poll.network).annotate(facilitates=Exists(facilitators)))
    member_ids = {m.pk for m in members}
    answers = [
        row
        for row in PollAnswer.objects.filter(option__poll=poll).values_list(
            "option_id", "person_id", "answer"
        )
        if row[1] in member_ids  # someone who left no longer counts
    ]
    by_person: dict[int, dict[int, str]] = {}
    for option_id, person_id, answer in answers:
        by_person.setdefault(person_id, {})[option_id] = answer
    option_ids = [o.pk for o in options]
    tallies = poll_calc.tally(option_ids, answers)
    best = poll_calc.best_option(tallies) if answers else None
    names = poll_calc.names_per_answer(option_ids, answers, {m.pk: str(m) for m in members})
    missing = set(poll_calc.not_answered([m.pk for m in members], answers))
    columns = [
        PollColumn(
            option=option,
            tally=tally,
            yes=names[option.pk][poll_calc.YES],
            if_need_be=names[option.pk][poll_calc.IF_NEED_BE],
            no=names[option.pk][poll_calc.NO],
            is_best=option.pk == best,
        )
        for option, tally in zip(options, tallies, strict=True)
    ]
    return PollTable(
        poll=poll,
        options=options,
        tallies=tallies,
        rows=[(m, [by_person.get(m.pk, {}).get(o.pk, "") for o in options]) for m in members],
        best=best,
        not_answered=[m for m in members if m.pk in missing],
        columns=columns,
        participant_ids=frozenset(m.pk for m in members if not m.facilitates),
    )


def open_polls_for_person(user: User) -> list[DatePoll]:
    """Polls still taking answers in the networks where the user is a current member, each
    with `has_answered` (the user's own); for /mijn/ and the meetings list. One query (none
    for someone in no network)."""
    network_ids = network_ids_of(user)
    if not network_ids:
        return []
    mine = PollAnswer.objects.filter(option__poll=OuterRef("pk"), person=user)
    return list(
        DatePoll.objects.taking_answers()
        .filter(network_id__in=network_ids)
        .select_related("network")
        .annotate(has_answered=Exists(mine))
        .order_by("deadline", "-created_at")
    )


def my_poll_answers(poll: DatePoll, person: User) -> dict[int, str]:
    """The person's answer per option id of the poll (empty before she answered)."""
    return dict(
        PollAnswer.objects.filter(option__poll=poll, person=person).values_list(
            "option_id", "answer"
        )
    )
