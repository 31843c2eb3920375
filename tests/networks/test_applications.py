"""Applications: the service, the form's bad input, submission and the role matrix."""

import datetime
import re

import pytest
from django.urls import reverse
from django.utils import timezone

from networks.enums import NetworkStatus, Role
from networks.models import Application, ApplicationInvitee, Membership, Network
from networks.services import ApplicationIncomplete, submit_application
from tests.factories import SchoolFactory, UserFactory, make_facilitator, make_member, make_staff
from tests.factories.networks import make_applicant, make_application

pytestmark = pytest.mark.django_db


def form_data(**overrides):
    start = timezone.localdate() + datetime.timedelta(days=30)
    school = SchoolFactory()
    data = {
        "name": "Samen Sturen",
        "central_question": "Hoe sturen we samen?",
        "theme": "Kwaliteit",
        "description": "Een netwerk van schoolleiders.",
        "target_group": "Schoolleiders VO",
        "field_statement": "Wij vroegen erom.",
        "applicant_function": "rector",
        "applicant_school": str(school.pk),
        "access": "open",
        "listed_in_directory": "on",
        "start_date": start.isoformat(),
        "planned_end_date": start.replace(year=start.year + 2).isoformat(),
        "meetings_per_year": "3",
        "meeting_form": "Drie keer per jaar",
        "invited_meeting": "De eerste bijeenkomst",
        "contact_means": ["buddy_groups"],
        "contact_other": "",
        "facilitator_name": "Fee Facilitator",
        "facilitator_email": "fee@example.nl",
        "participant_emails": "\n".join(f"d{n}@example.nl" for n in range(6)),
        "focus_competences": ["1"],
        "monitoring_consent": "on",
        "requested_facilitation": "5000",
        "requested_speakers": "1000",
        "requested_organisation": "500",
        "action": "save",
    }
    from networks.models import Competence

    data["focus_competences"] = [str(Competence.objects.get(number=1).pk)]
    data.update(overrides)
    return data


# --- service ---------------------------------------------------------------------------------


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


# --- the form in the browser -------------------------------------------------------------


def test_create_view_saves_draft(client):
    applicant = make_applicant()
    client.force_login(applicant)
    response = client.post(reverse("networks:application-create"), form_data(), follow=True)
    application = Application.objects.get()
    assert application.applicant == applicant
    assert application.network.status == NetworkStatus.DRAFT
    assert "Uw conceptaanvraag is opgeslagen." in response.content.decode()
    assert application.invitees.filter(role="facilitator").get().email == "fee@example.nl"


def test_create_view_submit_submits(client):
    client.force_login(make_applicant())
    response = client.post(
        reverse("networks:application-create"), form_data(action="submit"), follow=True
    )
    assert Network.objects.get().status == NetworkStatus.SUBMITTED
    assert "Uw aanvraag is ingediend." in response.content.decode()


def test_create_view_submit_incomplete_lists_missing(client):
    client.force_login(make_applicant())
    response = client.post(
        reverse("networks:application-create"),
        form_data(action="submit", facilitator_email="", theme=""),
        follow=True,
    )
    content = response.content.decode()
    assert Network.objects.get().status == NetworkStatus.DRAFT
    assert "nog niet ingediend" in content
    assert "thema" in content and "facilitator" in content


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        (
            {"planned_end_date": "2020-01-01", "start_date": "2020-06-01"},
            "planned_end_date",
            "De geplande einddatum moet na de startdatum liggen.",
        ),
        (
            {"requested_speakers": "-5"},
            "requested_speakers",
            "Zorg ervoor dat deze waarde minstens 0 is.",
        ),
        (
            {"requested_facilitation": "1000000"},
            "requested_facilitation",
            "Zorg ervoor dat deze waarde hoogstens 25000 is.",
        ),
        (
            {"facilitator_email": "geen-adres"},
            "facilitator_email",
            "geen-adres is geen e-mailadres.",
        ),
        (
            {"participant_emails": "a@example.nl\nb@example.nl\nA@example.nl"},
            "participant_emails",
            "a@example.nl staat er twee keer in.",
        ),
        (
            {"participant_emails": "a@example.nl\nniet goed"},
            "participant_emails",
            "niet goed is geen e-mailadres.",
        ),
        (
            {"meetings_per_year": "500"},
            "meetings_per_year",
            "Zorg ervoor dat deze waarde hoogstens 52 is.",
        ),
    ],
)
def test_create_view_bad_input_shows_dutch_message_and_saves_nothing(
    client, overrides, field, message
):
    client.force_login(make_applicant())
    response = client.post(reverse("networks:application-create"), form_data(**overrides))
    assert response.status_code == 200
    form = response.context["form"]
    assert field in form.errors
    assert any(message in error for error in form.errors[field])
    assert message in response.content.decode().replace("&#x27;", "'")
    assert Network.objects.count() == 0
    assert Application.objects.count() == 0
    assert ApplicationInvitee.objects.count() == 0


