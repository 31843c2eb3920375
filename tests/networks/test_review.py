"""Staff review: judgements, decisions, e-mail, history, the queue and its role matrix."""

from decimal import Decimal

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.urls import reverse

from networks.enums import NetworkStatus, Role
from networks.models import CriterionJudgement, Decision, Membership
from networks.services import decide_application, judge_criterion
from tests.factories import UserFactory, make_facilitator, make_member, make_staff
from tests.factories.networks import make_applicant, make_application

pytestmark = pytest.mark.django_db

GRANT = {
    "granted_facilitation": Decimal("4000"),
    "granted_speakers": Decimal("1000"),
    "granted_organisation": Decimal("0"),
}


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
    application = make_application(submitted=True)
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
    application = make_application(applicant, submitted=True)
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
    assert "Toekennen" in decision_mails[0].body
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


def test_review_page_shows_criteria_and_history(client):
    application = make_application(submitted=True)
    staff = make_staff(first_name="Sanne", last_name="Staf")
    judge_criterion(
        application, code="field_initiative", verdict="met", motivation="Duidelijk.", by=staff
    )
    client.force_login(staff)
    content = client.get(reverse("networks:review-detail", args=[application.pk])).content.decode()
    assert "Beoordeling: Samen Sturen" in content
    assert "6 vaste deelnemers; minimaal 6 nodig." in content
    assert "Oordeel: Initiatief uit het veld" in content
    assert "Sanne Staf" in content
    assert "Geschiedenis" in content


@pytest.mark.parametrize("viewed_first", [False, True])
def test_review_page_override_without_motivation_shows_error_at_field(client, viewed_first):
    application = make_application(submitted=True, network_overrides={"meetings_per_year": 2})
    client.force_login(make_staff())
    if viewed_first:  # the criteria are then cached for GET; the answer to a POST is not
        client.get(reverse("networks:review-detail", args=[application.pk]))
    response = client.post(
        reverse("networks:review-detail", args=[application.pk]),
        {
            "action": "judge",
            "criterion": "min_three_meetings_per_year",
            "min_three_meetings_per_year-verdict": "met",
            "min_three_meetings_per_year-motivation": "",
        },
    )
    assert response.status_code == 200
    rows = {row["code"]: row for row in response.context["rows"]}
    assert "motivation" in rows["min_three_meetings_per_year"]["form"].errors
    assert "Geef een motivering" in response.content.decode()
    assert CriterionJudgement.objects.count() == 0


def test_review_page_override_with_motivation(client):
    application = make_application(submitted=True, network_overrides={"meetings_per_year": 2})
    client.force_login(make_staff())
    response = client.post(
        reverse("networks:review-detail", args=[application.pk]),
        {
            "action": "judge",
            "criterion": "min_three_meetings_per_year",
            "min_three_meetings_per_year-verdict": "met",
            "min_three_meetings_per_year-motivation": "Twee keer 24 uur.",
        },
        follow=True,
    )
    assert "Je oordeel is opgeslagen." in response.content.decode()
    assert CriterionJudgement.objects.get().motivation == "Twee keer 24 uur."


def test_review_page_decision_without_motivation_shows_error(client):
    application = make_application(submitted=True)
    client.force_login(make_staff())
    response = client.post(
        reverse("networks:review-detail", args=[application.pk]),
        {"action": "decide", "decision-kind": "reject", "decision-motivation": ""},
    )
    assert response.status_code == 200
    assert "motivation" in response.context["decision_form"].errors
    assert Decision.objects.count() == 0


def test_review_page_grant_and_penvoerder_sees_decision(client, django_capture_on_commit_callbacks):
    application = make_application(submitted=True)
    client.force_login(make_staff())
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("networks:review-detail", args=[application.pk]),
            {
                "action": "decide",
                "decision-kind": "grant",
                "decision-motivation": "Mooi initiatief.",
                "decision-granted_facilitation": "4000",
                "decision-granted_speakers": "1000",
                "decision-granted_organisation": "250",
            },
        )
    # One decision mail to the penvoerder; the people named by e-mail get invitations.
    assert [m.to for m in mail.outbox].count([application.applicant.email]) == 1
    assert len(mail.outbox) == 1 + application.invitees.filter(person=None).count()
    client.force_login(application.applicant)
    content = client.get(application.get_absolute_url()).content.decode()
    assert "Toekennen" in content
    assert "Mooi initiatief." in content
    assert "€ 5250" in content.replace(",00", "").replace(".00", "")


# --- the queue -------------------------------------------------------------------------------


def test_queue_shows_submitted_by_default(client):
    submitted = make_application(submitted=True)
    make_application(network_overrides={"name": "Nog Concept"})
    client.force_login(make_staff())
    content = client.get(reverse("networks:review-queue")).content.decode()
    assert submitted.network.name in content
    assert "Nog Concept" not in content


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
    with django_assert_num_queries(7):
        response = client.get(reverse("networks:review-queue"))
    assert len(response.context["object_list"]) == min(count, 25)


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
