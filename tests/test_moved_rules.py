"""Rules that moved to one place still hold where they used to be enforced.

- Membership rows are written by networks.memberships.add_member only; the closed-network rule
  lives beside it and still refuses a participant on every path (invite, accept, import).
- "An address with an account joins only as that account" moved from the accept view into
  the accept service: the page still asks to log in, and the service itself refuses.
- The role predicates remember roles only for the request's own user (no request global):
  a user loaded elsewhere sees a membership change at once.
- The notice "the rest follows" moved from enqueue (via a request global) to the web layer:
  the person who invites with the broker down is still told.
- The network of a page is found from its slug by ONE mixin (networks.views.mixins) instead of
  one per app: on the meetings, participants and evaluations network pages an outsider still
  gets 404, the same as a network that does not exist, and a member still sees the page.
- An unusable invitation link was answered in four places of the accept view; now once: the
  visitor still gets the page that says why (410), whether she opens the link or submits.
- "A save based on a stale copy is refused" moved from the edit forms' clean (a row lock and a
  digest) into the services (a conditional update of a version column): every editing service
  refuses a stale copy itself, saves nothing, and a caller without a copy still makes older
  copies stale.
- A mail's subject was put together in each service with gettext; now it is the `_subject`
  template beside the mail's text (mails.services.queue_rendered): the subject is still the
  Dutch one, with the network's name as it is (an ampersand stays an ampersand)."""

from __future__ import annotations

import datetime

import pytest
import tablib
from django.contrib.messages import get_messages
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from evaluations import services as evaluation_services
from leernetwerk.celery import app
from leernetwerk.concurrency import STALE_MESSAGE, StaleEdit
from leernetwerk.models import OutboxTask
from meetings import services as meeting_services
from networks.enums import Access, Role
from networks.memberships import add_member
from networks.models import Membership
from networks.rules import is_member
from networks.services import save_application
from participants import imports, services
from tests.factories import (
    LearningQuestionFactory,
    MeetingFactory,
    NetworkFactory,
    UserFactory,
    make_facilitator,
    make_member,
)
from tests.factories.networks import make_application
from tests.factories.participants import InvitationFactory

WILL_FOLLOW = (
    "Achtergrondverwerking is even niet beschikbaar. Uw wijziging is opgeslagen; "
    "de rest volgt vanzelf zodra die weer werkt."
)


def _closed_started_network():
    return NetworkFactory(
        access=Access.CLOSED, start_date=timezone.localdate() - datetime.timedelta(days=30)
    )


@pytest.mark.django_db
def test_closed_started_network_refuses_a_participant_by_invitation():
    network = _closed_started_network()
    with pytest.raises(ValidationError):
        services.invite_member(network, email="nieuw@school.nl", by=make_facilitator(network))
    assert network.invitations.count() == 0


@pytest.mark.django_db
def test_closed_started_network_refuses_a_participant_accepting_an_old_invitation():
    network = _closed_started_network()
    invitation = InvitationFactory(network=network, email="later@school.nl")
    with pytest.raises(services.InvitationError):
        services.accept_invitation(
            invitation, first_name="Anna", last_name="Bos", password="een-Sterk-wachtwoord-42"
        )
    assert Membership.objects.filter(network=network).count() == 0


@pytest.mark.django_db
def test_closed_started_network_refuses_an_import():
    network = _closed_started_network()
    data = tablib.Dataset(headers=["email", "first_name", "last_name"])
    data.append(["import@school.nl", "Ina", "Port"])
    with pytest.raises(ValidationError):
        imports.import_members(network, data, by=make_facilitator(network))
    assert Membership.objects.filter(network=network, role=Role.PARTICIPANT).count() == 0


@pytest.mark.django_db
def test_add_member_twice_keeps_one_row_and_brings_back_who_left():
    network = NetworkFactory()
    person = make_member(NetworkFactory())
    first = add_member(network, person, role=Role.PARTICIPANT)
    first.left_on = timezone.localdate()
    first.save(update_fields=["left_on"])

    again = add_member(network, person, role=Role.PARTICIPANT)

    assert again.pk == first.pk
    assert again.left_on is None
    assert Membership.objects.filter(network=network, person=person).count() == 1


