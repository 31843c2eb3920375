"""Mail: invitation, change, cancellation, reminders; each mail goes out once."""

import datetime

import pytest
from django.core import mail
from django.utils import timezone

from leernetwerk.tasks import task_record_heartbeat
from mails import services as mail_services
from mails.models import Mail
from meetings import services
from meetings.tasks import task_send_meeting_mail, task_send_meeting_reminders
from tests.conftest import WORKER_MAIL_DIR, wait_for
from tests.factories import MeetingFactory, NetworkFactory, make_facilitator, make_member
from tests.factories.meetings import ResponseFactory


def _worker_mail_subjects(about: str) -> list[str]:
    """Subjects of the mails the real worker wrote to files (tests/conftest.py) that name
    `about`; other realstack tests share the folder."""
    return [
        line.removeprefix("Subject: ")
        for path in WORKER_MAIL_DIR.glob("*.log")
        for line in path.read_text().splitlines()
        if line.startswith("Subject: ") and about in line
    ]


def _soon(days=3):
    start = (timezone.localtime() + datetime.timedelta(days=days)).replace(
        hour=16, minute=0, second=0, microsecond=0
    )
    return {"starts_at": start, "ends_at": start + datetime.timedelta(hours=3)}


@pytest.mark.django_db
def test_reminder_task_twice_sends_each_mail_once(settings, django_capture_on_commit_callbacks):
    settings.LEERNETWERK_MEETING_REMINDER_DAYS = 7
    network = NetworkFactory(name="Ondernemend Leren", short_name="OL")
    coming, declined = make_member(network), make_member(network)
    facilitator = make_facilitator(network)
    meeting = MeetingFactory(network=network, title="Binnenkort", **_soon())
    ResponseFactory(meeting=meeting, person=declined, answer="not_coming")
    MeetingFactory(network=network, title="Later", **_soon(days=20))
    MeetingFactory(network=network, title="Afgelast", status="cancelled", **_soon())

    with django_capture_on_commit_callbacks(execute=True):
        assert task_send_meeting_reminders.delay().get() == 2
    with django_capture_on_commit_callbacks(execute=True):
        assert task_send_meeting_reminders.delay().get() == 0

    assert sorted(m.to[0] for m in mail.outbox) == sorted([coming.email, facilitator.email])
    assert {m.subject for m in mail.outbox} == {"Herinnering: Binnenkort (OL)"}  # korte naam
    assert Mail.objects.filter(kind="reminder", status="sent").count() == 2


@pytest.mark.django_db
def test_reminder_window_follows_the_setting(settings):
    network = NetworkFactory()
    make_member(network)
    MeetingFactory(network=network, **_soon(days=10))
    settings.LEERNETWERK_MEETING_REMINDER_DAYS = 7
    assert services.send_meeting_reminders() == 0
    settings.LEERNETWERK_MEETING_REMINDER_DAYS = 14
    assert services.send_meeting_reminders() == 1


@pytest.mark.django_db
def test_moved_meeting_gets_a_new_reminder():
    network = NetworkFactory()
    member = make_member(network)
    meeting = MeetingFactory(network=network, **_soon())
    assert services.send_meeting_reminders() == 1
    services.update_meeting(meeting, by=member, data=_soon(days=4))
    assert services.send_meeting_reminders() == 1
    assert services.send_meeting_reminders() == 0


@pytest.mark.django_db
def test_invitation_and_change_each_once_per_version(django_capture_on_commit_callbacks):
    network = NetworkFactory()
    member = make_member(network)
    meeting = MeetingFactory(network=network)
    with django_capture_on_commit_callbacks(execute=True):
        assert task_send_meeting_mail.delay(meeting_id=meeting.pk, kind="invitation").get() == 1
        assert task_send_meeting_mail.delay(meeting_id=meeting.pk, kind="invitation").get() == 0
        meeting.sequence = 1
        meeting.save()
        assert services.send_meeting_mail(meeting, "change") == 1
        assert services.send_meeting_mail(meeting, "change") == 0
        meeting.sequence = 2
        meeting.save()
        assert services.send_meeting_mail(meeting, "change") == 1
    assert [m.to for m in mail.outbox] == [[member.email]] * 3


