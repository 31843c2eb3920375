"""Generate a national-scale dataset with bulk inserts (deterministic, seeded).

Scale 1.0 is the national figure the issue names: 1,000 networks; 25,000 people; 12,000
meetings with attendance (present, late, excused, absent) and, when held, published minutes
with three actions; one open date poll per network with four dates and its answers; 40,000 learning questions; 500 evaluation rounds with 250,000
responses of 10 items. Scale 0.1 is the "1x" dataset the query counts are compared against."""

from __future__ import annotations

import datetime
import random
from collections import Counter

from django.contrib.auth.hashers import make_password
from django.db import connection, transaction
from django.utils import timezone

NATIONAL = {
    "networks": 1000,
    "people": 25000,
    "meetings": 12000,
    "learning_questions": 40000,
    "rounds": 500,
    "responses": 250000,
}
BATCH = 5000
PASSWORD = "bench-wachtwoord-123"


def _bulk(model, rows):
    model.objects.bulk_create(rows, batch_size=BATCH)


def _minutes_and_polls(rng, networks, members_of, now) -> dict:
    """Published minutes with three actions for every held meeting; one open date poll per
    network with four candidate dates, answered by about four in five members."""
    from meetings.models import ActionItem, DatePoll, Meeting, Minutes, PollAnswer, PollOption

    held = list(Meeting.objects.filter(starts_at__lt=now).values("id", "network_id", "starts_at"))
    _bulk(
        Minutes,
        [
            Minutes(
                meeting_id=m["id"],
                summary="Wat besproken is: de casus van de week en de leervragen.",
                decisions="Volgende keer een gastspreker\nDe casus uitwerken",
                status="published",
                shared_at=m["starts_at"] + datetime.timedelta(days=1),
                published_at=m["starts_at"] + datetime.timedelta(days=8),
            )
            for m in held
        ],
    )
    minutes_of = dict(Minutes.objects.values_list("meeting_id", "id"))
    actions = []
    for m in held:
        people = members_of.get(m["network_id"]) or []
        for k in range(3 if people else 0):
            actions.append(
                ActionItem(
                    minutes_id=minutes_of[m["id"]],
                    description=f"Actie {k + 1}: de afspraak uitwerken",
                    owner_id=rng.choice(people),
                    due_date=timezone.localtime(m["starts_at"]).date()
                    + datetime.timedelta(days=14 * (k + 1)),
                    done_at=m["starts_at"] + datetime.timedelta(days=7) if k == 0 else None,
                )
            )
    _bulk(ActionItem, actions)

    polls = [
        DatePoll(
            network=net,
            title="Volgende bijeenkomst",
            deadline=now + datetime.timedelta(days=10),
        )
        for net in networks
    ]
    _bulk(DatePoll, polls)
    options = []
    for poll in DatePoll.objects.values("id"):
        for k in range(4):
            starts = (now + datetime.timedelta(days=21 + 7 * k)).replace(
                hour=15, minute=0, second=0, microsecond=0
            )
            options.append(
                PollOption(
                    poll_id=poll["id"],
                    starts_at=starts,
                    ends_at=starts + datetime.timedelta(hours=3),
                )
            )
    _bulk(PollOption, options)
    answers = []
    for option in PollOption.objects.values("id", "poll__network_id"):
        for pid in members_of.get(option["poll__network_id"]) or []:
            if rng.random() < 0.8:
                answers.append(
                    PollAnswer(
                        option_id=option["id"],
                        person_id=pid,
                        answer=rng.choice(["yes", "yes", "if_need_be", "no"]),
                    )
                )
        if len(answers) >= BATCH * 4:
            _bulk(PollAnswer, answers)
            answers = []
    _bulk(PollAnswer, answers)
    return {
        model._meta.label: model.objects.count()
        for model in (Minutes, ActionItem, DatePoll, PollOption, PollAnswer)
    }


