"""Demo learning questions and BC-Scans (called by `manage.py seed_demo`). Idempotent."""

from __future__ import annotations

from django.utils import timezone

from networks.models import Competence, Membership

from . import bcscan
from .enums import QuestionStatus, Visibility
from .models import BCScan, LearningQuestion, ReflectionEntry, User

# Demo participants by e-mail address, if seed_demo created them; otherwise the first
# participants of the first network with participants are used.
# The demo logins of seed_demo (demo/seeds.py): the participant (Jacqueline
# Schoones) and the penvoerder (Ella Verweij, also a participant of Verbindend Vernieuwen).
DEMO_EMAILS = (
    "participant@leernetwerk.test",
    "penvoerder@leernetwerk.test",
)

QUESTIONS = (
    {
        "title": "Hoe geef ik leraren ruimte voor initiatief binnen heldere kaders?",
        "goal": "Leerlingen werken zelfstandig met verdiepende en herhalende lesstof.",
        "visibility": Visibility.FACILITATOR,
        "status": QuestionStatus.IN_PROGRESS,
        "competences": (2, 3),
        "reflection": "In de bijeenkomst besproken hoe ik kaders (budget, tijd) vooraf benoem.",
    },
    {
        "title": "Hoe voer ik het gesprek over resultaten zonder meteen de regels te noemen?",
        "goal": "De klassencomputers effectief gebruiken in de dagelijkse lessen.",
        "visibility": Visibility.PRIVATE,
        "status": QuestionStatus.OPEN,
        "competences": (1, 5),
        "reflection": "",
    },
    {
        "title": "Hoe verbind ik onze visie aan keuzes in het rooster?",
        "goal": "Leerlingen ervaren samenhang tussen de vakken.",
        "visibility": Visibility.NETWORK,
        "status": QuestionStatus.OPEN,
        "competences": (1, 2),
        "reflection": "",
    },
)


def _demo_people():

    people = list(User.objects.filter(email__in=DEMO_EMAILS, is_active=True))
    if people:
        return people
    first = (
        Membership.objects.current()
        .participants()
        .select_related("person", "network")
        .order_by("network__name", "person__email")
        .first()
    )
    if first is None:
        return []
    return [
        m.person
        for m in Membership.objects.current()
        .participants()
        .filter(network=first.network)
        .select_related("person")
        .order_by("person__email")[:2]
    ]


def seed_demo_extras() -> None:
    people = _demo_people()
    if not people:
        return
    competences = {c.number: c for c in Competence.objects.all()}
    for index, person in enumerate(people):
        networks = [m.network for m in Membership.objects.current().filter(person=person)]
        for spec in QUESTIONS[index % 2 :: 1][:2]:
            question, created = LearningQuestion.objects.get_or_create(
                owner=person,
                title=spec["title"],
                defaults={
                    "goal": spec["goal"],
                    "visibility": spec["visibility"] if networks else Visibility.PRIVATE,
                    "status": spec["status"],
                },
            )
            if created:
                question.networks.set(networks[:1])
                question.competences.set(
                    [competences[n] for n in spec["competences"] if n in competences]
                )
                if spec["reflection"]:
                    ReflectionEntry.objects.create(
                        question=question, date=timezone.localdate(), note=spec["reflection"]
                    )
        if not BCScan.objects.filter(owner=person).exists():
            answers = {
                s.key: 2 + (s.competence + int(s.key[-1]) + index) % 4 for s in bcscan.STATEMENTS
            }
            shared = index == 0 and bool(networks)
            scan = BCScan.objects.create(
                owner=person,
                answers=answers,
                visibility=Visibility.FACILITATOR if shared else Visibility.PRIVATE,
                action_plans={"3": "Een leesgroep starten over onderzoek in de eigen school."},
            )
            if shared:
                # Shared with the facilitator of the same network as the person's questions.
                scan.networks.set(networks[:1])
