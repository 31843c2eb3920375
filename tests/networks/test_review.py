"""Staff review: judgements, decisions, e-mail, history, the queue and its role matrix."""

import re
from decimal import Decimal

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.urls import reverse

from networks.enums import NetworkStatus, Role
from networks.models import CriterionJudgement, Decision, Membership, Network
from networks.services import decide_application, judge_criteria, judge_criterion
from tests.factories import UserFactory, make_facilitator, make_member, make_staff
from tests.factories.networks import make_applicant, make_application

pytestmark = pytest.mark.django_db

GRANT = {
    "granted_facilitation": Decimal("4000"),
    "granted_speakers": Decimal("1000"),
    "granted_organisation": Decimal("0"),
}
# The two criteria only staff can judge; a grant needs them judged in favour.
IN_FAVOUR = {
    "field_initiative": ("met", "Acht schoolleiders vroegen er zelf om."),
    "professionalisation_focus": ("met", "Competenties staan centraal."),
}


def judged_in_favour(application, staff=None):
    judge_criteria(application, judgements=IN_FAVOUR, by=staff or make_staff())
    return application


# --- judgements ------------------------------------------------------------------------------


def test_override_without_motivation_is_refused():
    application = make_application(submitted=True, network_overrides={"meetings_per_year": 2})
    with pytest.raises(ValidationError) as raised:
        judge_criterion(
            application,
            code="min_three_meetings_per_year",
            verdict="met",
            motivation=" ",
            by=make_staff(),
        )
    assert "motivation" in raised.value.message_dict
    assert CriterionJudgement.objects.count() == 0


def test_override_with_motivation_is_recorded():
    application = make_application(submitted=True, network_overrides={"meetings_per_year": 2})
    staff = make_staff()
    judgement = judge_criterion(
        application,
        code="min_three_meetings_per_year",
        verdict="met",
        motivation="Twee keer 24 uur weegt op tegen drie korte bijeenkomsten.",
        by=staff,
    )
    assert (judgement.automatic_status, judgement.status, judgement.is_override) == (
        "not_met",
        "met",
        True,
    )
    assert judgement.judged_by == staff


def test_agree_needs_no_motivation():
    application = make_application(submitted=True)
    judgement = judge_criterion(
        application,
        code="min_six_fixed_participants",
        verdict="agree",
        motivation="",
        by=make_staff(),
    )
    assert (judgement.status, judgement.is_override) == ("met", False)


def test_agree_with_unknown_is_refused():
    application = make_application(submitted=True)
    with pytest.raises(ValidationError) as raised:
        judge_criterion(
            application,
            code="field_initiative",
            verdict="agree",
            motivation="",
            by=make_staff(),
        )
    assert "verdict" in raised.value.message_dict


def test_judging_a_judged_criterion_needs_motivation():
    application = make_application(submitted=True)
    with pytest.raises(ValidationError):
        judge_criterion(
            application, code="field_initiative", verdict="met", motivation="", by=make_staff()
        )


def test_judging_replaces_the_earlier_judgement():
    application = make_application(submitted=True)
    staff = make_staff()
    judge_criterion(application, code="field_initiative", verdict="met", motivation="Ja.", by=staff)
    judge_criterion(
        application, code="field_initiative", verdict="not_met", motivation="Toch niet.", by=staff
    )
    assert list(CriterionJudgement.objects.values_list("criterion", "status")) == [
        ("field_initiative", "not_met")
    ]


# --- decisions -------------------------------------------------------------------------------


@pytest.mark.parametrize("kind", ["grant", "reject", "request_info"])
def test_decision_without_motivation_is_refused(kind):
    application = make_application(submitted=True)
    with pytest.raises(ValidationError) as raised:
        decide_application(application, kind=kind, motivation="", granted=GRANT, by=make_staff())
    assert "motivation" in raised.value.message_dict
    application.network.refresh_from_db()
    assert application.network.status == NetworkStatus.SUBMITTED
    assert Decision.objects.count() == 0


def test_grant_without_contribution_is_refused():
    application = judged_in_favour(make_application(submitted=True))
    with pytest.raises(ValidationError) as raised:
        decide_application(application, kind="grant", motivation="Goed plan.", by=make_staff())
    assert set(raised.value.message_dict) == {
        "granted_facilitation",
        "granted_speakers",
        "granted_organisation",
    }


