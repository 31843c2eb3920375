"""The BC-Scan: statements per competence, scoring and the result chart.

Pure module: plain values in, plain values out, no ORM. The five competences are those of
the Beroepsstandaard Schoolleiders VO (2014); the statements were written for this product
and translate each competence to the leader's own work."""

from __future__ import annotations

from dataclasses import dataclass
from xml.sax.saxutils import escape

from django.utils.translation import gettext_lazy as _

SCALE = (1, 2, 3, 4, 5)
SCALE_LABELS = {
    1: _("Not at all like me"),
    2: _("Hardly like me"),
    3: _("Partly like me"),
    4: _("Largely like me"),
    5: _("Fully like me"),
}

COMPETENCE_NAMES = {
    1: _("Creating a shared vision and direction"),
    2: _("Realising a coherent organisation for the primary process"),
    3: _("Promoting cooperation, learning and research"),
    4: _("Dealing strategically with the environment"),
    5: _("Analysing and solving problems"),
}


@dataclass(frozen=True)
class Statement:
    key: str
    competence: int
    text: str


STATEMENTS: tuple[Statement, ...] = (
    Statement("c1s1", 1, _("I formulate with my team what we want to achieve for our students.")),
    Statement(
        "c1s2", 1, _("I regularly explain how our daily choices follow from the school's vision.")
    ),
    Statement("c1s3", 1, _("I involve teachers, students and parents when our direction is set.")),
    Statement("c1s4", 1, _("I translate the vision into concrete goals that can be checked.")),
    Statement("c2s1", 2, _("I make sure timetables, teams and resources support good teaching.")),
    Statement(
        "c2s2",
        2,
        _("I set clear frames (budget, time, rules) within which teachers take initiative."),
    ),
    Statement("c2s3", 2, _("I monitor the quality of teaching with data and classroom visits.")),
    Statement("c2s4", 2, _("I align policy on staff, finance and teaching with each other.")),
    Statement("c3s1", 3, _("I create room for teachers to learn from and with each other.")),
    Statement("c3s2", 3, _("I set an example by reflecting openly on my own leadership.")),
    Statement("c3s3", 3, _("I encourage teachers to investigate their own practice.")),
    Statement("c3s4", 3, _("I use results of research and networks in decisions at school.")),
    Statement("c4s1", 4, _("I know which developments around the school affect our students.")),
    Statement(
        "c4s2",
        4,
        _("I build working relations with partners such as other schools and the municipality."),
    ),
    Statement(
        "c4s3", 4, _("I account openly to the board, parents and inspectorate for our results.")
    ),
    Statement("c4s4", 4, _("I use opportunities in the environment to strengthen the school.")),
    Statement("c5s1", 5, _("I first analyse a problem from several perspectives before I act.")),
    Statement("c5s2", 5, _("I distinguish goals from means when solutions are discussed.")),
    Statement("c5s3", 5, _("I take decisions on time, also when information is incomplete.")),
    Statement("c5s4", 5, _("I evaluate afterwards whether a solution had the intended effect.")),
)

STATEMENT_KEYS = tuple(s.key for s in STATEMENTS)


def statements_for(competence: int) -> list[Statement]:
    return [s for s in STATEMENTS if s.competence == competence]


def missing_answers(answers: dict[str, int]) -> list[str]:
    """Keys of statements that have no valid answer on the scale."""
    return [key for key in STATEMENT_KEYS if answers.get(key) not in SCALE]


def competence_scores(answers: dict[str, int]) -> dict[int, float]:
    """Mean answer per competence (1-5, one decimal), for competences fully answered."""
    scores: dict[int, float] = {}
    for number in COMPETENCE_NAMES:
        values = [answers.get(s.key) for s in statements_for(number)]
        if values and all(v in SCALE for v in values):
            scores[number] = round(sum(values) / len(values), 1)
    return scores


