"""Focus is always visible with at least 3:1 contrast (issue 15, item 2; WCAG 2.4.7, 1.4.11).

Each kind of control is reached with the Tab key on a page that uses the site's own style
sheets; its focus outline must be drawn (solid, at least 2 px) in a colour with at least 3:1
contrast against the background it sits on: white in the page, dark blue in the navigation."""

from __future__ import annotations

import re

import pytest

pytestmark = [pytest.mark.browser]

CONTROLS = """
<nav class="navbar site-nav"><a class="nav-link" id="nav-link" href="#">Mijn netwerken</a></nav>
<main class="container">
  <a id="link" href="#">Een link</a>
  <label for="text">Naam</label><input class="form-control" id="text" type="text">
  <label for="choice">Keuze</label>
  <select class="form-select" id="choice"><option>Een</option></select>
  <div class="form-check">
    <input class="form-check-input" type="radio" id="radio" name="r">
    <label class="form-check-label" for="radio">Aanwezig</label>
  </div>
  <div class="form-check">
    <input class="form-check-input" type="checkbox" id="check">
    <label class="form-check-label" for="check">Delen</label>
  </div>
  <button class="btn btn-primary" id="button" type="button">Opslaan</button>
</main>
"""
BACKGROUND = {"nav-link": (0x1D, 0x35, 0x57)}  # .site-nav; all others sit on white
WHITE = (255, 255, 255)


def luminance(rgb: tuple[int, int, int]) -> float:
    def channel(value: int) -> float:
        c = value / 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(v) for v in rgb)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(a: tuple[int, int, int], b: tuple[int, int, int]) -> float:
    high, low = sorted((luminance(a), luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def test_every_kind_of_control_shows_a_focus_ring_of_at_least_3_to_1(page, live_server):
    page.set_viewport_size({"width": 390, "height": 844})
    page.set_content(
        '<!DOCTYPE html><html lang="nl"><head><title>Focus</title>'
        f'<link rel="stylesheet" href="{live_server.url}/static/vendor/bootstrap/bootstrap.min.css">'
        f'<link rel="stylesheet" href="{live_server.url}/static/css/leernetwerk.css">'
        f"</head><body>{CONTROLS}</body></html>",
        wait_until="load",
    )
    rings = {}
    for _ in range(7):
        page.keyboard.press("Tab")
        rings[page.evaluate("document.activeElement.id")] = page.evaluate(
            "() => { const s = getComputedStyle(document.activeElement);"
            " return [s.outlineStyle, s.outlineWidth, s.outlineColor]; }"
        )
    assert sorted(rings) == ["button", "check", "choice", "link", "nav-link", "radio", "text"]
    weak = []
    for control, (style, width, colour) in rings.items():
        rgb = tuple(int(v) for v in re.findall(r"\d+", colour)[:3])
        ratio = contrast(rgb, BACKGROUND.get(control, WHITE))
        if style != "solid" or float(width.removesuffix("px")) < 2 or ratio < 3:
            weak.append(f"{control}: {style} {width} {colour} ({ratio:.1f}:1)")
    assert weak == []
