"""The review page: the whole application beside the criteria, one form for every
judgement and the decision (errors at the field, all or nothing), the conflict of interest
notice, and the history of judgements and decisions."""

import pytest
from django.core import mail

from networks.enums import NetworkStatus
from networks.models import CriterionJudgement, Decision
from networks.services import decide_application, judge_criteria, judge_criterion
from tests.factories import make_member, make_staff
from tests.factories.networks import make_application
from tests.networks.review_helpers import IN_FAVOUR, _form_data, _review_url

pytestmark = pytest.mark.django_db


def test_review_page_shows_whole_application_beside_criteria_and_history(client):
    application = make_application(submitted=True)
    staff = make_staff(first_name="Sanne", last_name="Staf")
    judge_criterion(
        application, code="field_initiative", verdict="met", motivation="Duidelijk.", by=staff
    )
    client.force_login(staff)
    content = client.get(_review_url(application)).content.decode()
    assert "Beoordeling: Samen Sturen" in content
    # Every field the penvoerder filled in, and the people and contact means.
    for text in (
        "Hoe sturen we samen op onderwijskwaliteit?",
        "Schoolleiders die samen leren sturen.",
        "Schoolleiders VO",
        "Acht schoolleiders vroegen erom.",
        "Drie keer per jaar, 16:00-19:00",
        "Maatjes",
        "De startbijeenkomst",
        f"Fee (fac@{application.applicant.pk}.example.nl)",
        "6 personen:",
        "€\u00a05.000,00",
        "€\u00a06.500,00",
    ):
        assert text in content, text
    assert "6 vaste deelnemers; minimaal 6 nodig." in content
    assert "Oordeel: Initiatief uit het veld" in content
    assert "Sanne Staf" in content
    assert "Geschiedenis" in content
    # One form with one save button for all eleven criteria.
    assert content.count('<form method="post" id="review-form"') == 1
    assert content.count("Oordelen opslaan") == 1
    assert content.count('name="min_two_years-verdict"') == 1


def test_review_form_saves_every_judgement_at_once(client):
    application = make_application(submitted=True, network_overrides={"meetings_per_year": 2})
    client.force_login(make_staff())
    response = client.post(
        _review_url(application),
        _form_data(
            **{
                "field_initiative-verdict": "met",
                "field_initiative-motivation": "Uit het veld.",
                "min_three_meetings_per_year-verdict": "met",
                "min_three_meetings_per_year-motivation": "Twee keer 24 uur.",
                "min_six_fixed_participants-verdict": "agree",
            }
        ),
        follow=True,
    )
    assert "Uw oordelen zijn opgeslagen." in response.content.decode()
    assert sorted(CriterionJudgement.objects.values_list("criterion", "status", "motivation")) == [
        ("field_initiative", "met", "Uit het veld."),
        ("min_six_fixed_participants", "met", ""),
        ("min_three_meetings_per_year", "met", "Twee keer 24 uur."),
    ]


def test_review_form_override_without_motivation_shows_error_at_field_and_saves_nothing(client):
    application = make_application(submitted=True, network_overrides={"meetings_per_year": 2})
    client.force_login(make_staff())
    response = client.post(
        _review_url(application),
        _form_data(
            **{
                "field_initiative-verdict": "met",
                "field_initiative-motivation": "Uit het veld.",
                "min_three_meetings_per_year-verdict": "met",
                "min_three_meetings_per_year-motivation": " ",
            }
        ),
    )
    assert response.status_code == 200
    form = response.context["form"]
    assert list(form.errors) == ["min_three_meetings_per_year-motivation"]
    content = response.content.decode()
    assert "Geef een motivering" in content
    assert "De oordelen zijn niet opgeslagen; zie de criteria." in content
    # All or nothing: the valid judgement in the same form is not saved either.
    assert CriterionJudgement.objects.count() == 0


def test_review_form_decision_without_motivation_shows_error(client):
    application = make_application(submitted=True)
    client.force_login(make_staff())
    response = client.post(
        _review_url(application),
        _form_data("decide", **{"decision-kind": "reject", "decision-motivation": ""}),
    )
    assert response.status_code == 200
    assert "decision-motivation" in response.context["form"].errors
    assert Decision.objects.count() == 0


def test_review_form_grant_refused_names_each_unmet_criterion_and_changes_nothing(client):
    application = make_application(
        submitted=True, participants=5, network_overrides={"meetings_per_year": 2}
    )
    client.force_login(make_staff())
    response = client.post(
        _review_url(application),
        _form_data(
            "decide",
            **{
                "field_initiative-verdict": "met",
                "field_initiative-motivation": "Uit het veld.",
                "decision-kind": "grant",
                "decision-motivation": "Mooi initiatief.",
                "decision-granted_facilitation": "4000",
                "decision-granted_speakers": "1000",
                "decision-granted_organisation": "250",
            },
        ),
    )
    assert response.status_code == 200
    error = response.context["form"].errors["decision-kind"][0]
    assert error.startswith("Toekennen kan niet:")
    assert error.endswith(
        "Gericht op professionalisering (onbekend), Minimaal drie bijeenkomsten per jaar "
        "(niet voldaan), Minimaal zes vaste deelnemers (niet voldaan)."
    )
    application.network.refresh_from_db()
    assert application.network.status == NetworkStatus.SUBMITTED
    assert (Decision.objects.count(), CriterionJudgement.objects.count()) == (0, 0)