@transaction.atomic
def generate(scale: float, seed: int = 2026) -> dict:
    from django.contrib.auth.models import Group

    from meetings.models import Attendance, Meeting
    from networks.enums import Access, NetworkStatus, Role
    from networks.models import Competence, Membership, Network
    from participants.enums import Function, Region
    from participants.models import LearningQuestion, School, User

    rng = random.Random(seed)
    n = {k: max(1, int(v * scale)) for k, v in NATIONAL.items()}
    today = timezone.localdate()
    now = timezone.now()
    password = make_password(PASSWORD)
    functions = [f.value for f in Function if f not in (Function.ACADEMY_STAFF,)]
    regions = [r.value for r in Region]

    schools = [
        School(
            name=f"Scholengemeenschap {i}",
            brin_code=f"B{i:05d}",
            town=f"Plaats {i % 300}",
            school_types=rng.sample(["vmbo", "havo", "vwo", "pro"], 2),
        )
        for i in range(max(20, n["people"] // 40))
    ]
    _bulk(School, schools)
    schools = list(School.objects.order_by("id"))

    staff = User(
        email="staff@bench.test",
        first_name="Staf",
        last_name="Academie",
        function=Function.ACADEMY_STAFF,
        password=password,
        is_staff=True,
    )
    people = [staff] + [
        User(
            email=f"persoon{i}@bench.test",
            first_name=f"Voornaam{i}",
            last_name=f"Achternaam{i}",
            function=rng.choice(functions),
            school=rng.choice(schools),
            region=rng.choice(regions),
            password=password,
        )
        for i in range(n["people"])
    ]
    _bulk(User, people)
    people = list(User.objects.order_by("id"))
    staff = people[0]
    staff.groups.add(Group.objects.get_or_create(name="VO-academie")[0])
    members_pool = people[1:]

    statuses = [NetworkStatus.ACTIVE] * 7 + [
        NetworkStatus.GRANTED,
        NetworkStatus.SUBMITTED,
        NetworkStatus.DRAFT,
    ]
    networks = []
    for i in range(n["networks"]):
        start = today - datetime.timedelta(days=rng.randint(30, 700))
        networks.append(
            Network(
                name=f"Leernetwerk {i:04d}",
                slug=f"leernetwerk-{i:04d}",
                central_question="Hoe versterken we samen het leren in onze scholen?",
                theme=f"Thema {i % 37}",
                description="Een netwerk van schoolleiders.",
                target_group="Schoolleiders VO",
                access=rng.choice([Access.OPEN, Access.CLOSED]),
                status=rng.choice(statuses),
                start_date=start,
                planned_end_date=start + datetime.timedelta(days=730),
                meetings_per_year=rng.choice([3, 6]),
                meeting_form="Drie keer per jaar",
                contact_means=["buddy_groups"],
                field_statement="Vanuit het veld.",
                monitoring_consent=True,
            )
        )
    _bulk(Network, networks)
    networks = list(Network.objects.order_by("id"))
    competences = list(Competence.objects.all())
    through = Network.focus_competences.through
    _bulk(
        through,
        [through(network_id=net.id, competence_id=rng.choice(competences).id) for net in networks],
    )

    memberships = []
    per_network = max(8, len(members_pool) // len(networks))
    members_of: dict[int, list[int]] = {}
    for idx, net in enumerate(networks):
        chosen = [
            members_pool[(idx * per_network + k) % len(members_pool)] for k in range(per_network)
        ]
        members_of[net.id] = [p.id for p in chosen[2:]]
        memberships.append(
            Membership(
                person=chosen[0], network=net, role=Role.FACILITATOR, joined_on=net.start_date
            )
        )
        memberships.append(
            Membership(
                person=chosen[1], network=net, role=Role.PENVOERDER, joined_on=net.start_date
            )
        )
        for p in chosen[1:]:
            memberships.append(
                Membership(
                    person=p,
                    network=net,
                    role=Role.PARTICIPANT,
                    joined_on=net.start_date,
                    is_fixed=rng.random() > 0.1,
                )
            )
    _bulk(Membership, memberships)

    meetings = []
    for i in range(n["meetings"]):
        net = networks[i % len(networks)]
        k = i // len(networks)
        starts = timezone.make_aware(
            datetime.datetime.combine(
                net.start_date + datetime.timedelta(days=60 * k + 14), datetime.time(16, 0)
            )
        )
        meetings.append(
            Meeting(
                network=net,
                title=f"Bijeenkomst {k + 1}",
                theme="Leiderschap",
                starts_at=starts,
                ends_at=starts + datetime.timedelta(hours=3),
                location="Utrecht",
                academy_invited=(k == 0),
            )
        )
    _bulk(Meeting, meetings)
    attendance = []
    for m in Meeting.objects.filter(starts_at__lt=now).values("id", "network_id"):
        for pid in members_of[m["network_id"]]:
            attendance.append(
                Attendance(
                    meeting_id=m["id"],
                    person_id=pid,
                    status=rng.choice(["present"] * 4 + ["late", "absent", "excused"]),
                )
            )
            if len(attendance) >= BATCH * 4:
                _bulk(Attendance, attendance)
                attendance = []
    _bulk(Attendance, attendance)
    extra_meetings = _minutes_and_polls(rng, networks, members_of, now)

    questions = [
        LearningQuestion(
            owner=rng.choice(members_pool),
            title=f"Leervraag {i}",
            visibility=rng.choice(["private", "facilitator", "network"]),
        )
        for i in range(n["learning_questions"])
    ]
    _bulk(LearningQuestion, questions)
    qthrough = LearningQuestion.networks.through
    owner_net = {}
    for ms in Membership.objects.filter(role=Role.PARTICIPANT).values("person_id", "network_id"):
        owner_net.setdefault(ms["person_id"], ms["network_id"])
    rows = [
        qthrough(learningquestion_id=q.id, network_id=owner_net[q.owner_id])
        for q in LearningQuestion.objects.only("id", "owner_id")
        if q.owner_id in owner_net
    ]
    _bulk(qthrough, rows)

    from bench import generate_evaluations

    extra = generate_evaluations.generate(rng, networks, members_of, n, scale)

    counts = Counter()
    for model in (School, User, Network, Membership, Meeting, Attendance, LearningQuestion):
        counts[model._meta.label] = model.objects.count()
    counts.update(extra)
    counts.update(extra_meetings)
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    return dict(counts)
