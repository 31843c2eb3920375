"""Chasing non-responders (issue 12.2): staff remind everyone who has not answered from the
round page, at most once a day (the automatic reminders keep the same rule); facilitators
see their network's response live; nobody sees who answered."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from evaluations import services
from evaluations.models import Invitation
from evaluations.services.reminders import send_reminders_now, send_round_reminders
from tests.factories import NetworkFactory, make_facilitator, make_member, make_staff
from tests.factories.evaluations import make_round

pytestmark = pytest.mark.django_db


def _round_with(n_members=3):
    network = NetworkFactory(name="Ondernemend Leren")
    facilitator = make_facilitator(network)
    people = [make_member(network) for _ in range(n_members)]
    evaluation = make_round([network], title="Tussenmeting 2026")
    return network, facilitator, people, evaluation


def _answer(evaluation, person):
    invitation = Invitation.objects.get(round=evaluation, person=person)
    services.save_response(invitation.token, answers={evaluation.items.first().pk: 4})


def test_staff_remind_non_responders_once_a_day(
    client, mailoutbox, django_capture_on_commit_callbacks
):
    network, _, people, evaluation = _round_with(3)
    _answer(evaluation, people[0])
    client.force_login(make_staff())
    url = reverse("evaluations:round-remind", args=[evaluation.pk])
    with django_capture_on_commit_callbacks(execute=True):
        page = client.post(url, follow=True).content.decode()
    assert "Iedereen die nog niet heeft geantwoord, krijgt een herinnering." in page
    assert sorted(m.to[0] for m in mailoutbox) == sorted(p.email for p in people[1:])
    assert {m.subject for m in mailoutbox} == {"Herinnering: evaluatie van Ondernemend Leren"}
    # the page never says who
    for person in people:
        assert person.email not in page
        assert person.last_name not in page
    with django_capture_on_commit_callbacks(execute=True):
        again = client.post(url, follow=True).content.decode()
    assert "Vandaag is al een herinnering verstuurd. De volgende kan morgen." in again
    assert len(mailoutbox) == 2


def test_staff_can_remind_again_the_next_day(mailoutbox, django_capture_on_commit_callbacks):
    _, _, people, evaluation = _round_with(2)
    yesterday = timezone.localdate() - datetime.timedelta(days=1)
    # the mails go out from the worker after commit (mails.Mail, one per recipient)
    with django_capture_on_commit_callbacks(execute=True):
        services.request_reminders(evaluation, by=None, today=yesterday)
        assert send_reminders_now(evaluation.pk, today=yesterday) == 2
    # what was sent "yesterday" carries yesterday's time
    Invitation.objects.update(reminded_at=timezone.now() - datetime.timedelta(days=1))
    with django_capture_on_commit_callbacks(execute=True):
        services.request_reminders(evaluation, by=None)
        assert send_reminders_now(evaluation.pk) == 2
        assert send_reminders_now(evaluation.pk) == 0  # the same day: nobody twice
    assert len(mailoutbox) == 4


def test_automatic_reminder_skips_who_was_reminded_today(
    mailoutbox, django_capture_on_commit_callbacks
):
    _, _, people, evaluation = _round_with(2)
    Invitation.objects.filter(round=evaluation).update(
        invited_at=timezone.now() - datetime.timedelta(days=8)
    )
    # the mails go out from the worker after commit (mails.Mail, one per recipient)
    with django_capture_on_commit_callbacks(execute=True):
        assert send_reminders_now(evaluation.pk) == 2
        assert send_round_reminders() == 0
    assert len(mailoutbox) == 2


def test_remind_refused_for_a_closed_round():
    _, _, _, evaluation = _round_with(1)
    services.close_round(evaluation, by=None)
    with pytest.raises(ValidationError) as error:
        services.request_reminders(evaluation, by=None)
    assert error.value.messages == ["Deze ronde neemt nu geen antwoorden aan."]


def test_facilitator_sees_the_networks_response_live(client):
    network, facilitator, people, evaluation = _round_with(3)
    _answer(evaluation, people[0])
    client.force_login(facilitator)
    expected = "Tussenmeting 2026: 1 van 3 leden geantwoord (33%)."
    assert expected in client.get(network.get_absolute_url()).content.decode()
    _answer(evaluation, people[1])
    fragment = client.get(reverse("evaluations:network-rate", args=[network.slug]))
    assert "Tussenmeting 2026: 2 van 3 leden geantwoord (67%)." in fragment.content.decode()


def test_participant_does_not_see_the_response(client):
    network, _, people, evaluation = _round_with(2)
    client.force_login(people[0])
    assert "leden geantwoord" not in client.get(network.get_absolute_url()).content.decode()
    assert client.get(reverse("evaluations:network-rate", args=[network.slug])).status_code == 404
