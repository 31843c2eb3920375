"""Writes the demo rows: schools, people, the staff group, networks, memberships, meetings and
attendance. Every row is upserted by a natural key, so a second run writes nothing."""

from __future__ import annotations

import datetime
import random

from django.conf import settings
from django.contrib.auth.models import Group, Permission
from django.utils import timezone
from django.utils.text import slugify
from faker import Faker

from leernetwerk.accounts.services import mark_address_verified
from meetings.enums import AttendanceStatus
from meetings.models import Attendance, Meeting
from networks.enums import Access, NetworkStatus, Role
from networks.models import Competence, Membership, Network
from participants.enums import Function as F
from participants.enums import Region
from participants.models import School, User

from .networks import network_seeds
from .rows import Stats, _brin, _faker, _rng, _upsert
from .seeds import (
    AMSTERDAM,
    DEMO_DOMAIN,
    DEMO_LOGINS,
    DEMO_PASSWORD,
    PEOPLE,
    SCHOOL_PATTERNS,
    SCHOOLS,
    TOWNS_BY_REGION,
    NetworkSeed,
    SchoolSeed,
    _month,
)


class DemoSeeder:
    def __init__(self) -> None:
        self.stats = Stats()
        self.today = timezone.localdate()
        self.now = timezone.now()
        self.schools: dict[str, School] = {}
        self.people: dict[str, User] = {}
        self.emails_used: set[str] = set()
        self.school_index = 0
        self._school_regions: dict[int, str] = {}

    # schools and people

    def school(self, key: str, seed: SchoolSeed) -> School:
        if key not in self.schools:
            self.schools[key] = _upsert(
                School,
                {"brin_code": _brin(self.school_index)},
                {
                    "name": seed.name,
                    "town": seed.town,
                    "school_types": list(seed.types),
                    "is_vo": True,
                    "is_approved": True,
                },
                self.stats,
            )
            self.school_index += 1
        return self.schools[key]

    def person(self, email: str, values: dict, *, password: str | None = None) -> User:
        email = email.lower()
        self.emails_used.add(email)
        user = _upsert(User, {"email": email}, values, self.stats)
        if password and not user.check_password(password):
            user.set_password(password)
            user.save(update_fields=["password"])
        elif not password and not user.password:
            # A fixed unusable marker (cannot match any hash), so reruns see identical rows.
            user.password = "!demo-no-password"  # noqa: S105 -- unusable marker
            user.save(update_fields=["password"])
        if password:
            # Demo logins sign in at once: their address counts as verified (allauth).
            mark_address_verified(user)
        return user

    def named(self, key: str) -> User:
        if key not in self.people:
            seed = PEOPLE[key]
            school = self.school(seed.school, SCHOOLS[seed.school]) if seed.school else None
            email = (
                seed.email
                or f"{slugify(seed.first)}.{slugify(seed.last)}@demo.{DEMO_DOMAIN}".replace("-", "")
            )
            is_demo_login = email in DEMO_LOGINS.values()
            self.people[key] = self.person(
                email,
                {
                    "first_name": seed.first,
                    "last_name": seed.last,
                    "function": seed.function,
                    "school": school,
                    "region": SCHOOLS[seed.school].region if seed.school else "",
                },
                password=DEMO_PASSWORD if is_demo_login else None,
            )
        return self.people[key]

    def staff(self) -> User:
        group, _ = Group.objects.get_or_create(name=settings.ACADEMY_STAFF_GROUP)
        wanted = set(
            Permission.objects.filter(
                content_type__app_label__in=["networks", "participants", "meetings", "evaluations"]
            ).values_list("pk", flat=True)
        )
        if set(group.permissions.values_list("pk", flat=True)) != wanted:
            group.permissions.set(wanted)
        user = self.person(
            DEMO_LOGINS["staff"],
            {
                "first_name": "Sanne",
                "last_name": "Visser",
                "function": F.ACADEMY_STAFF,
                "school": None,
                "region": "",
                "is_staff": True,
            },
            password=DEMO_PASSWORD,
        )
        if not user.groups.filter(pk=group.pk).exists():
            user.groups.add(group)
        return user

    def faker_school(self, fake: Faker, rng: random.Random) -> School:
        region = rng.choice(sorted(TOWNS_BY_REGION))
        city = rng.choice(TOWNS_BY_REGION[region])
        pattern = rng.choice(SCHOOL_PATTERNS)
        name = pattern.format(city=city, last=fake.last_name().split(" ")[-1].capitalize())
        key = f"faker:{name}"
        if key not in self.schools:
            self.schools[key] = _upsert(
                School,
                {"brin_code": _brin(self.school_index)},
                {
                    "name": name,
                    "town": city,
                    "school_types": sorted(rng.sample(["vmbo", "havo", "vwo", "gymnasium"], 2)),
                    "is_vo": True,
                    "is_approved": True,
                },
                self.stats,
            )
            self.school_index += 1
            self._school_regions[self.schools[key].pk] = region
        return self.schools[key]

    def faker_person(
        self, fake: Faker, rng: random.Random, *, women: bool, function: str, school: School
    ) -> User:
        first = fake.first_name_female() if women or rng.random() < 0.5 else fake.first_name_male()
        last = fake.last_name()
        local = f"{slugify(first)}.{slugify(last)}".replace("-", "")
        email = f"{local}@demo.{DEMO_DOMAIN}"
        n = 2
        while email in self.emails_used:
            email = f"{local}{n}@demo.{DEMO_DOMAIN}"
            n += 1
        return self.person(
            email,
            {
                "first_name": first,
                "last_name": last,
                "function": function,
                "school": school,
                "region": self._school_regions.get(school.pk, Region.UTRECHT),
            },
        )

    # networks

    def network(self, seed: NetworkSeed) -> Network:
        network = _upsert(
            Network,
            {"slug": seed.slug},
            {
                "name": seed.name,
                "short_name": seed.short_name,
                "theme": seed.theme,
                "central_question": seed.central_question,
                "description": seed.description,
                "target_group": seed.target_group,
                "access": seed.access,
                "status": seed.status,
                "start_date": seed.start,
                "planned_end_date": seed.end,
                "meetings_per_year": seed.plan.per_year,
                "meeting_form": seed.plan.form,
                "contact_means": list(seed.contact_means),
                "contact_other": seed.contact_other,
                "field_statement": seed.field_statement,
                "monitoring_consent": True,
                "listed_in_directory": True,
            },
            self.stats,
        )
        wanted = set(
            Competence.objects.filter(number__in=seed.competences).values_list("pk", flat=True)
        )
        if set(network.focus_competences.values_list("pk", flat=True)) != wanted:
            network.focus_competences.set(wanted)
        return network

    def join_date(self, seed: NetworkSeed, rng: random.Random) -> datetime.date:
        if seed.status == NetworkStatus.GRANTED:
            # Registered before the start, so they count as members already.
            return _month(-2) + datetime.timedelta(days=rng.randint(0, 45))
        if seed.access == Access.CLOSED or seed.start > self.today - datetime.timedelta(days=365):
            return seed.start
        latest = _month(-1)
        span = (latest - seed.start).days
        return seed.start + datetime.timedelta(days=rng.randint(0, max(span, 0)))

    def membership(self, network: Network, person: User, role: str, joined: datetime.date) -> None:
        _upsert(
            Membership,
            {"person": person, "network": network, "role": role},
            {"is_fixed": True, "joined_on": joined, "left_on": None},
            self.stats,
        )

    def members(self, seed: NetworkSeed, network: Network) -> list[tuple[User, datetime.date]]:
        """Facilitators, penvoerders and participants; returns (person, joined) of participants."""
        rng = _rng("members", seed.slug)
        fake = _faker("people", seed.slug)
        organiser_join = seed.start if seed.status != NetworkStatus.GRANTED else _month(-3)
        for key in seed.facilitators:
            self.membership(network, self.named(key), Role.FACILITATOR, organiser_join)
        for key in seed.penvoerders:
            self.membership(network, self.named(key), Role.PENVOERDER, organiser_join)
        participants: list[tuple[User, datetime.date]] = []
        for key in seed.named_participants:
            joined = seed.start if key != "van-deutekom" else datetime.date(2007, 3, 1)
            participants.append((self.named(key), joined))
        if seed.schools_of:
            # A network of schools: the named school first, then 2-4 people per other school.
            schools = [self.school("dingstede", SCHOOLS["dingstede"])]
            while len(schools) < seed.schools_of:
                schools.append(self.faker_school(fake, rng))
            per_school = [3] + [rng.randint(2, 4) for _ in schools[1:]]
            while sum(per_school) > seed.participants:
                i = per_school.index(max(per_school))
                per_school[i] -= 1
            while sum(per_school) < seed.participants:
                i = per_school.index(min(per_school))
                per_school[i] += 1
            plan = [
                (s, n - (len(seed.named_participants) if i == 0 else 0))
                for i, (s, n) in enumerate(zip(schools, per_school, strict=True))
            ]
            for school, count in plan:
                for _ in range(max(count, 0)):
                    person = self.faker_person(
                        fake, rng, women=False, function=rng.choice(seed.functions), school=school
                    )
                    participants.append((person, seed.start))
        while len(participants) < seed.participants:
            person = self.faker_person(
                fake,
                rng,
                women=seed.women_only,
                function=rng.choice(seed.functions),
                school=self.faker_school(fake, rng),
            )
            participants.append((person, self.join_date(seed, rng)))
        for person, joined in participants:
            self.membership(network, person, Role.PARTICIPANT, joined)
        return participants

    # meetings

    def meeting_starts(self, seed: NetworkSeed) -> list[datetime.date]:
        """Meeting days from the rhythm: for the long-running network two years back and
        one ahead, otherwise across the planned term. Each falls on a Thursday."""
        if seed.start.year < 2010:
            first = datetime.date(self.today.year - 2, 3, 10)
            last = datetime.date(self.today.year + 1, 12, 31)
        else:
            first = seed.start + datetime.timedelta(days=14)
            last = seed.end
        step = datetime.timedelta(days=round(365 / seed.plan.per_year))
        if seed.total_meetings:
            step = (last - first) / seed.total_meetings
        days, day = [], first
        while day < last and len(days) < (seed.total_meetings or 12):
            days.append(day + datetime.timedelta(days=(3 - day.weekday()) % 7))
            day += step
        return days

    def meetings(
        self, seed: NetworkSeed, network: Network, participants: list[tuple[User, datetime.date]]
    ) -> None:
        rng = _rng("meetings", seed.slug)
        facilitators = [self.named(k) for k in seed.facilitators]
        for number, day in enumerate(self.meeting_starts(seed), start=1):
            start_hour, hours = seed.plan.slots[(number - 1) % len(seed.plan.slots)]
            starts_at = datetime.datetime.combine(day, datetime.time(start_hour), AMSTERDAM)
            ends_at = starts_at + datetime.timedelta(hours=hours)
            theme = seed.meeting_themes[(number - 1) % len(seed.meeting_themes)]
            next_theme = seed.meeting_themes[number % len(seed.meeting_themes)]
            held = ends_at < self.now
            meeting = _upsert(
                Meeting,
                {"network": network, "title": f"Bijeenkomst {number}"},
                {
                    "theme": theme,
                    "starts_at": starts_at,
                    "ends_at": ends_at,
                    "location": rng.choice(
                        ["Utrecht", "Amersfoort", "Zeist", "Amsterdam", "Zwolle"]
                    ),
                    "form": seed.plan.form,
                    "academy_invited": number == 1,
                    "next_theme": next_theme if held else "",
                    "agenda": f"Casussen van deelnemers en een verdieping op: {theme}.",
                },
                self.stats,
            )
            present = [p for p, joined in participants if joined <= day]
            prep = set(p.pk for p in rng.sample(present, min(3, len(present))))
            if set(meeting.preparation_group.values_list("pk", flat=True)) != prep:
                meeting.preparation_group.set(prep)
            if not held:
                continue
            for person in facilitators + present:
                roll = rng.random()
                status = (
                    AttendanceStatus.PRESENT
                    if roll < 0.85
                    else AttendanceStatus.EXCUSED
                    if roll < 0.95
                    else AttendanceStatus.ABSENT
                )
                if person in facilitators:
                    status = AttendanceStatus.PRESENT
                _upsert(
                    Attendance,
                    {"meeting": meeting, "person": person},
                    {"status": status},
                    self.stats,
                )

    def run(self) -> Stats:
        self.staff()
        for seed in network_seeds():
            network = self.network(seed)
            participants = self.members(seed, network)
            self.meetings(seed, network, participants)
        return self.stats