def test_update_view_bad_input_keeps_old_values(client):
    application = make_application()
    client.force_login(application.applicant)
    response = client.post(
        reverse("networks:application-update", args=[application.pk]),
        form_data(name="Nieuwe naam", participant_emails="x@example.nl\nx@example.nl"),
    )
    assert response.status_code == 200
    application.network.refresh_from_db()
    assert application.network.name == "Samen Sturen"
    assert application.invitees.count() == 7


def test_update_view_changes_application(client):
    application = make_application()
    client.force_login(application.applicant)
    client.post(
        reverse("networks:application-update", args=[application.pk]),
        form_data(theme="Nieuw thema", participant_emails="x@example.nl"),
    )
    application.network.refresh_from_db()
    assert application.network.theme == "Nieuw thema"
    assert list(
        application.invitees.filter(role="participant").values_list("email", flat=True)
    ) == ["x@example.nl"]


def test_update_view_refuses_submitted_application(client):
    application = make_application(submitted=True)
    client.force_login(application.applicant)
    response = client.get(reverse("networks:application-update", args=[application.pk]))
    assert response.status_code == 404


def test_create_view_shows_criteria_from_prefilled_applicant(client):
    client.force_login(make_applicant())
    content = client.get(reverse("networks:application-create")).content.decode()
    assert 'id="check-applicant_vo_leader" data-status="met"' in content
    assert "0 vaste deelnemers; minimaal 6 nodig." in content


def test_check_view_returns_live_results(client):
    client.force_login(make_applicant())
    response = client.post(
        reverse("networks:application-check"),
        form_data(participant_emails="a@example.nl\nb@example.nl"),
        HTTP_HX_REQUEST="true",
    )
    content = response.content.decode()
    assert 'id="check-min_six_fixed_participants" data-status="not_met"' in content
    assert "2 vaste deelnemers; minimaal 6 nodig." in content
    assert 'id="check-has_facilitator" data-status="met"' in content
    assert Network.objects.count() == 0


def test_detail_view_shows_decision_and_criteria(client):
    application = make_application()
    client.force_login(application.applicant)
    response = client.get(application.get_absolute_url())
    content = response.content.decode()
    assert "Aanvraag: Samen Sturen" in content
    assert "Nog geen besluit." in content
    assert "6 vaste deelnemers; minimaal 6 nodig." in content


def test_submit_view_incomplete_shows_missing(client):
    application = make_application(invited_meeting="")
    client.force_login(application.applicant)
    response = client.post(
        reverse("networks:application-submit", args=[application.pk]), follow=True
    )
    assert "De aanvraag is niet compleet." in response.content.decode()
    application.network.refresh_from_db()
    assert application.network.status == NetworkStatus.DRAFT


