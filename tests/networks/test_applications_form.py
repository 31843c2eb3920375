"""The application form in the browser: creating, updating and submitting, bad input
shown in Dutch with nothing saved, the live check, the detail page, co-initiators."""

import pytest
from django.urls import reverse

from networks.enums import NetworkStatus
from networks.models import Application, ApplicationInvitee, Network
from tests.factories import make_staff
from tests.factories.networks import make_applicant, make_application
from tests.networks.application_helpers import _co_initiator_of, form_data

pytestmark = pytest.mark.django_db


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