def test_grant_sets_status_emails_adds_existing_people_and_invites_the_others(
    django_capture_on_commit_callbacks,
):
    from participants.models import Invitation

    applicant = make_applicant()
    facilitator = UserFactory(email=f"fac@{applicant.pk}.example.nl")
    application = judged_in_favour(make_application(applicant, submitted=True))
    with django_capture_on_commit_callbacks(execute=True):
        decision = decide_application(
            application,
            kind="grant",
            motivation="Sterk initiatief.",
            granted=GRANT,
            by=make_staff(),
        )
    application.network.refresh_from_db()
    assert application.network.status == NetworkStatus.GRANTED
    assert decision.granted_total == Decimal("5000")
    decision_mails = [m for m in mail.outbox if m.to == [applicant.email]]
    assert len(decision_mails) == 1
    assert "Sterk initiatief." in decision_mails[0].body
    assert ": Toegekend." in decision_mails[0].body
    assert Membership.objects.filter(
        person=facilitator, network=application.network, role=Role.FACILITATOR
    ).exists()
    # The six planned participants named by e-mail have no account: each gets an invitation
    # to join as a participant, by mail, once.
    planned = sorted(f"deelnemer{n}@{applicant.pk}.example.nl" for n in range(6))
    invitations = Invitation.objects.filter(network=application.network).order_by("email")
    assert [(i.email, i.role) for i in invitations] == [(e, Role.PARTICIPANT) for e in planned]
    assert sorted(m.to[0] for m in mail.outbox if m.to != [applicant.email]) == planned


def test_request_info_reopens_the_application():
    application = make_application(submitted=True)
    decide_application(
        application, kind="request_info", motivation="Wie faciliteert?", by=make_staff()
    )
    application.network.refresh_from_db()
    assert application.network.status == NetworkStatus.NEEDS_INFO
    assert application.is_editable is True


def test_deciding_a_draft_is_refused():
    application = make_application()
    with pytest.raises(ValidationError):
        decide_application(application, kind="reject", motivation="Nee.", by=make_staff())


# --- the review page -------------------------------------------------------------------------


def _review_url(application):
    return reverse("networks:review-detail", args=[application.pk])


def _form_data(action="save", **fields):
    """The review form as the browser posts it: every criterion without judgement, plus
    `fields` (`<code>-verdict`, `<code>-motivation`, `decision-*`)."""
    from networks.eligibility import CRITERIA

    data = {"action": action}
    for code in CRITERIA:
        data[f"{code}-verdict"] = ""
        data[f"{code}-motivation"] = ""
    data.update(fields)
    return data


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


@pytest.mark.parametrize("party", ["member", "applicant", "named_facilitator"])
def test_services_refuse_a_staff_member_who_is_party_to_the_network(party):
    applicant = make_applicant()
    application = make_application(applicant, submitted=True)
    if party == "member":
        staff = make_staff()
        make_member(application.network, person=staff)
    elif party == "applicant":
        staff = applicant
        staff.groups.add(make_staff().groups.get())
    else:
        staff = make_staff(email=f"fac@{applicant.pk}.example.nl")
    with pytest.raises(ValidationError) as judged:
        judge_criteria(application, judgements=IN_FAVOUR, by=staff)
    with pytest.raises(ValidationError) as decided:
        decide_application(application, kind="reject", motivation="Nee.", by=staff)
    for raised in (judged, decided):
        assert raised.value.messages == [
            "U bent lid van dit netwerk of genoemd in de aanvraag, dus u mag het niet "
            "beoordelen en er niet over besluiten (belangenverstrengeling)."
        ]
    assert (Decision.objects.count(), CriterionJudgement.objects.count()) == (0, 0)


def test_override_of_an_unknown_criterion_needs_a_motivation():
    application = make_application(submitted=True)
    # A start date lost after submitting leaves the term unknown.
    Network.objects.filter(pk=application.network_id).update(start_date=None)
    with pytest.raises(ValidationError) as raised:
        judge_criterion(
            application, code="min_two_years", verdict="met", motivation="", by=make_staff()
        )
    assert list(raised.value.message_dict) == ["motivation"]


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


# --- the queue -------------------------------------------------------------------------------


def test_queue_shows_submitted_by_default(client):
    submitted = make_application(submitted=True)
    make_application(network_overrides={"name": "Nog Concept"})
    client.force_login(make_staff())
    content = client.get(reverse("networks:review-queue")).content.decode()
    assert submitted.network.name in content
    assert "Nog Concept" not in content


def test_queue_shows_what_each_application_plans(client):
    make_application(submitted=True, participants=5, network_overrides={"name": "Met Fee"})
    make_application(submitted=True, participants=1, network_overrides={"name": "Zonder"})
    client.force_login(make_staff())
    content = client.get(reverse("networks:review-queue")).content.decode()
    rows = {
        name: re.sub(r"\s+", " ", row)
        for row in content.split("<tr>")[2:]
        for name in ("Met Fee", "Zonder")
        if f">{name}</a>" in row
    }
    assert "<td> 5 gepland </td> <td> Fee </td>" in rows["Met Fee"]
    assert "<td> 1 gepland </td> <td> Fee </td>" in rows["Zonder"]


