"""Factories and helpers for the evaluations app."""

import datetime

from django.utils import timezone

from evaluations.enums import RoundKind, RoundStatus
from evaluations.models import EvaluationRound, Invitation
from evaluations.services import open_round, save_response
from tests.factories import NetworkFactory, make_member


def make_round(
    networks=None, *, kind=RoundKind.INTERIM, title="Tussenmeting 2026", by=None, **kwargs
) -> EvaluationRound:
    """An open round (today within its dates) with the 2014 questionnaire."""
    networks = networks if networks is not None else [NetworkFactory()]
    today = timezone.localdate()
    return open_round(
        by=by,
        title=title,
        kind=kind,
        opens_on=kwargs.pop("opens_on", today - datetime.timedelta(days=1)),
        closes_on=kwargs.pop("closes_on", today + datetime.timedelta(days=14)),
        networks=networks,
        **kwargs,
    )


def answer_all(evaluation, network, values, comments=()) -> None:
    """Submit one response per value in `values` (each answering every scale item with that
    value, or a per-item list), through fresh invitations of new members if needed."""
    items = list(evaluation.items.all())
    scale = [i for i in items if i.is_scale]
    open_items = [i for i in items if not i.is_scale]
    invitations = list(Invitation.objects.filter(round=evaluation, network=network, is_used=False))
    while len(invitations) < len(values):
        person = make_member(network)
        invitations.append(
            Invitation.objects.create(round=evaluation, network=network, person=person)
        )
    for index, value in enumerate(values):
        answers = {}
        for position, item in enumerate(scale):
            answers[item.pk] = value[position] if isinstance(value, list | tuple) else value
        if index < len(comments) and open_items:
            answers[open_items[0].pk] = comments[index]
        save_response(invitations[index].token, answers=answers)


def close(evaluation) -> None:
    EvaluationRound.objects.filter(pk=evaluation.pk).update(status=RoundStatus.CLOSED)
    evaluation.refresh_from_db()


def make_closed_baseline(networks, values_per_network, days_ago, title="Nulmeting"):
    """A nulmeting of the networks that opened `days_ago`, answered and closed."""
    today = timezone.localdate()
    baseline = make_round(
        networks,
        kind=RoundKind.BASELINE,
        title=title,
        opens_on=today - datetime.timedelta(days=days_ago),
        closes_on=today + datetime.timedelta(days=1),
    )
    for network, values in zip(networks, values_per_network, strict=True):
        answer_all(baseline, network, values)
    close(baseline)
    return baseline
