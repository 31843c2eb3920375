"""The one mail model from the person's side: their choice on Mijn gegevens decides how
notifications arrive; invitations always come at once; every mail links the choice; staff
see failed mails with the error but never a mail's text."""

import pytest
from django.core import mail
from django.utils import timezone

from mails import services
from mails.models import Mail
from meetings import services as meeting_services
from tests.factories import MeetingFactory, NetworkFactory, make_member, make_staff

pytestmark = pytest.mark.django_db


def test_person_chooses_a_daily_digest_on_my_data(client):
    person = make_member(NetworkFactory())
    client.force_login(person)
    my_data = client.get("/deelnemers/mijn-gegevens/").content.decode()
    assert 'href="/mail/voorkeur/"' in my_data
    response = client.post("/mail/voorkeur/", {"frequency": "daily"}, follow=True)
    assert "Uw e-mailkeuze is opgeslagen." in response.content.decode()
    assert services.frequency_for(person) == "daily"


def test_a_choice_that_does_not_exist_is_refused_at_the_field(client):
    person = make_member(NetworkFactory())
    client.force_login(person)
    response = client.post("/mail/voorkeur/", {"frequency": "hourly"})
    assert response.context["form"].errors["frequency"] == [
        "Selecteer een geldige keuze. hourly is geen beschikbare keuze."
    ]
    assert services.frequency_for(person) == "immediate"


def test_invitation_comes_at_once_for_a_digest_reader_a_change_waits_for_the_digest(
    django_capture_on_commit_callbacks,
):
    network = NetworkFactory(short_name="Netwerk Oost")
    reader = make_member(network)
    services.set_frequency(reader, "weekly")
    with django_capture_on_commit_callbacks(execute=True):
        meeting = meeting_services.schedule_meeting(
            network, by=reader, data=_times(title="Netwerkdag")
        )
        meeting_services.update_meeting(meeting, by=reader, data={"location": "Zwolle"})
    assert [m.subject for m in mail.outbox] == ["Uitnodiging: Netwerkdag (Netwerk Oost)"]
    assert Mail.objects.get(kind="change").status == "held"
    with django_capture_on_commit_callbacks(execute=True):
        assert services.send_digests("daily") == 0
        assert services.send_digests("weekly") == 1
    assert [m.subject for m in mail.outbox][1] == "Leernetwerk: 1 bericht"
    assert "Gewijzigd: Netwerkdag (Netwerk Oost)" in mail.outbox[1].body


def test_every_mail_to_a_person_links_the_choice(django_capture_on_commit_callbacks):
    network = NetworkFactory()
    member = make_member(network)
    with django_capture_on_commit_callbacks(execute=True):
        meeting_services.schedule_meeting(network, by=member, data=_times(title="Start"))
    assert "/mail/voorkeur/" in mail.outbox[0].body


def test_switching_back_to_at_once_sends_what_was_held_in_one_mail(
    django_capture_on_commit_callbacks,
):
    network = NetworkFactory()
    reader = make_member(network)
    meeting = MeetingFactory(network=network, title="Netwerkdag")
    services.set_frequency(reader, "daily")
    with django_capture_on_commit_callbacks(execute=True):
        for place in ("Zwolle", "Ede"):
            meeting_services.update_meeting(meeting, by=reader, data={"location": place})
    assert mail.outbox == []
    with django_capture_on_commit_callbacks(execute=True):
        services.set_frequency(reader, "immediate")
    assert [m.subject for m in mail.outbox] == ["Leernetwerk: 2 berichten"]


def test_sent_mail_keeps_no_copy_of_its_text(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        services.queue_mail(
            key="test:1", to="a@school.test", kind="test", subject="Onderwerp", body="Geheim"
        )
    row = Mail.objects.get()
    assert (row.status, row.body, mail.outbox[0].body) == ("sent", "", "Geheim")


def test_staff_see_failed_mails_with_the_error_but_not_the_text(client):
    Mail.objects.create(
        key="x:1",
        to="kapot@school.test",
        kind="change",
        subject="Gewijzigd: Netwerkdag",
        body="Tekst met een leervraag",
        status="failed",
        error="SMTPRecipientsRefused: kapot@school.test",
        attempts=3,
    )
    staff = make_staff(is_staff=True, is_superuser=True)
    client.force_login(staff)
    listing = client.get("/beheer/mails/mail/?status__exact=failed")
    assert listing.status_code == 200
    assert "kapot@school.test" in listing.content.decode()
    row = Mail.objects.get()
    change = client.get(f"/beheer/mails/mail/{row.pk}/change/")
    assert change.status_code == 200
    assert "SMTPRecipientsRefused" in change.content.decode()
    assert "Tekst met een leervraag" not in change.content.decode()


def _times(**data):
    import datetime

    start = (timezone.localtime() + datetime.timedelta(days=10)).replace(
        hour=16, minute=0, second=0, microsecond=0
    )
    return {"starts_at": start, "ends_at": start + datetime.timedelta(hours=3), **data}
