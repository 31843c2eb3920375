"""Server-side SVG charts (matplotlib) for evaluation reports, safe for screen and PDF.

Each chart carries a <title> (and role="img") for screen readers; the page puts a table with
the same figures beside it. Inline style attributes are turned into SVG presentation
attributes and the <style> element is dropped, so the charts render under a strict CSP
(no 'unsafe-inline') as well as in WeasyPrint."""

from __future__ import annotations

import functools
import io
import re
from collections.abc import Sequence

from django.core.cache import cache
from django.utils.html import escape

COLOURS = ["#b2182b", "#ef8a62", "#bababa", "#67a9cf", "#2166ac"]
BASELINE_COLOUR = "#8c8c8c"
NOW_COLOUR = "#1d3557"


@functools.cache
def _pyplot():
    """matplotlib's pyplot, loaded when the process draws its first chart: loading it takes
    about 0.4 s, which a process that only reads cached charts, or a worker that computes
    scores and draws none, does not pay."""
    import matplotlib  # noqa: PLC0415 - start-up cost, ~0.4 s: loaded by the first chart

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt  # noqa: PLC0415 - start-up cost, as above

    plt.rcParams.update({"svg.fonttype": "none", "svg.hashsalt": "leernetwerk", "font.size": 9})
    return plt


def _wrap(label: str, width: int = 40) -> str:
    words, lines, line = label.split(), [], ""
    for word in words:
        if line and len(line) + len(word) + 1 > width:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}".strip()
    lines.append(line)
    return "\n".join(lines)


def _style_to_attributes(match: re.Match) -> str:
    parts = []
    for declaration in match.group(1).split(";"):
        if ":" not in declaration:
            continue
        name, value = (s.strip() for s in declaration.split(":", 1))
        parts.append(f'{name}="{value}"')
    return " ".join(parts)


def _finish(fig, title: str, prefix: str) -> str:
    buffer = io.StringIO()
    fig.savefig(buffer, format="svg", metadata={"Date": None}, bbox_inches="tight")
    _pyplot().close(fig)
    svg = buffer.getvalue()
    svg = svg[svg.index("<svg") :]
    svg = re.sub(r"<metadata>.*?</metadata>", "", svg, flags=re.S)
    svg = re.sub(r"<style[^>]*>.*?</style>", "", svg, flags=re.S)
    svg = re.sub(r'style="([^"]*)"', _style_to_attributes, svg)
    svg = re.sub(r'id="([^"]+)"', lambda m: f'id="{prefix}-{m.group(1)}"', svg)
    svg = re.sub(r"url\(#([^)]+)\)", lambda m: f"url(#{prefix}-{m.group(1)})", svg)
    svg = re.sub(r'href="#([^"]+)"', lambda m: f'href="#{prefix}-{m.group(1)}"', svg)
    svg = re.sub(r'^<svg([^>]*?) width="[^"]+" height="[^"]+"', r'<svg\1 width="100%"', svg)
    svg = svg.replace(
        "<svg ",
        f'<svg role="img" aria-labelledby="{prefix}-title" class="chart" ',
        1,
    )
    head_end = svg.index(">") + 1
    return svg[:head_end] + f'<title id="{prefix}-title">{escape(title)}</title>' + svg[head_end:]


def distribution_chart(
    title: str,
    items: Sequence[tuple[str, Sequence[int]]],
    scale_labels: Sequence[str],
    prefix: str = "dist",
) -> str:
    """Stacked horizontal bars: per item the share of answers on each scale point."""
    height = 0.6 + 0.55 * max(len(items), 1)
    fig, ax = _pyplot().subplots(figsize=(7.5, height))
    labels = [_wrap(label) for label, _ in items][::-1]
    rows = [list(counts) for _, counts in items][::-1]
    lefts = [0.0] * len(rows)
    for point in range(5):
        widths = [(row[point] / sum(row) * 100) if sum(row) else 0 for row in rows]
        ax.barh(labels, widths, left=lefts, color=COLOURS[point], label=scale_labels[point])
        lefts = [a + b for a, b in zip(lefts, widths, strict=True)]
    ax.set_title(_wrap(title, 70), loc="left", fontsize=10)
    ax.set_xlim(0, 100)
    ax.set_xlabel("%")
    ax.legend(
        ncol=5,
        loc="upper center",
        bbox_to_anchor=(0.5, -0.25 / height * 3),
        fontsize=7,
        frameon=False,
    )
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    return _finish(fig, title, prefix)


def baseline_chart(
    title: str,
    items: Sequence[tuple[str, float | None, float | None]],
    labels: tuple[str, str],
    prefix: str = "base",
) -> str:
    """Paired horizontal bars: the mean at baseline against the mean now, per item."""
    height = 0.6 + 0.6 * max(len(items), 1)
    fig, ax = _pyplot().subplots(figsize=(7.5, height))
    positions = list(range(len(items)))[::-1]
    ax.barh(
        [p + 0.2 for p in positions],
        [b or 0 for _, b, _ in items],
        height=0.38,
        color=BASELINE_COLOUR,
        label=labels[0],
    )
    ax.barh(
        [p - 0.2 for p in positions],
        [n or 0 for _, _, n in items],
        height=0.38,
        color=NOW_COLOUR,
        label=labels[1],
    )
    ax.set_title(_wrap(title, 70), loc="left", fontsize=10)
    ax.set_yticks(positions, [_wrap(label) for label, _, _ in items])
    ax.set_xlim(1, 5)
    ax.set_xticks([1, 2, 3, 4, 5])
    ax.legend(loc="lower right", fontsize=7, frameon=False)
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    return _finish(fig, title, prefix)


def cached(key: str, draw) -> str:
    """A chart kept in the cache under `key` (which must change whenever the figures it
    draws do: matplotlib takes a few hundred milliseconds per chart)."""
    svg = cache.get(key)
    if svg is None:
        svg = draw()
        cache.set(key, svg, timeout=60 * 60 * 24)
    return svg