def compare(current: dict[int, float], earlier: dict[int, float] | None) -> dict[int, float | None]:
    """Change per competence against an earlier scan (None where there is no earlier score)."""
    if not earlier:
        return {number: None for number in current}
    return {
        number: (round(score - earlier[number], 1) if number in earlier else None)
        for number, score in current.items()
    }


def weakest(scores: dict[int, float], count: int = 2) -> list[int]:
    """Competences to develop next: the lowest scores (ties by competence number)."""
    return [n for n, _ in sorted(scores.items(), key=lambda item: (item[1], item[0]))[:count]]


def chart_svg(
    scores: dict[int, float],
    *,
    title: str,
    description: str,
    labels: dict[int, str],
    current_label: str = "",
    earlier: dict[int, float] | None = None,
    earlier_label: str = "",
    decimal_separator: str = ".",
) -> str:
    """A horizontal bar chart (SVG) of scores 1-5 per competence, with <title> and <desc>.

    Each competence is named above its bar(s); a legend tells this scan's bars from the
    earlier scan's. The chart is drawn on the server so it also works in the PDF; the page
    shows the same numbers in a table beside it for screen readers."""

    def num(value: float) -> str:
        return f"{value:.1f}".replace(".", decimal_separator)

    bar_height, name_height, gap, left, width = 20, 18, 12, 24, 360
    current_colour, earlier_colour = "#1f5c99", "#9bb7d4"
    row_height = name_height + bar_height * (2 if earlier else 1) + gap
    legend_height = 24
    top = legend_height + 24  # legend, then the scale's numbers
    height = top + row_height * len(scores) + 4
    unit = width / 5
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" role="img" class="bcscan-chart" '
        f'viewBox="0 0 {left + width + 60} {height}" aria-labelledby="chart-title chart-desc">',
        f'<title id="chart-title">{escape(title)}</title>',
        f'<desc id="chart-desc">{escape(description)}</desc>',
    ]
    legend = [(current_colour, current_label)]
    if earlier:
        legend.append((earlier_colour, earlier_label))
    x = 4
    for colour, text in legend:
        if not text:
            continue
        parts.append(
            f'<rect x="{x}" y="4" width="14" height="14" fill="{colour}"/>'
            f'<text x="{x + 20}" y="16" font-size="12" fill="#222">{escape(text)}</text>'
        )
        x += 20 + 7 * len(text) + 24
    for tick in SCALE:
        x = left + tick * unit
        parts.append(
            f'<line x1="{x:.0f}" y1="{top - 6}" x2="{x:.0f}" y2="{height - 4}" stroke="#ccc"/>'
            f'<text x="{x:.0f}" y="{top - 10}" font-size="11" text-anchor="middle" '
            f'fill="#333">{tick}</text>'
        )
    y = top
    for number, score in scores.items():
        name = escape(labels.get(number, str(number)))
        parts.append(
            f'<text x="4" y="{y + name_height - 5}" font-size="12" fill="#222">'
            f"{number}. {name}</text>"
        )
        y += name_height
        parts.append(
            f'<rect x="{left}" y="{y}" width="{score * unit:.1f}" height="{bar_height}" '
            f'fill="{current_colour}"><title>{name}: {num(score)}</title></rect>'
            f'<text x="{left + score * unit + 4:.1f}" y="{y + bar_height - 5}" font-size="12" '
            f'fill="#222">{num(score)}</text>'
        )
        y += bar_height
        if earlier:
            old = earlier.get(number)
            if old is not None:
                parts.append(
                    f'<rect x="{left}" y="{y}" width="{old * unit:.1f}" height="{bar_height}" '
                    f'fill="{earlier_colour}"><title>{escape(earlier_label)}: {num(old)}</title>'
                    f"</rect>"
                    f'<text x="{left + old * unit + 4:.1f}" y="{y + bar_height - 5}" '
                    f'font-size="12" fill="#222">{num(old)}</text>'
                )
            y += bar_height
        y += gap
    parts.append("</svg>")
    return "".join(parts)
