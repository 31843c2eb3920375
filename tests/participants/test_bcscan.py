import pytest

from participants import bcscan


def test_statements_cover_every_competence_with_four():
    counts = {n: len(bcscan.statements_for(n)) for n in bcscan.COMPETENCE_NAMES}

    assert counts == {1: 4, 2: 4, 3: 4, 4: 4, 5: 4}


def test_missing_answers_lists_unanswered_and_out_of_scale():
    answers = {key: 3 for key in bcscan.STATEMENT_KEYS}
    answers["c2s3"] = 7
    del answers["c5s1"]

    assert bcscan.missing_answers(answers) == ["c2s3", "c5s1"]


@pytest.mark.parametrize(
    ("values", "expected"),
    [((1, 2, 3, 4), 2.5), ((5, 5, 5, 5), 5.0), ((1, 1, 1, 2), 1.2)],
)
def test_competence_scores_mean_per_competence(values, expected):
    answers = {key: 3 for key in bcscan.STATEMENT_KEYS}
    for key, value in zip(("c4s1", "c4s2", "c4s3", "c4s4"), values, strict=True):
        answers[key] = value

    assert bcscan.competence_scores(answers)[4] == expected


def test_competence_scores_skip_incomplete_competence():
    answers = {key: 3 for key in bcscan.STATEMENT_KEYS}
    del answers["c1s1"]

    assert sorted(bcscan.competence_scores(answers)) == [2, 3, 4, 5]


def test_compare_gives_change_per_competence():
    assert bcscan.compare({1: 3.5, 2: 4.0}, {1: 3.0}) == {1: 0.5, 2: None}


def test_compare_without_earlier_scan_is_all_none():
    assert bcscan.compare({1: 3.5}, None) == {1: None}


def test_weakest_picks_lowest_scores_ties_by_number():
    assert bcscan.weakest({1: 3.0, 2: 2.0, 3: 2.0, 4: 4.5}) == [2, 3]


def test_chart_svg_has_title_and_escapes_text():
    svg = bcscan.chart_svg({1: 3.0}, title="Score <x>", description="d", labels={1: "A&B"})

    assert '<title id="chart-title">Score &lt;x&gt;</title>' in svg
    assert "A&amp;B: 3.0" in svg
    assert svg.startswith("<svg") and svg.endswith("</svg>")


def test_chart_svg_uses_given_decimal_separator_and_shows_earlier():
    svg = bcscan.chart_svg(
        {1: 2.5},
        title="t",
        description="d",
        labels={1: "A"},
        earlier={1: 2.0},
        earlier_label="Eerder",
        decimal_separator=",",
    )

    assert "A: 2,5" in svg and "Eerder: 2,0" in svg and "2.5" not in svg


def test_chart_svg_names_each_competence_and_has_a_legend_for_both_scans():
    svg = bcscan.chart_svg(
        {1: 2.5, 2: 4.0},
        title="t",
        description="d",
        labels={1: "Visie", 2: "Organisatie"},
        current_label="Deze scan",
        earlier={1: 2.0, 2: 3.0},
        earlier_label="Eerdere scan",
    )

    assert ">1. Visie</text>" in svg
    assert ">2. Organisatie</text>" in svg
    assert ">Deze scan</text>" in svg
    assert ">Eerdere scan</text>" in svg


def test_chart_svg_legend_names_only_this_scan_without_an_earlier_one():
    svg = bcscan.chart_svg(
        {1: 2.5},
        title="t",
        description="d",
        labels={1: "Visie"},
        current_label="Deze scan",
        earlier_label="Eerdere scan",
    )

    assert ">Deze scan</text>" in svg
    assert "Eerdere scan" not in svg