@pytest.mark.django_db
def test_accept_service_refuses_an_existing_address_without_that_account():
    person = make_member(NetworkFactory())
    invitation = InvitationFactory(email=person.email.upper())
    other = make_member(NetworkFactory())

    with pytest.raises(services.InvitationError):
        services.accept_invitation(invitation, user=other)
    with pytest.raises(services.InvitationError):
        services.accept_invitation(
            invitation, first_name="Twee", last_name="De", password="een-Sterk-wachtwoord-42"
        )
    assert Membership.objects.filter(network=invitation.network).count() == 0


@pytest.mark.django_db
def test_accept_page_asks_someone_signed_in_as_another_account_to_log_in(client):
    person = make_member(NetworkFactory())
    invitation = InvitationFactory(email=person.email)
    client.force_login(make_member(NetworkFactory()))
    url = reverse("participants:invitation-accept", args=[services.invitation_token(invitation)])

    response = client.post(url)

    assert "Log eerst in" in response.content.decode()
    assert Membership.objects.filter(network=invitation.network).count() == 0


@pytest.mark.django_db
def test_role_predicate_outside_a_request_sees_a_new_membership_at_once():
    network = NetworkFactory()
    person = make_member(NetworkFactory())
    assert is_member.test(person, network) is False

    add_member(network, person, role=Role.PARTICIPANT)

    assert is_member.test(person, network) is True


@pytest.fixture
def broker_down():
    previous = (app.conf.task_always_eager, app.conf.get("broker_write_url"))
    app.conf.task_always_eager = False
    app.conf.broker_write_url = "redis://127.0.0.1:9/0"  # the discard port: nothing listens
    app._pool = None
    app.amqp._producer_pool = None
    yield
    app.conf.task_always_eager, app.conf.broker_write_url = previous
    app._pool = None
    app.amqp._producer_pool = None


@pytest.mark.django_db(transaction=True)
def test_inviting_with_the_broker_down_saves_and_tells_the_person(client, broker_down):
    network = NetworkFactory()
    client.force_login(make_facilitator(network))

    response = client.post(
        reverse("participants:invite", args=[network.slug]), {"email": "wacht@school.nl"}
    )

    assert network.invitations.get().email == "wacht@school.nl"
    assert OutboxTask.objects.get().task_name == "leernetwerk.participants.send_invitation"
    assert [str(m) for m in get_messages(response.wsgi_request)][-1] == WILL_FOLLOW


NETWORK_PAGES = [
    ("meetings:network-meetings", make_member),
    ("participants:network-members", make_facilitator),
    ("evaluations:outcome-list", make_member),
]


@pytest.mark.django_db
@pytest.mark.parametrize(("url_name", "make_insider"), NETWORK_PAGES)
def test_network_pages_refuse_an_outsider_like_a_missing_network(client, url_name, make_insider):
    network = NetworkFactory(name="Samen Sturen")
    insider = make_insider(network)
    outsider = make_member(NetworkFactory(name="Ander Netwerk"))

    client.force_login(outsider)
    refused = client.get(reverse(url_name, args=[network.slug]))
    missing = client.get(reverse(url_name, args=["bestaat-niet"]))
    client.force_login(insider)
    shown = client.get(reverse(url_name, args=[network.slug]))

    assert (refused.status_code, missing.status_code) == (404, 404)
    assert shown.status_code == 200
    assert "Samen Sturen" in shown.content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize("method", ["get", "post"])
def test_a_used_invitation_link_tells_why_on_opening_and_on_submitting(client, method):
    invitation = InvitationFactory(email="al@school.nl", accepted_at=timezone.now())
    url = reverse("participants:invitation-accept", args=[services.invitation_token(invitation)])

    response = getattr(client, method)(url)

    assert response.status_code == 410
    assert "Deze uitnodiging is al gebruikt. Log in met uw account." in response.content.decode()


