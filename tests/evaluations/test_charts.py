"""Server-side SVG charts: accessible title, CSP-safe (no inline styles), unique ids."""

import re

from evaluations.charts import baseline_chart, distribution_chart

LABELS = ["1", "2", "3", "4", "5"]


def test_distribution_chart_has_title_and_no_inline_style():
    svg = distribution_chart(
        "Verdeling <per> vraag", [("Sfeer", [0, 1, 1, 2, 1])], LABELS, prefix="a"
    )
    assert svg.startswith("<svg ")
    assert 'role="img"' in svg and 'aria-labelledby="a-title"' in svg
    assert '<title id="a-title">Verdeling &lt;per&gt; vraag</title>' in svg
    assert "style=" not in svg and "<style" not in svg
    ids = re.findall(r' id="([^"]+)"', svg)
    assert ids and all(i.startswith("a-") for i in ids)


def test_two_charts_on_one_page_share_no_id():
    one = distribution_chart("x", [("a", [1, 1, 1, 1, 1])], LABELS, prefix="one")
    two = baseline_chart("y", [("a", 3.0, 4.0)], ("Nulmeting", "Nu"), prefix="two")
    assert not set(re.findall(r' id="([^"]+)"', one)) & set(re.findall(r' id="([^"]+)"', two))


def test_charts_are_deterministic():
    args = ("x", [("a", [1, 2, 3, 4, 5])], LABELS)
    assert distribution_chart(*args) == distribution_chart(*args)


def test_charts_show_their_title_and_a_legend_of_the_scale():
    svg = distribution_chart(
        "Verdeling per vraag",
        [("Sfeer", [0, 1, 2, 1, 1])],
        ["Helemaal oneens", "Oneens", "Neutraal", "Eens", "Helemaal eens"],
        prefix="t",
    )
    # the drawing's own text (svg.fonttype none keeps text as text): the title above the
    # bars, the item, and the legend of the five scale points
    texts = re.findall(r"<text[^>]*>([^<]*)</text>", svg)
    assert texts[-7:] == [
        "Sfeer",
        "Verdeling per vraag",
        "Helemaal oneens",
        "Oneens",
        "Neutraal",
        "Eens",
        "Helemaal eens",
    ]