def test_review_form_grant_accepted_once_each_unmet_criterion_has_an_override(
    client, django_capture_on_commit_callbacks
):
    application = make_application(submitted=True, network_overrides={"meetings_per_year": 2})
    client.force_login(make_staff())
    overrides = {
        "field_initiative-verdict": "met",
        "field_initiative-motivation": "Uit het veld.",
        "professionalisation_focus-verdict": "met",
        "professionalisation_focus-motivation": "Competenties centraal.",
        "min_three_meetings_per_year-verdict": "met",
        "min_three_meetings_per_year-motivation": "Twee keer 24 uur weegt op.",
    }
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            _review_url(application),
            _form_data(
                "decide",
                **overrides,
                **{
                    "decision-kind": "grant",
                    "decision-motivation": "Mooi initiatief.",
                    "decision-granted_facilitation": "4000",
                    "decision-granted_speakers": "1000",
                    "decision-granted_organisation": "250",
                },
            ),
            follow=True,
        )
    assert "Het besluit is vastgelegd en gemaild." in response.content.decode()
    application.network.refresh_from_db()
    assert application.network.status == NetworkStatus.GRANTED
    # One decision mail to the penvoerder; the people named by e-mail get invitations.
    assert [m.to for m in mail.outbox].count([application.applicant.email]) == 1
    client.force_login(application.applicant)
    content = client.get(application.get_absolute_url()).content.decode()
    assert "Toegekend · " in content
    assert "Mooi initiatief." in content
    assert "€\u00a05.250,00" in content


def test_review_page_staff_member_of_the_network_sees_who_else_may_review(client):
    application = make_application(submitted=True)
    member_staff = make_staff(first_name="Mieke", last_name="Lid")
    make_member(application.network, person=member_staff)
    other = make_staff(first_name="Olaf", last_name="Onafhankelijk")
    client.force_login(member_staff)
    content = client.get(_review_url(application)).content.decode()
    assert "belangenverstrengeling" in content
    notice = content.split('id="conflict-notice"', 1)[1].split("</div>", 1)[0]
    assert "Olaf Onafhankelijk" in notice
    assert other.email in notice
    assert "Mieke Lid" not in notice
    assert 'id="decision-form"' not in content
    assert "Besluit vastleggen" not in content


def test_review_post_by_staff_member_of_the_network_is_refused_and_changes_nothing(client):
    application = make_application(submitted=True)
    member_staff = make_staff()
    make_member(application.network, person=member_staff)
    client.force_login(member_staff)
    response = client.post(
        _review_url(application),
        _form_data(
            "decide",
            **{
                "field_initiative-verdict": "met",
                "field_initiative-motivation": "Uit het veld.",
                "decision-kind": "reject",
                "decision-motivation": "Nee.",
            },
        ),
        follow=True,
    )
    assert "belangenverstrengeling" in response.content.decode()
    assert "Er is niets opgeslagen." in response.content.decode()
    application.network.refresh_from_db()
    assert application.network.status == NetworkStatus.SUBMITTED
    assert (Decision.objects.count(), CriterionJudgement.objects.count()) == (0, 0)


def test_history_holds_every_judgement_and_decision_with_motivation(client):
    application = make_application(submitted=True)
    staff = make_staff(first_name="Sanne", last_name="Staf")
    judge_criteria(application, judgements=IN_FAVOUR, by=staff)
    judge_criterion(
        application, code="field_initiative", verdict="not_met", motivation="Toch niet.", by=staff
    )
    decide_application(application, kind="reject", motivation="Geen vraag uit het veld.", by=staff)
    client.force_login(make_staff())
    history = client.get(_review_url(application)).context["history"]
    lines = [
        (e["what"], e["type"], e["motivation"], str(e["who"]))
        for e in history
        if e["what"].startswith(("Oordeel", "Besluit"))
    ]
    assert sorted(lines) == sorted(
        [
            ("Besluit: Afgewezen", "Aangemaakt", "Geen vraag uit het veld.", "Sanne Staf"),
            (
                "Oordeel: Initiatief uit het veld",
                "Aangemaakt",
                IN_FAVOUR["field_initiative"][1],
                "Sanne Staf",
            ),
            ("Oordeel: Initiatief uit het veld", "Gewijzigd", "Toch niet.", "Sanne Staf"),
            (
                "Oordeel: Gericht op professionalisering",
                "Aangemaakt",
                IN_FAVOUR["professionalisation_focus"][1],
                "Sanne Staf",
            ),
        ]
    )