def test_resubmit_after_needs_info(client):
    from networks.services import decide_application

    application = make_application(submitted=True)
    decide_application(
        application, kind="request_info", motivation="Wie is de facilitator?", by=make_staff()
    )
    client.force_login(application.applicant)
    response = client.get(reverse("networks:application-update", args=[application.pk]))
    assert response.status_code == 200
    client.post(
        reverse("networks:application-update", args=[application.pk]), form_data(action="submit")
    )
    application.network.refresh_from_db()
    assert application.network.status == NetworkStatus.SUBMITTED


# --- the role matrix -----------------------------------------------------------------------


def _people(application):
    network = application.network
    other_penvoerder = make_application(make_applicant()).applicant
    participant = make_member(network)
    facilitator = make_facilitator(network)
    return {
        "participant": participant,
        "penvoerder_own": application.applicant,
        "penvoerder_other": other_penvoerder,
        "facilitator": facilitator,
        "staff": make_staff(),
        "co_initiator": _co_initiator_of(application),
    }


def _co_initiator_of(application):
    """A person the penvoerder named as co-initiator (by address, account made later)."""
    person = UserFactory()
    ApplicationInvitee.objects.create(
        application=application, role="co_initiator", email=person.email.upper()
    )
    return person


@pytest.mark.parametrize(
    ("url_name", "expected"),
    [
        (
            "networks:application-detail",
            {
                "participant": 404,
                "penvoerder_own": 200,
                "penvoerder_other": 404,
                "facilitator": 404,
                "staff": 200,
                "co_initiator": 200,
            },
        ),
        (
            "networks:application-update",
            {
                "participant": 404,
                "penvoerder_own": 200,
                "penvoerder_other": 404,
                "facilitator": 404,
                "staff": 404,
                "co_initiator": 200,
            },
        ),
    ],
)
def test_application_pages_role_matrix(client, url_name, expected):
    application = make_application()
    people = _people(application)
    url = reverse(url_name, args=[application.pk])
    response = client.get(url)
    assert response.status_code == 302
    assert response.url.startswith(reverse("account_login"))
    for role, status in expected.items():
        client.force_login(people[role])
        assert client.get(url).status_code == status, role


def test_submit_role_matrix(client):
    application = make_application()
    people = _people(application)
    url = reverse("networks:application-submit", args=[application.pk])
    assert client.post(url).status_code == 302
    for role in ("participant", "penvoerder_other", "facilitator", "staff"):
        client.force_login(people[role])
        assert client.post(url).status_code == 404, role
    application.network.refresh_from_db()
    assert application.network.status == NetworkStatus.DRAFT
    client.force_login(people["co_initiator"])
    client.post(url)
    application.network.refresh_from_db()
    assert application.network.status == NetworkStatus.SUBMITTED


@pytest.mark.parametrize("url_name", ["networks:application-list", "networks:application-create"])
def test_application_list_and_create_role_matrix(client, url_name):
    response = client.get(reverse(url_name))
    assert response.status_code == 302
    assert response.url.startswith(reverse("account_login"))
    people = _people(make_application())
    for role, person in people.items():
        client.force_login(person)
        response = client.get(reverse(url_name))
        assert response.status_code == 200, role
        assert response.context["user"] == person


def test_check_endpoint_role_matrix(client):
    url = reverse("networks:application-check")
    response = client.post(url, form_data())
    assert response.status_code == 302
    assert response.url.startswith(reverse("account_login"))
    people = _people(make_application())
    for role, person in people.items():
        client.force_login(person)
        response = client.post(url, form_data())
        assert 'data-status="met"' in response.content.decode(), role
    assert Network.objects.count() == 2  # the live check saved nothing


def test_application_list_shows_only_own(client):
    own = make_application(make_applicant())
    other = make_application(make_applicant(), network_overrides={"name": "Ander Netwerk"})
    client.force_login(own.applicant)
    content = client.get(reverse("networks:application-list")).content.decode()
    assert own.network.name in content
    assert other.network.name not in content


def test_visible_to_agrees_with_view_permission():
    application = make_application()
    people = _people(application)
    for person in people.values():
        in_queryset = Application.objects.visible_to(person).filter(pk=application.pk).exists()
        assert in_queryset == person.has_perm("networks.view_application", application)


