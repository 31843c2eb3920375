"""A co-initiator hears that she was named, from her side: one mail, in Dutch, with a link
that brings her to the draft (straight in with an account, through sign-up without one)."""

import re

import pytest
from django.core import mail
from django.urls import reverse

from networks.models import Application
from tests.factories import UserFactory
from tests.factories.networks import make_applicant, make_application
from tests.networks.application_helpers import form_data

pytestmark = pytest.mark.django_db

SUBJECT = "U bent genoemd als mede-initiatiefnemer van Samen Sturen"


def _mails_to(address: str) -> list:
    return [m for m in mail.outbox if m.to == [address]]


def _path(message, prefix: str) -> str:
    return re.search(rf"https?://[^/\s]+({re.escape(prefix)}\S*)", message.body).group(1)


def _name(client, application, emails: str, capture) -> None:
    client.force_login(application.applicant)
    with capture(execute=True):
        response = client.post(
            reverse("networks:application-update", args=[application.pk]),
            form_data(co_initiator_emails=emails),
        )
    assert response.status_code == 302


def test_named_co_initiator_with_an_account_gets_one_mail_that_opens_the_draft(
    client, django_capture_on_commit_callbacks
):
    applicant = make_applicant(first_name="Petra", last_name="Penvoerder")
    application = make_application(applicant)
    karin = UserFactory(first_name="Karin", email="karin@school.example.nl")
    _name(client, application, "Karin@School.example.nl", django_capture_on_commit_callbacks)

    [message] = _mails_to("karin@school.example.nl")
    assert message.subject == SUBJECT
    assert message.body.startswith("Beste Karin,")
    assert (
        "Petra Penvoerder heeft u genoemd als mede-initiatiefnemer van de aanvraag voor het "
        "leernetwerk Samen Sturen." in message.body
    )
    link = _path(message, "/aanvragen/")
    assert link == f"/aanvragen/{application.pk}/"
    client.force_login(karin)
    page = client.get(link).content.decode()
    assert "Aanvraag: Samen Sturen" in page
    assert (
        client.get(reverse("networks:application-update", args=[application.pk])).status_code == 200
    )

    # Saving the draft again, with her still named, mails her nothing more.
    _name(client, application, "karin@school.example.nl", django_capture_on_commit_callbacks)
    assert len(_mails_to("karin@school.example.nl")) == 1


def test_named_co_initiator_without_an_account_is_invited_to_make_one_and_lands_on_the_draft(
    client, django_capture_on_commit_callbacks
):
    application = make_application(make_applicant(first_name="Petra", last_name="Penvoerder"))
    _name(client, application, "nieuw@school.example.nl", django_capture_on_commit_callbacks)

    [message] = _mails_to("nieuw@school.example.nl")
    assert message.subject == SUBJECT
    assert message.body.startswith("Beste collega,")
    assert "U hebt nog geen account op Leernetwerk." in message.body
    signup = _path(message, "/account/aanmelden/")
    assert signup == f"/account/aanmelden/?next=%2Faanvragen%2F{application.pk}%2F"

    client.logout()
    assert "Account aanmaken" in client.get(signup).content.decode()
    mail.outbox.clear()
    client.post(
        signup,
        {
            "email": "nieuw@school.example.nl",
            "first_name": "Nadia",
            "last_name": "Nieuw",
            "password1": "een-lang-nieuw-wachtwoord",
            "password2": "een-lang-nieuw-wachtwoord",
            "next": f"/aanvragen/{application.pk}/",
        },
    )
    confirm = _path(mail.outbox[-1], "/account/e-mailadres/bevestigen/")
    response = client.post(confirm, follow=True)
    assert response.redirect_chain[-1][0] == f"/aanvragen/{application.pk}/"
    assert "Aanvraag: Samen Sturen" in response.content.decode()


def test_each_newly_named_co_initiator_gets_her_own_mail_and_the_penvoerder_none(
    client, django_capture_on_commit_callbacks
):
    application = make_application()
    _name(client, application, "een@example.nl", django_capture_on_commit_callbacks)
    _name(
        client, application, "een@example.nl\ntwee@example.nl", django_capture_on_commit_callbacks
    )
    assert sorted(m.to[0] for m in mail.outbox) == ["een@example.nl", "twee@example.nl"]
    assert _mails_to(application.applicant.email) == []


def test_co_initiator_named_in_a_new_application_is_mailed(
    client, django_capture_on_commit_callbacks
):
    client.force_login(make_applicant())
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("networks:application-create"),
            form_data(co_initiator_emails="mede@example.nl"),
        )
    application = Application.objects.get()
    [message] = _mails_to("mede@example.nl")
    assert f"/aanvragen/{application.pk}/" in message.body


def test_live_check_names_nobody_and_mails_nobody(client, django_capture_on_commit_callbacks):
    application = make_application()
    client.force_login(application.applicant)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("networks:application-check-existing", args=[application.pk]),
            form_data(co_initiator_emails="mede@example.nl"),
        )
    assert response.status_code == 200
    assert mail.outbox == []
    assert application.invitees.filter(role="co_initiator").count() == 0


def test_refused_save_mails_nobody(client, django_capture_on_commit_callbacks):
    application = make_application()
    client.force_login(application.applicant)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("networks:application-update", args=[application.pk]),
            form_data(co_initiator_emails="mede@example.nl", planned_end_date="2000-01-01"),
        )
    assert response.status_code == 200
    assert mail.outbox == []
