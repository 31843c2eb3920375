"""Benchmark data for applications and evaluations (called from bench.generate).

The first half of the rounds are nulmetingen; each round of the second half asks the same
networks later and is linked to its nulmeting (gekoppeld aan de nulmeting), so the responses
of both carry a pseudonym. Most of a linked round's respondents answered the nulmeting too
(PAIRED_SHARE); the others have a pseudonym with no partner."""

from __future__ import annotations

import datetime
import secrets

from django.conf import settings
from django.utils import timezone

BATCH = 5000
PAIRED_SHARE = 0.9  # of a linked round's respondents, those who answered its nulmeting too


def generate(rng, networks, members_of, n, scale) -> dict:
    from evaluations import paired
    from evaluations.enums import ItemKind, RoundKind, RoundStatus
    from evaluations.models import Answer, EvaluationRound, Invitation, Item, Response
    from evaluations.questionnaire import TEMPLATE_2014
    from networks.enums import NetworkStatus
    from networks.models import Application
    from participants.models import User

    today = timezone.localdate()
    now = timezone.now()
    applications = [
        Application(
            network=net,
            applicant_id=members_of[net.id][0],
            applicant_function="rector",
            invited_meeting="De eerste bijeenkomst",
            requested_facilitation=5000,
            requested_speakers=1500,
            requested_organisation=1000,
            met_count=9,
            unmet_criteria="field_initiative,professionalisation_focus",
            submitted_at=now - datetime.timedelta(days=rng.randint(1, 60)),
        )
        for net in networks
        if net.status == NetworkStatus.SUBMITTED
    ]
    Application.objects.bulk_create(applications, batch_size=BATCH)

    staff = User.objects.get(email="staff@bench.test")
    person_ids = list(User.objects.exclude(pk=staff.pk).values_list("id", flat=True))
    rounds_total = n["rounds"]
    # At most one response per person and network in a round (a small scale has fewer people).
    per_round = max(1, min(n["responses"] // rounds_total, len(person_ids)))
    pairs = [
        (networks[(2 * i) % len(networks)], networks[(2 * i + 1) % len(networks)])
        for i in range(rounds_total)
    ]
    rounds = []
    for i in range(rounds_total):
        baseline = i < rounds_total // 2
        opens = today - datetime.timedelta(days=400 if baseline else 60)
        rounds.append(
            EvaluationRound(
                title=f"{'Nulmeting' if baseline else 'Tussenmeting'} {i}",
                kind=RoundKind.BASELINE if baseline else RoundKind.INTERIM,
                opens_on=opens,
                closes_on=opens + datetime.timedelta(days=21),
                status=RoundStatus.CLOSED,
                created_by=staff,
                closed_at=now,
            )
        )
    EvaluationRound.objects.bulk_create(rounds, batch_size=BATCH)
    rounds = list(EvaluationRound.objects.order_by("id"))
    half = rounds_total // 2
    for i, r in enumerate(rounds):
        if i >= half and half:
            r.baseline_round_id = rounds[i - half].id
    EvaluationRound.objects.bulk_update(rounds, ["baseline_round"], batch_size=BATCH)
    through = EvaluationRound.networks.through
    through.objects.bulk_create(
        [
            through(evaluationround_id=r.id, network_id=net.id)
            for i, r in enumerate(rounds)
            for net in pairs[i % (rounds_total // 2 or 1)]
        ],
        batch_size=BATCH,
    )
    Item.objects.bulk_create(
        [
            Item(round=r, position=p, code=code, kind=kind, text=str(text))
            for r in rounds
            for p, (code, kind, text) in enumerate(TEMPLATE_2014, start=1)
        ],
        batch_size=BATCH,
    )
    items_of: dict[int, list] = {}
    for item in Item.objects.order_by("id").values("id", "round_id", "kind"):
        items_of.setdefault(item["round_id"], []).append(item)

    answers = invitations = responses = 0
    # A nulmeting's values per pseudonym (by item position: every round has the same items),
    # copied into the linked round's answers as the app does when either is saved.
    baseline_values: dict[int, dict[str, list]] = {}
    for i, r in enumerate(rounds):
        nets = pairs[i % (rounds_total // 2 or 1)]
        batch_invitations, batch_responses = [], []
        linked = r.baseline_round_id is not None
        chain_id = r.baseline_round_id if linked else r.id
        for k in range(per_round):
            net = nets[k % 2]
            if not linked:
                person_id = person_ids[(i * per_round + k) % len(person_ids)]
            elif k < per_round * PAIRED_SHARE:
                # The same person as in the nulmeting, so her answers pair.
                person_id = person_ids[((i - half) * per_round + k) % len(person_ids)]
            else:  # someone who did not answer the nulmeting: no partner
                person_id = person_ids[((i - half + 1) * per_round + k) % len(person_ids)]
            batch_invitations.append(
                Invitation(
                    round=r,
                    network=net,
                    person_id=person_id,
                    token=secrets.token_urlsafe(24),
                    is_used=True,
                    invited_at=now,
                )
            )
            pseudonym = paired.pseudonym(
                settings.EVALUATION_PSEUDONYM_KEY,
                chain_id=chain_id,
                network_id=net.id,
                person_id=person_id,
            )
            batch_responses.append(Response(round=r, network=net, pseudonym=pseudonym))
        Invitation.objects.bulk_create(batch_invitations, batch_size=BATCH, ignore_conflicts=True)
        created = Response.objects.bulk_create(batch_responses, batch_size=BATCH)
        batch_answers = []
        partners = baseline_values.pop(r.baseline_round_id, {}) if linked else {}
        kept = baseline_values.setdefault(r.id, {}) if not linked else {}
        for response in created:
            partner = partners.get(response.pseudonym)
            values = kept.setdefault(response.pseudonym, []) if not linked else []
            for position, item in enumerate(items_of[r.id]):
                if item["kind"] == ItemKind.SCALE:
                    value = rng.choice((2, 3, 4, 4, 5))
                    values.append(value)
                    batch_answers.append(
                        Answer(
                            response_id=response.id,
                            item_id=item["id"],
                            value=value,
                            baseline_value=partner[position] if partner else None,
                        )
                    )
                else:
                    values.append(None)
                    batch_answers.append(
                        Answer(
                            response_id=response.id,
                            item_id=item["id"],
                            text="Goede sfeer." if rng.random() < 0.1 else "",
                        )
                    )
        Answer.objects.bulk_create(batch_answers, batch_size=BATCH)
        answers += len(batch_answers)
        invitations += len(batch_invitations)
        responses += len(created)
    return {
        "networks.Application": len(applications),
        "evaluations.EvaluationRound": len(rounds),
        "evaluations.Response": responses,
        "evaluations.Answer": answers,
        "evaluations.Invitation": invitations,
        "evaluations.Response with pseudonym": Response.objects.filter(
            pseudonym__isnull=False
        ).count(),
        "linked rounds": EvaluationRound.objects.filter(baseline_round__isnull=False).count(),
    }