# --- warned before submitting, still free to submit -------------------------------------------


def test_save_and_submit_with_unmet_criteria_asks_confirmation_naming_them(client):
    client.force_login(make_applicant())
    response = client.post(
        reverse("networks:application-create"),
        form_data(
            action="submit",
            meetings_per_year="2",
            participant_emails="\n".join(f"d{n}@example.nl" for n in range(4)),
        ),
        follow=True,
    )
    application = Application.objects.get()
    assert application.network.status == NetworkStatus.DRAFT
    assert response.redirect_chain[-1][0] == reverse(
        "networks:application-submit", args=[application.pk]
    )
    content = response.content.decode()
    warnings = content.split('id="submission-warnings"', 1)[1].split("</ul>", 1)[0]
    assert re.findall(r'data-code="(\w+)"', warnings) == [
        "min_three_meetings_per_year",
        "min_six_fixed_participants",
    ]
    assert "2 bijeenkomsten gepland per 12 maanden; minimaal 3 nodig." in warnings
    assert "4 vaste deelnemers; minimaal 6 nodig." in warnings
    assert "2 criteria zijn niet voldaan:" in content
    assert "Toch indienen" in content


def test_submit_without_confirmation_of_unmet_criteria_does_not_submit(client):
    application = make_application(participants=4)
    client.force_login(application.applicant)
    url = reverse("networks:application-submit", args=[application.pk])
    response = client.post(url)
    assert response.url == url
    application.network.refresh_from_db()
    assert application.network.status == NetworkStatus.DRAFT


def test_submit_confirmed_with_unmet_criteria_submits(client, django_capture_on_commit_callbacks):
    application = make_application(participants=4)
    client.force_login(application.applicant)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("networks:application-submit", args=[application.pk]),
            {"confirmed": "1"},
            follow=True,
        )
    assert "Uw aanvraag is ingediend." in response.content.decode()
    application.network.refresh_from_db()
    assert application.network.status == NetworkStatus.SUBMITTED


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


def test_co_initiator_edits_the_draft_and_sees_it_in_her_list(client):
    application = make_application()
    co_initiator = _co_initiator_of(application)
    client.force_login(co_initiator)
    content = client.get(reverse("networks:application-list")).content.decode()
    assert "Samen Sturen" in content
    response = client.post(
        reverse("networks:application-update", args=[application.pk]),
        form_data(theme="Samen leren", co_initiator_emails=co_initiator.email),
    )
    assert response.status_code == 302
    application.network.refresh_from_db()
    assert application.network.theme == "Samen leren"


def test_naming_co_initiators_in_the_form(client):
    client.force_login(make_applicant())
    client.post(
        reverse("networks:application-create"),
        form_data(co_initiator_emails="Mede@Example.nl\nfee@example.nl"),
    )
    # The facilitator cannot also be a co-initiator: a Dutch message, nothing saved.
    assert Application.objects.count() == 0
    client.post(
        reverse("networks:application-create"), form_data(co_initiator_emails="Mede@Example.nl")
    )
    application = Application.objects.get()
    assert list(
        application.invitees.filter(role="co_initiator").values_list("email", flat=True)
    ) == ["mede@example.nl"]


def test_co_initiator_named_twice_as_facilitator_gets_a_dutch_message(client):
    client.force_login(make_applicant())
    response = client.post(
        reverse("networks:application-create"), form_data(co_initiator_emails="fee@example.nl")
    )
    assert response.status_code == 200
    assert response.context["form"].errors["co_initiator_emails"] == [
        "fee@example.nl staat al als facilitator of deelnemer genoemd."
    ]


def test_application_page_shows_amounts_the_dutch_way(client):
    application = make_application(requested_facilitation="4000")
    client.force_login(application.applicant)
    content = client.get(application.get_absolute_url()).content.decode()
    assert "Facilitering: €\u00a04.000,00" in content
    assert "Totaal: €\u00a05.500,00" in content
