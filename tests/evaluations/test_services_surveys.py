"""Services of the Leer-top 3 (ballots entered in the browser): recording ballots, the
ranking, merging an 'other' answer into a listed learning form, bad input."""

import pytest
from django.core.exceptions import ValidationError

from evaluations import services
from evaluations.models import LearningForm, RankingSurvey
from evaluations.selectors import ranking_for_survey

pytestmark = pytest.mark.django_db


def _survey():
    return services.create_survey(by=None, name="Top 3", forms=["A", "B", "C"])


def test_record_ballot_and_merge_other_answer_into_listed_form():
    survey = _survey()
    a, b, c = (LearningForm.objects.get(survey=survey, name=n) for n in "ABC")
    services.record_ballot(survey, by=None, respondent="1", choices=[(a, ""), (None, "Coaching")])
    services.record_ballot(
        survey, by=None, respondent="2", choices=[(None, "Coaching"), (b, ""), (None, "")]
    )
    assert [(r.learning_form, r.points) for r in ranking_for_survey(survey)] == [("A", 3), ("B", 2)]
    assert services.merge_other_answer(survey, by=None, other_text="Coaching", form=c) == 2
    assert [(r.learning_form, r.points, r.first_places) for r in ranking_for_survey(survey)] == [
        ("C", 5, 1),
        ("A", 3, 1),
        ("B", 2, 0),
    ]


def test_merge_refused_when_a_ballot_already_names_the_form():
    survey = _survey()
    a = LearningForm.objects.get(survey=survey, name="A")
    services.record_ballot(survey, by=None, respondent="7", choices=[(a, ""), (None, "a")])
    with pytest.raises(ValidationError):
        services.merge_other_answer(survey, by=None, other_text="a", form=a)
    assert survey.ballots.get().choices.filter(form__isnull=True).count() == 1


@pytest.mark.parametrize(
    ("respondent", "choices", "field"),
    [
        ("1", [], "choice_1"),
        ("2", [("A", ""), ("A", "")], "choice_2"),
        ("3", [("A", ""), (None, ""), ("B", "")], "choice_2"),
        ("4", [("A", "Iets")], "choice_1"),
        ("dubbel", [("A", "")], "respondent"),
    ],
)
def test_record_ballot_bad_input_stores_nothing(respondent, choices, field):
    survey = _survey()
    services.record_ballot(
        survey,
        by=None,
        respondent="dubbel",
        choices=[(LearningForm.objects.get(survey=survey, name="C"), "")],
    )
    forms = {f.name: f for f in survey.forms.all()}
    with pytest.raises(ValidationError) as error:
        services.record_ballot(
            survey,
            by=None,
            respondent=respondent,
            choices=[(forms.get(f) if f else None, o) for f, o in choices],
        )
    assert field in error.value.message_dict
    assert survey.ballots.count() == 1


def test_create_survey_with_existing_name_refused():
    _survey()
    with pytest.raises(ValidationError):
        services.create_survey(by=None, name="Top 3")
    assert RankingSurvey.objects.count() == 1
