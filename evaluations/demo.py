"""Demo data for evaluations (called by `seed_demo` after the other apps). Idempotent:
everything is looked up by title, name or text and only created when missing."""

from __future__ import annotations

import datetime
import random
import zlib

from django.conf import settings
from django.db import transaction
from django.utils import timezone, translation

from networks.models import Network
from networks.services import recheck_supported_networks

from .enums import ItemKind, RoundKind, RoundStatus
from .figure2 import figure2_ballots, figure2_forms
from .models import EvaluationRound, Invitation, Outcome, RankingSurvey
from .services import compute_phase_report, create_survey, import_ballots, open_round, save_response
from .services.scores import compute_round_scores

BASELINE_TITLE = "Nulmeting december 2014"
BASELINE_SLUGS = (
    "eindverantwoordelijk-schoolleiders",
    "vrouwelijk-leiderschap-1",
    "vrouwelijk-leiderschap-2",
)
SURVEY_NAME = "Leer-top 3 schoolleiders (Hulsbos e.a., 2014)"
COMMENTS = [
    "Het netwerk geeft mij energie om het in mijn eigen school anders aan te pakken.",
    "Meer tijd voor intervisie tussen de bijeenkomsten zou welkom zijn.",
    "De gastsprekers sloten goed aan bij onze leervragen.",
    "Fijn dat we casussen uit de eigen praktijk kunnen inbrengen.",
]
OUTCOMES = [
    (
        "eindverantwoordelijk-schoolleiders",
        "competence_4",
        "Een gezamenlijke aanpak voor het gesprek met gemeente en bestuur over krimp.",
        "public",
    ),
    (
        "vrouwelijk-leiderschap-1",
        "self_knowledge",
        "Deelnemers zien scherper welke eigen patronen hun leiderschap sturen.",
        "academy",
    ),
    (
        "vrouwelijk-leiderschap-2",
        "social_network",
        "Een maatjesnetwerk dat ook buiten de bijeenkomsten om werkt.",
        "network",
    ),
]


@transaction.atomic
def seed_demo_extras() -> None:
    networks = list(Network.objects.filter(slug__in=BASELINE_SLUGS).order_by("slug"))
    if networks:
        _baseline_round(networks)
    _survey()
    _outcomes()
    _phase_reports()
    # Last, once every app's people and meetings are in: the yearly re-check the staff
    # dashboard shows (idempotent: one row per network and support year).
    recheck_supported_networks()


def _baseline_round(networks) -> None:
    if EvaluationRound.objects.filter(title=BASELINE_TITLE).exists():
        return
    with translation.override(settings.LANGUAGE_CODE):
        evaluation = open_round(
            by=None,
            title=BASELINE_TITLE,
            kind=RoundKind.BASELINE,
            opens_on=datetime.date(2014, 12, 1),
            closes_on=datetime.date(2014, 12, 31),
            networks=networks,
        )
    # Answer while "open" (the service checks the dates), then close as in December 2014.
    today = timezone.localdate()
    EvaluationRound.objects.filter(pk=evaluation.pk).update(closes_on=today, opens_on=today)
    Invitation.objects.filter(round=evaluation).update(invited_at=evaluation.created_at)
    items = list(evaluation.items.all())
    for network in networks:
        rng = random.Random(zlib.crc32(network.slug.encode()))
        invitations = list(
            Invitation.objects.filter(round=evaluation, network=network).order_by("person__email")
        )
        for invitation in invitations[: max(len(invitations) * 3 // 4, 0)]:
            answers = {}
            for item in items:
                if item.kind == ItemKind.SCALE:
                    answers[item.pk] = rng.choices([2, 3, 4, 5], weights=[1, 3, 6, 4])[0]
                elif rng.random() < 0.4:
                    answers[item.pk] = rng.choice(COMMENTS)
            save_response(invitation.token, answers=answers)
    EvaluationRound.objects.filter(pk=evaluation.pk).update(
        opens_on=datetime.date(2014, 12, 1),
        closes_on=datetime.date(2014, 12, 31),
        status=RoundStatus.CLOSED,
        is_published=True,
    )
    compute_round_scores(evaluation.pk)


def _survey() -> None:
    if RankingSurvey.objects.filter(name=SURVEY_NAME).exists():
        return
    create_survey(
        by=None,
        name=SURVEY_NAME,
        forms=figure2_forms(),
        description="53 schoolleiders noemden hun top 3 van leervormen (figuur 2).",
    )
    rows = [["respondent", "choice_1", "choice_2", "choice_3"]]
    for number, ballot in enumerate(figure2_ballots(), start=1):
        rows.append([f"R{number:02d}", *ballot, *[""] * (3 - len(ballot))])
    import_ballots(survey_name=SURVEY_NAME, rows=rows, create=False)


def _outcomes() -> None:
    for slug, kind, description, visibility in OUTCOMES:
        network = Network.objects.filter(slug=slug).first()
        if network is None:
            continue
        Outcome.objects.get_or_create(
            network=network,
            description=description,
            defaults={"kind": kind, "visibility": visibility},
        )


def _phase_reports() -> None:
    """A first phase report for every supported network that has none yet."""
    for network in Network.objects.supported().filter(phase_reports__isnull=True):
        compute_phase_report(network.pk)
