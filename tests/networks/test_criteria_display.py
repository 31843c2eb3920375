"""How the criteria read on the review page and on the penvoerder's application page: the
automatic result stays the automatic result, the academy's judgement stands beside it (for
the applicant once decided), and the review form starts from what was asked for."""

import re
from decimal import Decimal

import pytest

from networks.models import ApplicationInvitee
from networks.services import decide_application, judge_criteria, judge_criterion
from tests.factories import UserFactory, make_staff
from tests.factories.networks import make_application
from tests.networks.review_helpers import IN_FAVOUR, _review_url
from tests.networks.test_amounts import _input

pytestmark = pytest.mark.django_db


def _criterion(content: str, code: str) -> str:
    """The HTML of one criterion's card/list item."""
    return re.search(rf'<li[^>]*id="criterion-{code}".*?</li>', content, re.S).group(0)


def _text(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html)).strip()


def _automatic(item: str) -> str:
    part = re.search(
        r'class="[^"]*criterion-automatic.*?(?=<div class="col-[a-z]+-6 crit)', item, re.S
    )
    return _text(part.group(0))


def test_review_page_keeps_the_automatic_result_and_shows_the_judgement_beside_it(client):
    application = make_application(submitted=True)
    staff = make_staff()
    judge_criterion(
        application, code="field_initiative", verdict="met", motivation="Duidelijk.", by=staff
    )
    client.force_login(staff)
    item = _criterion(client.get(_review_url(application)).content.decode(), "field_initiative")
    text = _text(item)
    assert "Automatische uitkomst: Onbekend" in text
    assert "Oordeel VO-academie: Voldaan" in text
    assert "Duidelijk." in text
    assert "→" not in text
    assert "Voldaan" not in _automatic(item)


def test_review_page_shows_each_heading_once(client):
    application = make_application(submitted=True)
    staff = make_staff()
    judge_criterion(
        application, code="field_initiative", verdict="met", motivation="Duidelijk.", by=staff
    )
    client.force_login(staff)
    content = client.get(_review_url(application)).content.decode()
    text = _text(content)
    for heading in ("Criteria", "Geschiedenis", "Besluiten"):
        assert len(re.findall(rf"\b{heading}\b", text)) == 1, heading
    assert "Besluiten van de VO-academie" in text
    # Nor twice for a screen reader: no landmark repeats a heading's name.
    assert 'aria-labelledby="history-heading"' not in content
    assert 'aria-labelledby="criteria-heading"' not in content
    assert 'aria-labelledby="decisions-heading"' not in content


def test_review_decision_amounts_start_from_the_requested_amounts(client):
    application = make_application(
        submitted=True,
        requested_facilitation=Decimal("4000"),
        requested_speakers=Decimal("750.50"),
        requested_organisation=Decimal("0"),
    )
    client.force_login(make_staff())
    content = client.get(_review_url(application)).content.decode()
    assert 'value="4000,00"' in _input(content, "decision-granted_facilitation")
    assert 'value="750,50"' in _input(content, "decision-granted_speakers")
    assert 'value="0,00"' in _input(content, "decision-granted_organisation")


def test_review_page_names_a_co_initiator_with_an_account_by_her_name(client):
    application = make_application(submitted=True)
    jacqueline = UserFactory(first_name="Jacqueline", last_name="Schoones")
    ApplicationInvitee.objects.create(
        application=application, role="co_initiator", email=jacqueline.email.upper()
    )
    ApplicationInvitee.objects.create(
        application=application, role="co_initiator", email="zonder@account.example.nl"
    )
    client.force_login(make_staff())
    text = _text(client.get(_review_url(application)).content.decode())
    assert f"Jacqueline Schoones ({jacqueline.email.upper()}), zonder@account.example.nl" in text


def test_applicant_reads_the_judgement_and_its_motivation_once_decided(client):
    application = make_application(submitted=True, network_overrides={"meetings_per_year": 2})
    staff = make_staff()
    judge_criteria(
        application,
        judgements={
            **IN_FAVOUR,
            "min_three_meetings_per_year": ("met", "Twee keer 24 uur weegt op."),
        },
        by=staff,
    )
    client.force_login(application.applicant)

    def criterion_text() -> str:
        content = client.get(application.get_absolute_url()).content.decode()
        return _text(_criterion(content, "min_three_meetings_per_year"))

    before = criterion_text()
    # Before the decision the judgement is staff's working note.
    assert before.startswith(
        "Minimaal drie bijeenkomsten per jaar Automatische uitkomst Niet voldaan"
    )
    assert "Oordeel VO-academie" not in before
    assert "Twee keer 24 uur" not in before
    decide_application(
        application,
        by=staff,
        kind="grant",
        motivation="Mooi initiatief.",
        granted={
            "granted_facilitation": Decimal("4000"),
            "granted_speakers": Decimal("0"),
            "granted_organisation": Decimal("0"),
        },
    )
    after = criterion_text()
    assert after.startswith(
        "Minimaal drie bijeenkomsten per jaar Automatische uitkomst Niet voldaan"
    )
    assert after.endswith("Oordeel VO-academie Voldaan Voldaan: Twee keer 24 uur weegt op.")


def test_who_reads_the_judgements():
    application = make_application(submitted=True)
    staff = make_staff()
    judge_criteria(application, judgements=IN_FAVOUR, by=staff)
    outsider = UserFactory()
    applicant = application.applicant

    def may(user) -> bool:
        return user.has_perm("networks.view_judgements", application)

    assert (may(staff), may(applicant), may(outsider)) == (True, False, False)
    decide_application(application, by=staff, kind="reject", motivation="Past niet.")
    assert (may(staff), may(applicant), may(outsider)) == (True, True, False)
