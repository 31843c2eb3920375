"""Figure 2 of *Samen leren in netwerken* (section 1.2): the reference Leer-top 3.

53 school leaders named their top 3 learning forms. The table below is the figure as printed;
`figure2_ballots()` builds 53 ballots whose totals reproduce it exactly (used by the tests and
the demo data). The figure shows the top 10: the nine remaining first places went to forms
outside it, here three formal forms with 9 points each."""

from __future__ import annotations

FIGURE_2: list[tuple[str, int, int]] = [
    ("Werken aan een verbetering of vernieuwing in de school", 53, 11),
    ("Reflecteren met collega’s", 53, 10),
    ("Meedoen aan leernetwerk", 26, 2),
    ("Samenwerken met collega’s", 25, 6),
    ("Andere school bezoeken", 21, 3),
    ("Zelfreflectie", 20, 2),
    ("Feedback (vragen / ontvangen)", 18, 4),
    ("Rolmodel / mentor", 15, 3),
    ("Reflecteren in het algemeen (zowel met collega’s als zelf)", 11, 2),
    ("Werken aan een praktijkvraagstuk in de school", 10, 1),
]
RESPONDENTS = 53

# (form, first, second, third places): 3*first + 2*second + third = the figure's points.
_PLACES: list[tuple[str, int, int, int]] = [
    ("Werken aan een verbetering of vernieuwing in de school", 11, 10, 0),
    ("Reflecteren met collega’s", 10, 10, 3),
    ("Meedoen aan leernetwerk", 2, 6, 8),
    ("Samenwerken met collega’s", 6, 2, 3),
    ("Andere school bezoeken", 3, 4, 4),
    ("Zelfreflectie", 2, 5, 4),
    ("Feedback (vragen / ontvangen)", 4, 2, 2),
    ("Rolmodel / mentor", 3, 2, 2),
    ("Reflecteren in het algemeen (zowel met collega’s als zelf)", 2, 2, 1),
    ("Werken aan een praktijkvraagstuk in de school", 1, 2, 3),
    ("Vakliteratuur lezen", 3, 0, 0),
    ("Opleiding of cursus volgen", 3, 0, 0),
    ("Conferentie bezoeken", 3, 0, 0),
]


def figure2_forms() -> list[str]:
    return [form for form, *_ in _PLACES]


def figure2_ballots() -> list[list[str]]:
    """53 ballots (each 1-3 forms in order, no form twice) with the figure's totals."""
    ballots: list[list[str]] = []
    for form, first, _second, _third in _PLACES:
        ballots.extend([form] for _ in range(first))
    for place in (1, 2):  # fill second places, then third places
        pending = [form for form, *counts in _PLACES for _ in range(counts[place])]
        # Most frequent forms first, each to the next ballot that can take it.
        pending.sort(key=lambda f: -pending.count(f))
        cursor = 0
        for form in pending:
            for step in range(len(ballots)):
                ballot = ballots[(cursor + step) % len(ballots)]
                if len(ballot) == place and form not in ballot:
                    ballot.append(form)
                    cursor = (cursor + step + 1) % len(ballots)
                    break
            else:  # pragma: no cover - the data above always fits
                raise ValueError(f"cannot place {form}")
    assert len(ballots) == RESPONDENTS
    return ballots
