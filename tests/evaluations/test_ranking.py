"""The Leer-top 3: Figure 2, the tie rule, the ballot file and the commands."""

import json
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from evaluations.figure2 import FIGURE_2, RESPONDENTS, figure2_ballots, figure2_forms
from evaluations.models import Ballot, LearningForm, RankingSurvey
from evaluations.ranking import BallotFileError, parse_ballot_rows, rank_forms

HEADER = "respondent,choice_1,choice_2,choice_3\n"


def test_constructed_ballots_have_figure_2_totals():
    ballots = figure2_ballots()
    assert len(ballots) == RESPONDENTS == 53
    assert all(len(set(b)) == len(b) and 1 <= len(b) <= 3 for b in ballots)


def test_figure_2_reproduced_exactly_names_included():
    table = [
        (r.rank, r.learning_form, r.points, r.first_places)
        for r in rank_forms(figure2_ballots())[:10]
    ]
    assert table == [
        (1, "Werken aan een verbetering of vernieuwing in de school", 53, 11),
        (2, "Reflecteren met collega’s", 53, 10),
        (3, "Meedoen aan leernetwerk", 26, 2),
        (4, "Samenwerken met collega’s", 25, 6),
        (5, "Andere school bezoeken", 21, 3),
        (6, "Zelfreflectie", 20, 2),
        (7, "Feedback (vragen / ontvangen)", 18, 4),
        (8, "Rolmodel / mentor", 15, 3),
        (9, "Reflecteren in het algemeen (zowel met collega’s als zelf)", 11, 2),
        (10, "Werken aan een praktijkvraagstuk in de school", 10, 1),
    ]
    assert [(f, p, n) for _, f, p, n in table] == FIGURE_2


def test_tie_on_points_goes_to_more_first_places():
    # Both 6 points: A is first twice (3+3); B is first once, second once, third once (3+2+1)
    ranking = rank_forms([["B", "X"], ["A"], ["A"], ["X", "B"], ["Y", "Z", "B"]])
    rows = {r.learning_form: r for r in ranking}
    assert (rows["A"].points, rows["B"].points) == (6, 6)
    assert [r.learning_form for r in ranking][:2] == ["A", "B"]


def test_tie_on_points_and_first_places_goes_by_name():
    ranking = rank_forms([["Zelfreflectie"], ["Andere school bezoeken"]])
    assert [(r.rank, r.learning_form) for r in ranking] == [
        (1, "Andere school bezoeken"),
        (2, "Zelfreflectie"),
    ]


def test_points_are_three_two_one():
    (row,) = [r for r in rank_forms([["A", "B", "C"]]) if r.learning_form == "C"]
    assert [(r.learning_form, r.points, r.first_places) for r in rank_forms([["A", "B", "C"]])] == [
        ("A", 3, 1),
        ("B", 2, 0),
        ("C", 1, 0),
    ]
    assert row.rank == 3


def _parse(text, known=None, existing=frozenset()):
    import csv

    return parse_ballot_rows(
        list(csv.reader(StringIO(text))), known_forms=known, existing_respondents=existing
    )


def test_parse_unknown_form_without_create_lists_the_line():
    with pytest.raises(BallotFileError) as error:
        _parse(HEADER + "r1,A,B,\nr2,A,Onbekend,\n", known={"A", "B"})
    assert error.value.errors == [(3, "Onbekende leervorm: Onbekend.")]


def test_parse_repeated_form_on_one_ballot():
    with pytest.raises(BallotFileError) as error:
        _parse(HEADER + "r1,A,B,A\n", known=None)
    assert error.value.errors == [(2, "De leervorm A staat meer dan eens op dit stembiljet.")]


def test_parse_repeated_respondent():
    with pytest.raises(BallotFileError) as error:
        _parse(HEADER + "r1,A,,\nr2,B,,\nr1,B,,\n", known=None)
    assert error.value.errors == [(4, "Respondent r1 staat al op regel 2.")]


