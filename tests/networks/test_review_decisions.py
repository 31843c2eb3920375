"""The review services: judging criteria (overrides need a motivation), deciding (grant,
reject, request more information), refused to a staff member who is party to the network and
after the decision."""

from decimal import Decimal

import pytest
from django.core import mail
from django.core.exceptions import ValidationError

from networks.enums import NetworkStatus, Role
from networks.models import CriterionJudgement, Decision, Membership, Network
from networks.services import decide_application, judge_criteria, judge_criterion
from tests.factories import UserFactory, make_member, make_staff
from tests.factories.networks import make_applicant, make_application
from tests.networks.review_helpers import IN_FAVOUR, _form_data, _review_url

pytestmark = pytest.mark.django_db


GRANT = {
    "granted_facilitation": Decimal("4000"),
    "granted_speakers": Decimal("1000"),
    "granted_organisation": Decimal("0"),
}


def judged_in_favour(application, staff=None):
    judge_criteria(application, judgements=IN_FAVOUR, by=staff or make_staff())
    return application


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
