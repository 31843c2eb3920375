"""The application services: saving a draft (the network, its penvoerder, the named
people), submitting it complete or not, and the submission mails, once each."""

import pytest

from networks.enums import NetworkStatus, Role
from networks.models import Membership
from networks.services import ApplicationIncomplete, submit_application
from tests.factories import UserFactory, make_staff
from tests.factories.networks import make_applicant, make_application
from tests.networks.application_helpers import _co_initiator_of

pytestmark = pytest.mark.django_db


def test_save_application_creates_draft_network_and_penvoerder():
    applicant = make_applicant()
    application = make_application(applicant)
    assert application.network.status == NetworkStatus.DRAFT
    assert application.network.slug == "samen-sturen"
    assert list(
        Membership.objects.filter(network=application.network).values_list("person", "role")
    ) == [(applicant.pk, Role.PENVOERDER)]
    assert application.invitees.count() == 7


def test_save_application_links_existing_person_by_email():
    existing = UserFactory(email="bestaand@example.nl")
    applicant = make_applicant()
    application = make_application(applicant, participants=0)
    from networks.services import Invitee, save_application

    save_application(
        applicant=applicant,
        application=application,
        network_data={},
        application_data={},
        invitees=[Invitee("participant", "Bestaand@example.nl")],
    )
    assert list(application.invitees.values_list("email", "person")) == [
        ("bestaand@example.nl", existing.pk)
    ]


def test_submit_complete_application_sets_submitted():
    application = make_application(submitted=True)
    application.refresh_from_db()
    assert application.network.status == NetworkStatus.SUBMITTED
    assert application.submitted_at is not None


def test_submit_incomplete_application_lists_missing_and_writes_nothing():
    application = make_application(facilitator=False, requested_speakers=None)
    with pytest.raises(ApplicationIncomplete) as raised:
        submit_application(application, by=application.applicant)
    assert raised.value.missing == ["facilitator", "gevraagd voor gastsprekers (EUR)"]
    application.network.refresh_from_db()
    assert application.network.status == NetworkStatus.DRAFT


def test_submission_mails_the_applicant_side_and_staff_once(django_capture_on_commit_callbacks):
    from django.core import mail

    from networks.tasks import task_send_submission_emails

    applicant = make_applicant()
    application = make_application(applicant)
    co_initiator = _co_initiator_of(application)
    staff = [make_staff(), make_staff()]
    make_staff(is_active=False)
    with django_capture_on_commit_callbacks(execute=True):
        submit_application(application, by=applicant)
    application.refresh_from_db()
    to_applicants = sorted([applicant.email.lower(), co_initiator.email.lower()])
    to_staff = sorted(s.email.lower() for s in staff)
    # one mail per recipient (mails.Mail), each with only her own address
    assert sorted(m.to for m in mail.outbox) == sorted([a] for a in to_applicants + to_staff)
    by_to = {m.to[0]: m for m in mail.outbox}
    for address in to_applicants:
        assert by_to[address].subject == "Uw aanvraag voor Samen Sturen is ingediend"
        assert application.get_absolute_url() in by_to[address].body
    for address in to_staff:
        assert by_to[address].subject == "Nieuwe aanvraag te beoordelen: Samen Sturen"
        assert f"/beoordelen/{application.pk}/" in by_to[address].body
    # A task that runs twice sends nothing more.
    with django_capture_on_commit_callbacks(execute=True):
        task_send_submission_emails(
            application_id=application.pk, submitted_at=application.submitted_at.isoformat()
        )
    assert len(mail.outbox) == 4