def test_parse_lists_every_error_with_line_numbers():
    with pytest.raises(BallotFileError) as error:
        _parse(HEADER + "r1,A,A,\nr1,Z,,\n", known={"A"})
    assert [line for line, _ in error.value.errors] == [2, 3, 3]


def test_parse_wrong_header():
    with pytest.raises(BallotFileError) as error:
        _parse("naam,keuze\nr1,A\n", known=None)
    assert error.value.errors[0][0] == 1


def _write(tmp_path, text):
    path = tmp_path / "stembiljetten.csv"
    path.write_text(text, encoding="utf-8")
    return str(path)


def _figure2_file(tmp_path):
    lines = [HEADER.strip()]
    for number, ballot in enumerate(figure2_ballots(), start=1):
        lines.append(",".join([f"R{number:02d}", *ballot, *[""] * (3 - len(ballot))]))
    return _write(tmp_path, "\n".join(lines) + "\n")


@pytest.mark.django_db
def test_import_with_create_and_ranking_report_json_reproduce_figure_2(tmp_path):
    out = StringIO()
    call_command(
        "import_ballots", _figure2_file(tmp_path), "--survey", "Leer-top 3", "--create", stdout=out
    )
    assert "53" in out.getvalue()
    survey = RankingSurvey.objects.get(name="Leer-top 3")
    assert set(survey.forms.values_list("name", flat=True)) == set(figure2_forms())

    out = StringIO()
    call_command("ranking_report", "--survey", "Leer-top 3", "--json", stdout=out)
    data = json.loads(out.getvalue())
    assert data[:10] == [
        {"rank": i, "learning_form": form, "points": points, "first_places": firsts}
        for i, (form, points, firsts) in enumerate(FIGURE_2, start=1)
    ]
    assert data[0] == {
        "rank": 1,
        "learning_form": "Werken aan een verbetering of vernieuwing in de school",
        "points": 53,
        "first_places": 11,
    }
    assert out.getvalue().startswith('[{"rank": 1, "learning_form": "Werken aan')


@pytest.mark.django_db
def test_ranking_report_top_prints_exactly_the_figure(tmp_path):
    call_command(
        "import_ballots", _figure2_file(tmp_path), "--survey", "F2", "--create", stdout=StringIO()
    )
    out = StringIO()
    call_command("ranking_report", "--survey", "F2", "--json", "--top", "10", stdout=out)
    assert [
        (r["learning_form"], r["points"], r["first_places"]) for r in json.loads(out.getvalue())
    ] == FIGURE_2


def _survey_with_forms(*names):
    survey = RankingSurvey.objects.create(name="Enquête", slug="enquete")
    for name in names:
        LearningForm.objects.create(survey=survey, name=name)
    return survey


@pytest.mark.django_db
def test_import_unknown_form_without_create_refuses_whole_file(tmp_path):
    _survey_with_forms("A", "B")
    path = _write(tmp_path, HEADER + "r1,A,B,\nr2,B,C,\n")
    with pytest.raises(CommandError) as error:
        call_command("import_ballots", path, "--survey", "Enquête")
    assert "regel 3: Onbekende leervorm: C." in str(error.value)
    assert "niets opgeslagen" in str(error.value)
    assert Ballot.objects.count() == 0


@pytest.mark.django_db
def test_import_repeated_form_refuses_whole_file(tmp_path):
    _survey_with_forms("A", "B")
    path = _write(tmp_path, HEADER + "r1,A,B,\nr2,B,B,\n")
    with pytest.raises(CommandError) as error:
        call_command("import_ballots", path, "--survey", "Enquête")
    assert "regel 3: De leervorm B staat meer dan eens op dit stembiljet." in str(error.value)
    assert Ballot.objects.count() == 0


@pytest.mark.django_db
def test_import_repeated_respondent_refuses_whole_file(tmp_path):
    _survey_with_forms("A", "B")
    path = _write(tmp_path, HEADER + "r1,A,,\nr2,B,,\nr2,A,,\n")
    with pytest.raises(CommandError) as error:
        call_command("import_ballots", path, "--survey", "Enquête")
    assert "regel 4: Respondent r2 staat al op regel 3." in str(error.value)
    assert Ballot.objects.count() == 0