def _edit_meeting(meeting, loaded_version):
    meeting_services.update_meeting(
        meeting,
        by=make_facilitator(meeting.network),
        data={"location": f"Zwolle {loaded_version}"},
        loaded_version=loaded_version,
    )


def _edit_profile(person, loaded_version):
    services.update_profile(
        person, data={"last_name": f"Jansen {loaded_version}"}, loaded_version=loaded_version
    )


def _edit_question(question, loaded_version):
    services.save_learning_question(
        owner=question.owner,
        data={"title": f"Een nieuwe titel {loaded_version}"},
        question=question,
        loaded_version=loaded_version,
    )


def _edit_outcome(outcome, loaded_version):
    evaluation_services.update_outcome(
        outcome,
        kind="insight",
        description=f"Een nieuwe beschrijving {loaded_version}.",
        visibility="network",
        loaded_version=loaded_version,
    )


def _edit_application(application, loaded_version):
    save_application(
        applicant=application.applicant,
        application=application,
        network_data={"name": f"Een nieuwe naam {loaded_version}"},
        application_data={},
        loaded_version=loaded_version,
    )


def _meeting_row():
    return MeetingFactory(location="Utrecht")


def _profile_row():
    return UserFactory(last_name="de Vries")


def _question_row():
    return LearningQuestionFactory(title="Hoe geef ik feedback?")


def _outcome_row():
    network = NetworkFactory()
    return evaluation_services.record_outcome(
        network,
        by=make_member(network),
        kind="practice",
        description="Eerst.",
        visibility="network",
    )


def _application_row():
    return make_application()


EDITS = [
    (_meeting_row, _edit_meeting, lambda m: m.location),
    (_profile_row, _edit_profile, lambda p: p.last_name),
    (_question_row, _edit_question, lambda q: q.title),
    (_outcome_row, _edit_outcome, lambda o: o.description),
    (_application_row, _edit_application, lambda a: a.network.name),
]


@pytest.mark.django_db
@pytest.mark.parametrize(("make_row", "edit", "shown"), EDITS)
def test_each_editing_service_refuses_a_stale_copy_and_saves_nothing(make_row, edit, shown):
    row = make_row()
    before = shown(type(row).objects.get(pk=row.pk))
    stale = row.version
    edit(type(row).objects.get(pk=row.pk), None)  # someone else saves (no copy: not checked)
    saved_by_other = type(row).objects.get(pk=row.pk)
    assert saved_by_other.version == stale + 1

    with pytest.raises(StaleEdit) as refused:
        edit(type(row).objects.get(pk=row.pk), stale)

    assert refused.value.messages == [str(STALE_MESSAGE)]
    assert refused.value.current_version == stale + 1
    after = type(row).objects.get(pk=row.pk)
    assert (after.version, shown(after)) == (stale + 1, shown(saved_by_other))
    assert shown(saved_by_other) != before


@pytest.mark.django_db
@pytest.mark.parametrize(("make_row", "edit", "shown"), EDITS)
def test_each_editing_service_saves_a_current_copy_and_raises_the_version(make_row, edit, shown):
    row = make_row()
    loaded = type(row).objects.get(pk=row.pk)

    edit(loaded, row.version)

    after = type(row).objects.get(pk=row.pk)
    assert after.version == row.version + 1
    assert shown(after) != shown(row)


@pytest.mark.django_db
def test_an_invitation_and_an_interest_mail_keep_their_dutch_subject_with_the_name_as_is(
    django_capture_on_commit_callbacks,
):
    from mails.models import Mail
    from networks.services import register_interest

    network = NetworkFactory(name="Sturen & Leren", access=Access.OPEN)
    facilitator = make_facilitator(network)
    with django_capture_on_commit_callbacks(execute=True):
        services.invite_member(network, email="nieuw@school.nl", by=facilitator)
        register_interest(network, name="Bea Bakker", email="bea@school.nl")

    subjects = dict(Mail.objects.values_list("to", "subject"))
    assert subjects["nieuw@school.nl"] == "Uitnodiging voor het leernetwerk Sturen & Leren"
    assert subjects[facilitator.email] == "Belangstelling voor Sturen & Leren"
