"""The submission and decision mails from the recipient's side: each person is greeted by her
own name, and the decision mail links to the application page."""

from decimal import Decimal

import pytest
from django.conf import settings
from django.core import mail

from networks.models import ApplicationInvitee
from networks.services import decide_application, judge_criteria, submit_application
from tests.factories import UserFactory, make_staff
from tests.factories.networks import make_applicant, make_application
from tests.networks.review_helpers import IN_FAVOUR

pytestmark = pytest.mark.django_db


def _body_to(address: str, subject: str) -> str:
    (message,) = [m for m in mail.outbox if m.to == [address.lower()] and m.subject == subject]
    return message.body


SUBMITTED = "Uw aanvraag voor Samen Sturen is ingediend"
DECIDED = "Besluit over uw aanvraag voor Samen Sturen"


def _application_with_co_initiators():
    """Annelies applies; Jacqueline (with an account) and Mirjam (named only, no account)
    are her co-initiators."""
    annelies = make_applicant(first_name="Annelies", last_name="de Vries")
    application = make_application(annelies)
    jacqueline = UserFactory(first_name="Jacqueline", last_name="Schoones")
    ApplicationInvitee.objects.create(
        application=application, role="co_initiator", email=jacqueline.email
    )
    ApplicationInvitee.objects.create(
        application=application,
        role="co_initiator",
        email="mirjam@school.example.nl",
        name="Mirjam Jansen",
    )
    return application, annelies, jacqueline


def test_submission_mail_greets_each_applicant_by_her_own_name(
    django_capture_on_commit_callbacks,
):
    application, annelies, jacqueline = _application_with_co_initiators()
    with django_capture_on_commit_callbacks(execute=True):
        submit_application(application, by=annelies)
    assert _body_to(annelies.email, SUBMITTED).startswith("Beste Annelies,\n")
    assert _body_to(jacqueline.email, SUBMITTED).startswith("Beste Jacqueline,\n")
    assert _body_to("mirjam@school.example.nl", SUBMITTED).startswith("Beste Mirjam,\n")
    assert all("penvoerder," not in m.body for m in mail.outbox)


def test_decision_mail_greets_each_recipient_by_her_own_name_and_links_the_application(
    django_capture_on_commit_callbacks,
):
    application, annelies, jacqueline = _application_with_co_initiators()
    submit_application(application, by=annelies)
    staff = make_staff()
    judge_criteria(application, judgements=IN_FAVOUR, by=staff)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        decide_application(
            application,
            by=staff,
            kind="grant",
            motivation="Mooi initiatief.",
            granted={
                "granted_facilitation": Decimal("4000"),
                "granted_speakers": Decimal("1000"),
                "granted_organisation": Decimal("0"),
            },
        )
    link = settings.SITE_URL.rstrip("/") + application.get_absolute_url()
    assert link.startswith("http")
    for address, greeting in (
        (annelies.email, "Beste Annelies,\n"),
        (jacqueline.email, "Beste Jacqueline,\n"),
        ("mirjam@school.example.nl", "Beste Mirjam,\n"),
    ):
        body = _body_to(address, DECIDED)
        assert body.startswith(greeting)
        assert f"U leest het besluit ook op de pagina van uw aanvraag:\n{link}\n" in body