@pytest.mark.django_db
def test_import_respondent_already_in_survey_is_refused(tmp_path):
    _survey_with_forms("A")
    call_command(
        "import_ballots",
        _write(tmp_path, HEADER + "r1,A,,\n"),
        "--survey",
        "Enquête",
        stdout=StringIO(),
    )
    with pytest.raises(CommandError) as error:
        call_command(
            "import_ballots", _write(tmp_path, HEADER + "r2,A,,\nr1,A,,\n"), "--survey", "Enquête"
        )
    assert "regel 3: Respondent r1 heeft al een stembiljet in deze enquête." in str(error.value)
    assert Ballot.objects.count() == 1


@pytest.mark.django_db
def test_import_unknown_survey_without_create(tmp_path):
    with pytest.raises(CommandError) as error:
        call_command("import_ballots", _write(tmp_path, HEADER + "r1,A,,\n"), "--survey", "Nee")
    assert "Er is geen enquête met de naam Nee" in str(error.value)
    assert RankingSurvey.objects.count() == 0


@pytest.mark.django_db
def test_import_with_create_and_an_error_creates_nothing(tmp_path):
    with pytest.raises(CommandError):
        call_command(
            "import_ballots",
            _write(tmp_path, HEADER + "r1,A,A,\n"),
            "--survey",
            "Nieuw",
            "--create",
        )
    assert RankingSurvey.objects.count() == 0
    assert LearningForm.objects.count() == 0


@pytest.mark.django_db
def test_ranking_report_unknown_survey():
    with pytest.raises(CommandError):
        call_command("ranking_report", "--survey", "Bestaat niet", "--json")


# The command reads its file with the limits of the upload form (issue 10, security 3).


@pytest.mark.django_db
def test_import_command_refuses_more_rows_than_allowed_and_stores_nothing(tmp_path):
    _survey_with_forms("A")
    path = _write(tmp_path, HEADER + "".join(f"r{n},A,,\n" for n in range(5001)))
    with pytest.raises(CommandError) as error:
        call_command("import_ballots", path, "--survey", "Enquête")
    assert str(error.value) == (
        "Het bestand is geweigerd; er is niets opgeslagen.\n"
        "Het bestand heeft meer dan 5000 rijen. Splits het in kleinere bestanden."
    )
    assert Ballot.objects.count() == 0


@pytest.mark.django_db
def test_import_command_accepts_exactly_the_row_limit(tmp_path):
    _survey_with_forms("A")
    path = _write(tmp_path, HEADER + "".join(f"r{n},A,,\n" for n in range(5000)))
    out = StringIO()
    call_command("import_ballots", path, "--survey", "Enquête", stdout=out)
    assert Ballot.objects.count() == 5000


@pytest.mark.django_db
def test_import_command_refuses_a_file_over_the_size_limit_before_reading_it(tmp_path):
    _survey_with_forms("A")
    path = _write(tmp_path, HEADER + "r,A,,\n" * 400_000)
    assert Path(path).stat().st_size > 2 * 1024 * 1024
    with pytest.raises(CommandError) as error:
        call_command("import_ballots", path, "--survey", "Enquête")
    assert str(error.value) == (
        "Het bestand is geweigerd; er is niets opgeslagen.\nHet bestand is groter dan 2,0\xa0MB."
    )
    assert Ballot.objects.count() == 0


@pytest.mark.django_db
def test_import_command_caps_its_error_list(tmp_path):
    _survey_with_forms("A")
    path = _write(tmp_path, HEADER + "".join(f"r{n},Onbekend,,\n" for n in range(200)))
    with pytest.raises(CommandError) as error:
        call_command("import_ballots", path, "--survey", "Enquête")
    lines = str(error.value).splitlines()
    assert len(lines) == 52  # the refusal, 50 lines, and the count of the rest
    assert lines[-1] == (
        "… en nog 150 fouten. Verbeter eerst deze en controleer het bestand opnieuw."
    )
    assert Ballot.objects.count() == 0