def test_queue_filters_on_criterion_not_met(client):
    small = make_application(
        submitted=True, participants=4, network_overrides={"name": "Netwerk-met-vier-7731"}
    )
    make_application(submitted=True, network_overrides={"name": "Netwerk-met-acht-7732"})
    client.force_login(make_staff())
    content = client.get(
        reverse("networks:review-queue"), {"not_met": "min_six_fixed_participants"}
    ).content.decode()
    assert small.network.name in content
    # Names no generated person or place can contain (a person called "Groote" once matched).
    assert "Netwerk-met-acht-7732" not in content


def test_queue_filters_on_status(client):
    application = make_application(submitted=True)
    decide_application(application, kind="reject", motivation="Nee.", by=make_staff())
    make_application(submitted=True, network_overrides={"name": "Wachtend"})
    client.force_login(make_staff())
    content = client.get(reverse("networks:review-queue"), {"status": "rejected"}).content.decode()
    assert "Samen Sturen" in content
    assert "Wachtend" not in content


@pytest.mark.parametrize("count", [1, 50])
def test_queue_query_count_is_constant(client, django_assert_num_queries, count):
    for n in range(count):
        make_application(submitted=True, participants=1, network_overrides={"name": f"Netwerk {n}"})
    staff = make_staff()
    client.force_login(staff)
    with django_assert_num_queries(8):
        response = client.get(reverse("networks:review-queue"))
    assert len(response.context["object_list"]) == min(count, 25)


def _review_page_queries(client, django_assert_max_num_queries, size: int) -> int:
    """The queries of one review page of an application of `size`: invitees, members,
    staff colleagues, judged criteria and history lines all grow with it."""
    application = make_application(
        submitted=True, participants=size, network_overrides={"name": f"Netwerk {size}"}
    )
    for _ in range(size):
        make_member(application.network)
        make_staff()
    judge = make_staff()
    criteria = list(IN_FAVOUR)[: min(size, len(IN_FAVOUR))]
    for round_ in range(size):  # each judging round adds history lines
        judgements = {code: ("met", f"Ronde {round_}: voldoet.") for code in criteria}
        judge_criteria(application, judgements=judgements, by=judge)
    client.force_login(judge)
    url = reverse("networks:review-detail", args=[application.pk])
    client.get(url)  # the session and the site's first reads
    with django_assert_max_num_queries(25) as queries:
        response = client.get(url)
    assert response.status_code == 200
    assert len(response.context["named"]["participants"]) == size
    return len(queries)


def test_review_page_reads_in_at_most_25_queries_however_large_the_application(
    client, django_assert_max_num_queries
):
    small = _review_page_queries(client, django_assert_max_num_queries, 1)
    large = _review_page_queries(client, django_assert_max_num_queries, 8)
    assert large == small


# --- role matrix -----------------------------------------------------------------------------


@pytest.mark.parametrize("url_name", ["networks:review-queue", "networks:review-detail"])
def test_review_pages_role_matrix(client, url_name):
    application = make_application(submitted=True)
    network = application.network
    other = make_application(make_applicant(), network_overrides={"name": "Ander"}).applicant
    people = {
        "participant": make_member(network),
        "penvoerder_own": application.applicant,
        "penvoerder_other": other,
        "facilitator": make_facilitator(network),
    }
    url = reverse(url_name, args=[application.pk] if "detail" in url_name else [])
    response = client.get(url)
    assert response.status_code == 302 and response.url.startswith(reverse("account_login"))
    for role, person in people.items():
        client.force_login(person)
        assert client.get(url).status_code == 404, role
        assert client.post(url, {"action": "decide"}).status_code == 404, role
    client.force_login(make_staff())
    assert client.get(url).status_code == 200


def test_judging_after_the_decision_is_refused_and_changes_nothing(client):
    application = make_application(submitted=True)
    staff = make_staff()
    decide_application(application, kind="reject", motivation="Nee.", by=staff)
    with pytest.raises(ValidationError) as raised:
        judge_criteria(application, judgements=IN_FAVOUR, by=staff)
    assert raised.value.messages == ["Alleen een ingediende aanvraag kan worden beoordeeld."]
    client.force_login(staff)
    response = client.post(
        _review_url(application),
        _form_data(**{"field_initiative-verdict": "met", "field_initiative-motivation": "Ja."}),
        follow=True,
    )
    assert "Deze aanvraag staat niet open voor beoordeling. Er is niets opgeslagen." in (
        response.content.decode()
    )
    assert "Oordelen opslaan" not in response.content.decode()
    assert CriterionJudgement.objects.count() == 0


def test_queue_filters_start_on_alle_not_dashes(client):
    client.force_login(make_staff())
    content = client.get(reverse("networks:review-queue")).content.decode()
    # The status filter opens on "submitted"; its empty choice still reads "Alle".
    assert '<option value="">Alle</option>' in content
    assert '<option value="" selected>Alle</option>' in content
    assert "---------" not in content
