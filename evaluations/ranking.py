"""The Leer-top 3 (docs/domain.md, Figure 2 of the first seed): plain Python, no database.

Each ballot names up to three learning forms in order. A first place scores 3 points, a second
2, a third 1. Forms rank by total points, then by how often they were named first, then by
name."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from leernetwerk.text import contains_control_characters

POINTS = {1: 3, 2: 2, 3: 1}
HEADER = ["respondent", "choice_1", "choice_2", "choice_3"]


@dataclass(frozen=True)
class RankRow:
    rank: int
    learning_form: str
    points: int
    first_places: int

    def as_dict(self) -> dict:
        return {
            "rank": self.rank,
            "learning_form": self.learning_form,
            "points": self.points,
            "first_places": self.first_places,
        }


def rank_forms(ballots: Iterable[Sequence[str | None]]) -> list[RankRow]:
    """Rank the forms named on the ballots (each ballot: forms in order of preference,
    None or "" for an empty place)."""
    points: dict[str, int] = {}
    firsts: dict[str, int] = {}
    for ballot in ballots:
        for place, form in enumerate(ballot, start=1):
            if not form:
                continue
            points[form] = points.get(form, 0) + POINTS[place]
            if place == 1:
                firsts[form] = firsts.get(form, 0) + 1
    ordered = sorted(points, key=lambda f: (-points[f], -firsts.get(f, 0), f.casefold(), f))
    return [
        RankRow(rank=i, learning_form=form, points=points[form], first_places=firsts.get(form, 0))
        for i, form in enumerate(ordered, start=1)
    ]


@dataclass
class ParsedBallot:
    line: int
    respondent: str
    choices: list[str] = field(default_factory=list)


class BallotFileError(Exception):
    """The file is refused as a whole; `errors` lists (line number, Dutch message)."""

    def __init__(self, errors: list[tuple[int, str]]):
        self.errors = errors
        super().__init__("; ".join(f"{line}: {msg}" for line, msg in errors))


def parse_ballot_rows(
    rows: Sequence[Sequence[str]],
    *,
    known_forms: set[str] | None,
    existing_respondents: set[str] = frozenset(),
    max_respondent: int | None = None,
    max_form: int | None = None,
    on_progress: Callable[[int], None] | None = None,
    progress_every: int = 100,
) -> list[ParsedBallot]:
    """Check a ballot file (rows including the header) and return its ballots, or raise
    BallotFileError listing every problem with its line number. `known_forms` None means
    unknown forms are allowed (they will be created). `max_respondent` and `max_form` are
    the column sizes the cells must fit in; no cell may hold a line break or control
    character. `on_progress(rows_checked)` is called after every `progress_every` data rows, so a long check can say how far it is."""
    errors: list[tuple[int, str]] = []
    if not rows or [cell.strip().lower() for cell in rows[0]] != HEADER:
        raise BallotFileError(
            [(1, _("The first line must be: %(header)s.") % {"header": ",".join(HEADER)})]
        )
    ballots: list[ParsedBallot] = []
    seen: dict[str, int] = {}
    for line, row in enumerate(rows[1:], start=2):
        if on_progress is not None and line > 2 and (line - 2) % progress_every == 0:
            on_progress(line - 2)
        if not any(cell.strip() for cell in row):
            continue
        if len(row) > len(HEADER):
            errors.append((line, _("Too many columns.")))
            continue
        cells = [cell.strip() for cell in row] + [""] * (len(HEADER) - len(row))
        respondent, choices = cells[0], cells[1:]
        if any(contains_control_characters(cell) for cell in cells):
            errors.append((line, _("A cell contains a line break or a control character.")))
            continue
        if max_respondent and len(respondent) > max_respondent:
            errors.append(
                (
                    line,
                    _("The respondent is longer than %(limit)s characters.")
                    % {"limit": max_respondent},
                )
            )
            continue
        if max_form and any(len(choice) > max_form for choice in choices):
            errors.append(
                (
                    line,
                    _("A learning form is longer than %(limit)s characters.") % {"limit": max_form},
                )
            )
            continue
        if not respondent:
            errors.append((line, _("The respondent is missing.")))
        elif respondent in seen:
            errors.append(
                (
                    line,
                    _("Respondent %(respondent)s already appears on line %(line)s.")
                    % {"respondent": respondent, "line": seen[respondent]},
                )
            )
        elif respondent in existing_respondents:
            errors.append(
                (
                    line,
                    _("Respondent %(respondent)s already has a ballot in this survey.")
                    % {"respondent": respondent},
                )
            )
        else:
            seen[respondent] = line
        if not choices[0]:
            errors.append((line, _("The first choice is missing.")))
        if not choices[1] and choices[2]:
            errors.append((line, _("A third choice without a second choice.")))
        named = [c for c in choices if c]
        for form in sorted({c for c in named if named.count(c) > 1}):
            errors.append(
                (
                    line,
                    _("The learning form %(form)s appears more than once on this ballot.")
                    % {"form": form},
                )
            )
        if known_forms is not None:
            for form in named:
                if form not in known_forms:
                    errors.append((line, _("Unknown learning form: %(form)s.") % {"form": form}))
        ballots.append(ParsedBallot(line=line, respondent=respondent, choices=named))
    if errors:
        raise BallotFileError(errors)
    return ballots