@pytest.mark.django_db
def test_failed_send_is_recorded_with_its_error_and_retried(
    monkeypatch, django_capture_on_commit_callbacks
):
    network = NetworkFactory(name="Ondernemend Leren")
    member = make_member(network)
    MeetingFactory(network=network, title="Binnenkort", **_soon())

    def broken(self, *args, **kwargs):
        raise OSError("mail server down")

    monkeypatch.setattr("django.core.mail.EmailMessage.send", broken)
    with django_capture_on_commit_callbacks(execute=True):
        assert services.send_meeting_reminders() == 1
    failed = Mail.objects.get(recipient=member)
    assert (failed.status, failed.error, failed.attempts) == (
        "failed",
        "OSError: mail server down",
        1,
    )
    assert mail.outbox == []
    monkeypatch.undo()
    later = timezone.now() + mail_services.RETRY_AFTER
    with django_capture_on_commit_callbacks(execute=True):
        assert mail_services.retry_pending(now=later) == 1
    failed.refresh_from_db()
    assert (failed.status, failed.error, failed.attempts) == ("sent", "", 2)
    assert [m.subject for m in mail.outbox] == ["Herinnering: Binnenkort (Ondernemend Leren)"]
    with django_capture_on_commit_callbacks(execute=True):
        assert mail_services.retry_pending(now=later) == 0
    assert len(mail.outbox) == 1


@pytest.mark.realstack
@pytest.mark.django_db(transaction=True)
def test_real_worker_runs_reminders_twice_and_sends_each_mail_once(celery_worker):
    network = NetworkFactory()
    members = [make_member(network) for _ in range(3)]
    meeting = MeetingFactory(network=network, **_soon(days=2))

    task_send_meeting_reminders.delay()
    sent = Mail.objects.filter(key__startswith=f"reminder:{meeting.pk}:", status="sent")
    wait_for(lambda: sent.count() == len(members))
    assert sorted(sent.values_list("recipient_id", flat=True)) == sorted(m.pk for m in members)

    task_send_meeting_reminders.delay()
    # The worker runs one task at a time in order: once this heartbeat is written, the
    # second reminder run has finished.
    task_record_heartbeat.delay(worker="after-second-reminder-run")
    from leernetwerk.models import WorkerHeartbeat

    wait_for(lambda: WorkerHeartbeat.objects.filter(worker="after-second-reminder-run").exists())
    assert sent.count() == len(members)
    assert len(_worker_mail_subjects(meeting.title)) == len(members)


@pytest.mark.django_db
def test_a_member_of_two_networks_tells_their_meetings_apart_by_the_subject(
    settings, django_capture_on_commit_callbacks
):
    """Every meeting mail's subject names the network by its korte naam, else by its name
    (docs/domain.md): the same title in two networks gives two different subjects."""
    short = NetworkFactory(name="Vrouwelijk Leiderschap 1", short_name="VL1")
    plain = NetworkFactory(name="Verbindend Vernieuwen")
    settings.LEERNETWERK_MEETING_REMINDER_DAYS = 7
    person = make_member(short)
    make_member(plain, person=person)
    meetings = [
        MeetingFactory(network=network, title="Voorjaarsbijeenkomst", **_soon())
        for network in (short, plain)
    ]
    with django_capture_on_commit_callbacks(execute=True):
        for meeting in meetings:
            for kind in ("invitation", "change", "cancellation"):
                services.send_meeting_mail(meeting, kind, sequence=1)
        services.send_meeting_reminders()

    subjects = sorted(m.subject for m in mail.outbox)
    assert subjects == sorted(
        f"{word}: Voorjaarsbijeenkomst ({label})"
        for word in ("Uitnodiging", "Gewijzigd", "Geannuleerd", "Herinnering")
        for label in ("VL1", "Verbindend Vernieuwen")
    )
