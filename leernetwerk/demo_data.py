"""Demo data: the nine seed networks of *Samen leren in netwerken* (DOMAIN.md), their people,
schools, meetings and attendance, plus one demo login per role.

Idempotent: every row is looked up by a natural key (slug, e-mail address, BRIN code, network
and meeting title, meeting and person) and only saved when a value differs, so a second run
writes nothing (not even history rows). Random choices come from generators seeded per network,
so Faker gives the same people every time.

Dates: the publication describes the summer of 2015. To keep the demo alive, each network's
term is placed relative to the current month so that every supported network is running today,
in the order and with the terms the publication gives (Vrouwelijk Leiderschap 1 first, Moreel
Beraad en Bildung last); Eindverantwoordelijk Schoolleiders keeps its real start in 2006, and
the three networks in oprichting start in three months. A rerun in a later month moves the
dates along (updating rows, not adding them)."""

from __future__ import annotations

import datetime
import importlib
import random
import zlib
from dataclasses import dataclass, field
from zoneinfo import ZoneInfo

from django.conf import settings
from django.contrib.auth.models import Group, Permission
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify
from faker import Faker

from meetings.enums import AttendanceStatus
from meetings.models import Attendance, Meeting
from networks.enums import Access, ContactMeans, NetworkStatus, Role
from networks.models import Competence, Membership, Network
from participants.enums import Function, Region
from participants.models import School, User

DEMO_PASSWORD = "leernetwerk-demo"  # noqa: S105 -- published demo password, DEBUG only
DEMO_DOMAIN = "leernetwerk.test"
DEMO_LOGINS = {
    "staff": f"staff@{DEMO_DOMAIN}",
    "facilitator": f"facilitator@{DEMO_DOMAIN}",
    "penvoerder": f"penvoerder@{DEMO_DOMAIN}",
    "participant": f"participant@{DEMO_DOMAIN}",
}
EXTRA_APPS = ("networks", "meetings", "participants", "evaluations")
AMSTERDAM = ZoneInfo("Europe/Amsterdam")

F = Function


@dataclass(frozen=True)
class SchoolSeed:
    name: str
    town: str
    region: str
    types: tuple[str, ...] = ("havo", "vwo")


SCHOOLS = {
    "broklede": SchoolSeed("RSG Broklede", "Breukelen", Region.UTRECHT, ("vmbo", "havo", "vwo")),
    "assink": SchoolSeed(
        "Assink Lyceum", "Haaksbergen", Region.OVERIJSSEL, ("vmbo", "havo", "vwo")
    ),
    "notre-dame": SchoolSeed("Notre Dame des Anges", "Ubbergen", Region.GELDERLAND),
    "almere-college": SchoolSeed(
        "Almere College", "Dronten", Region.FLEVOLAND, ("pro", "vmbo", "havo", "vwo")
    ),
    "terra": SchoolSeed("Terra", "Eelde", Region.DRENTHE, ("vmbo",)),
    "trivium": SchoolSeed("Trivium College", "Amersfoort", Region.UTRECHT, ("vmbo", "havo", "vwo")),
    "van-der-meij": SchoolSeed("Van der Meij College", "Alkmaar", Region.NOORD_HOLLAND, ("vmbo",)),
    "guido": SchoolSeed("Guido de Brès", "Amersfoort", Region.UTRECHT),
    "dingstede": SchoolSeed("CSG Dingstede", "Meppel", Region.DRENTHE, ("vmbo", "havo", "vwo")),
    "farel": SchoolSeed(
        "Farel College", "Amersfoort", Region.UTRECHT, ("havo", "vwo", "gymnasium")
    ),
    "ol-zeist": SchoolSeed("Openbaar Lyceum Zeist", "Zeist", Region.UTRECHT, ("havo", "vwo")),
    "hyperion": SchoolSeed("Hyperion Lyceum", "Amsterdam", Region.NOORD_HOLLAND, ("vwo",)),
    "regius": SchoolSeed(
        "Regius College", "Schagen", Region.NOORD_HOLLAND, ("vmbo", "havo", "vwo")
    ),
    "fabritius": SchoolSeed("PCC Fabritius", "Alkmaar", Region.NOORD_HOLLAND, ("havo", "vwo")),
}


@dataclass(frozen=True)
class PersonSeed:
    first: str
    last: str
    function: str
    school: str | None  # key in SCHOOLS
    email: str | None = None  # defaults to first.last@demo domain


PEOPLE = {
    "coenders": PersonSeed("Marc", "Coenders", F.ADVISER, None),
    "beekman": PersonSeed("Jan Paul", "Beekman", F.RECTOR, "broklede"),
    "geurtzen": PersonSeed("Jozef", "Geurtzen", F.BOARD_MEMBER, "assink"),
    "van-deutekom": PersonSeed("Marij", "van Deutekom", F.RECTOR, "notre-dame"),
    "neeleman": PersonSeed("Annemarie", "Neeleman", F.ADVISER, None, DEMO_LOGINS["facilitator"]),
    "schoones": PersonSeed(
        "Jacqueline", "Schoones", F.DEPARTMENT_HEAD, "almere-college", DEMO_LOGINS["participant"]
    ),
    "elferink": PersonSeed("Karin", "Elferink", F.TEAM_LEADER, "terra"),
    "verbeek": PersonSeed("Brigit", "Verbeek", F.ADVISER, None),
    "verweij": PersonSeed(
        "Ella", "Verweij", F.DEPARTMENT_HEAD, "trivium", DEMO_LOGINS["penvoerder"]
    ),
    "croes": PersonSeed("Maud", "Croes", F.RECTOR, "van-der-meij"),
    "brands": PersonSeed("Wim", "Brands", F.DEPUTY_DIRECTOR, "guido"),
    "lenssen": PersonSeed("Leo", "Lenssen", F.ADVISER, None),
    "neuvel": PersonSeed("Koos", "Neuvel", F.BOARD_MEMBER, "dingstede"),
    "van-delden": PersonSeed("Trijntje", "van Delden", F.COORDINATOR, "dingstede"),
    "sijbom": PersonSeed("Marga", "Sijbom", F.TEAM_LEADER, "dingstede"),
    "middelhoek": PersonSeed("Dick", "Middelhoek", F.ADVISER, None),
    "van-der-leij": PersonSeed("Thijs Jan", "van der Leij", F.RECTOR, "farel"),
    "pedroli": PersonSeed("Carlo", "Pedroli", F.RECTOR, "ol-zeist"),
    "loman": PersonSeed("Elly", "Loman", F.RECTOR, "hyperion"),
    "de-schepper": PersonSeed("Tineke", "de Schepper", F.BOARD_MEMBER, "regius"),
    "ansink": PersonSeed("Harold", "Ansink", F.SECTOR_DIRECTOR, "fabritius"),
    "inspirezzo": PersonSeed("", "Inspirezzo", F.ADVISER, None, "facilitator@inspirezzo.test"),
}


@dataclass(frozen=True)
class MeetingPlan:
    """A rhythm: how many meetings a year, and the (start hour, hours) of each in turn."""

    per_year: int
    slots: tuple[tuple[int, int], ...]
    form: str


@dataclass
class NetworkSeed:
    name: str
    slug: str
    theme: str
    central_question: str
    description: str
    target_group: str
    access: str
    status: str
    start: datetime.date
    end: datetime.date
    plan: MeetingPlan
    participants: int
    facilitators: list[str]
    penvoerders: list[str]
    named_participants: list[str]
    competences: list[int]
    contact_means: list[str]
    contact_other: str = ""
    field_statement: str = ""
    meeting_themes: list[str] = field(default_factory=list)
    women_only: bool = False
    schools_of: int = 0  # a network of schools: this many schools, 2-4 participants each
    total_meetings: int = 0  # spread this many over the term instead of per_year
    functions: tuple[str, ...] = (F.RECTOR, F.DEPUTY_DIRECTOR, F.SECTOR_DIRECTOR, F.TEAM_LEADER)


def _month(offset: int, day: int = 1) -> datetime.date:
    """A day in the month `offset` months from the current one (negative: earlier)."""
    today = timezone.localdate()
    year, month = divmod(today.month - 1 + offset, 12)
    return datetime.date(today.year + year, month + 1, day)


def network_seeds() -> list[NetworkSeed]:
    """The nine networks of DOMAIN.md with the facts of chapters 4-9 of the first seed."""
    in_oprichting = {
        "theme_target": "Schoolleiders en bestuurders in het voortgezet onderwijs",
        "status": NetworkStatus.GRANTED,
        "access": Access.OPEN,
        "start": _month(3),
        "end": _month(21),
        "plan": MeetingPlan(
            4, ((9, 4), (13, 4)), "Zes bijeenkomsten van een dagdeel in anderhalf jaar"
        ),
        "facilitators": ["inspirezzo"],
        "penvoerders": ["pedroli", "loman", "de-schepper", "ansink"],
        "contact_means": [ContactMeans.LINKEDIN, ContactMeans.PLATFORM],
        "contact_other": "Twitter, een website met blogs, vlogs en nieuwsbrieven",
        "total_meetings": 6,
        "field_statement": (
            "Initiatief van de beweging Directeuren met Durf: schoolleiders willen zelf het "
            "initiatief nemen in plaats van te reageren op wat op het onderwijs afkomt."
        ),
    }
    vl_common = {
        "access": Access.CLOSED,
        "status": NetworkStatus.ACTIVE,
        "plan": MeetingPlan(3, ((16, 3),), "Drie keer per jaar, 16:00-19:00"),
        "facilitators": ["neeleman"],
        "target_group": (
            "Vrouwelijke school- en teamleiders met ambitie en vrouwelijke bestuurders als "
            "ervaringsdeskundige en rolmodel"
        ),
        "competences": [1, 3],
        "contact_means": [ContactMeans.BUDDY_GROUPS],
        "field_statement": "Een sterke, door het veld geuite behoefte aan een netwerk over vrouwelijk leiderschap.",
        "women_only": True,
        "functions": (
            F.TEAM_LEADER,
            F.DEPARTMENT_HEAD,
            F.RECTOR,
            F.DEPUTY_DIRECTOR,
            F.BOARD_MEMBER,
        ),
    }
    vl_themes = [
        "Mannen en vrouwen als ondernemers (gastspreker Mirella Visser)",
        "Hoe kwam je op een leidinggevende plek, en wat hielp of werkte tegen?",
        "Werk en thuis: harde keuzes die je blij maken",
        "Wat laat je zien aan kwetsbaarheid, en wat niet?",
        "Een opleiding volgen: heb ik het echt nodig?",
        "Mannelijke en vrouwelijke eigenschappen van een schoolleider",
    ]
    today = timezone.localdate()
    return [
        NetworkSeed(
            name="Eindverantwoordelijk Schoolleiders",
            slug="eindverantwoordelijk-schoolleiders",
            theme="Leiderschap en organisatiedynamica",
            central_question="Waardoor wordt de kwaliteit van mijn leiderschap nu echt vergroot?",
            description=(
                "Ontstaan in de traditie van ISIS. De leidinggevende is baas aan de buitenkant en "
                "medewerker aan de binnenkant van de school. Met het gedachtengoed van onder "
                "anderen Thijs Homan en Jaap Peters vertalen de deelnemers thema's steeds naar de "
                "rol en de impact van de schoolleider. Een leernetwerk, geen uitwisselingsnetwerk."
            ),
            target_group="Ervaren eindverantwoordelijke schoolleiders en aankomende schoolleiders",
            access=Access.OPEN,
            status=NetworkStatus.ACTIVE,
            start=datetime.date(2006, 9, 1),
            end=datetime.date(today.year + 2, 8, 31),
            plan=MeetingPlan(2, ((14, 24),), "Twee keer per jaar een bijeenkomst van 24 uur"),
            participants=15,
            facilitators=["coenders"],
            penvoerders=["beekman"],
            named_participants=["beekman", "geurtzen", "van-deutekom"],
            competences=[1, 3],
            contact_means=[ContactMeans.EMAIL],
            field_statement=(
                "Toen ISIS ophield, namen deelnemers het heft in eigen hand en gingen door."
            ),
            meeting_themes=[
                "De valkuil van het even regelen (gastspreker Thijs Homan)",
                "De onderstroom en de geplande werkelijkheid (Jaap Peters)",
                "Deugden en integriteit als schoolleider (Paul van Tongeren)",
                "Werken vanuit de bedoeling (Wouter Hart)",
                "Leidinggeven aan eerstegraads leraren",
                "Improvisatie uit het theater",
            ],
        ),
        NetworkSeed(
            name="Vrouwelijk Leiderschap 1",
            slug="vrouwelijk-leiderschap-1",
            theme="Vrouwelijk leiderschap in het onderwijs",
            central_question=(
                "Wat zijn de kenmerken van vrouwelijk leiderschap, en wat betekenen ze voor het "
                "dagelijkse leiderschap op de eigen school?"
            ),
            description=(
                "Een diverse groep vrouwelijke onderwijsprofessionals verkent met elkaar en met "
                "experts vrouwelijk leiderschap. Geen praatclubje: de bijeenkomsten bestaan uit "
                "lezingen van externe sprekers en ingebrachte eigen cases. Bewust gesloten."
            ),
            start=_month(-20),
            end=_month(16),
            participants=21,
            penvoerders=[],
            named_participants=["schoones"],
            meeting_themes=vl_themes,
            **vl_common,
        ),
        NetworkSeed(
            name="Vrouwelijk Leiderschap 2",
            slug="vrouwelijk-leiderschap-2",
            theme="Onderwijskundig leiderschap door vrouwelijke leidinggevenden",
            central_question=(
                "Hoe geven vrouwelijke leidinggevenden vorm aan onderwijskundig leiderschap?"
            ),
            description=(
                "Het tweede netwerk voor dezelfde doelgroep, gestart omdat het eerste zo snel vol "
                "zat. Het kijkt meer naar onderwijskundig leiderschap. Tussen de bijeenkomsten "
                "treffen de leden elkaar in intervisiegroepjes van twee tot vijf. Bewust gesloten."
            ),
            start=_month(-14),
            end=_month(22),
            participants=22,
            penvoerders=[],
            named_participants=["elferink"],
            meeting_themes=list(reversed(vl_themes)),
            **vl_common,
        ),
        NetworkSeed(
            name="Verbindend Vernieuwen",
            slug="verbindend-vernieuwen",
            theme="Organisatieontwikkeling en leiderschap van het niet-weten",
            central_question=(
                "Hoe kun je vanuit bestaande systemen toch innoveren, en welk leiderschap vraagt "
                "die vernieuwing?"
            ),
            description=(
                "Ervaren leidinggevenden met invloed op organisatieontwikkeling en het primaire "
                "proces inspireren elkaar om binnen de eigen organisatie het onderwijs te "
                "vernieuwen. Bij elke bijeenkomst gastsprekers; ieder werkt aan een eigen "
                "vernieuwingsvraagstuk."
            ),
            target_group="Ervaren schoolleiders met een voortrekkersrol in hun organisatie",
            access=Access.OPEN,
            status=NetworkStatus.ACTIVE,
            start=_month(-10, 15),
            end=_month(14, 15),
            plan=MeetingPlan(
                3,
                ((9, 8), (14, 24)),
                "Drie keer per jaar; bijeenkomsten van 8 en 24 uur wisselen elkaar af",
            ),
            participants=20,
            facilitators=["verbeek"],
            penvoerders=["verweij"],
            named_participants=["verweij", "croes", "brands", "schoones"],
            competences=[1, 4],
            contact_means=[ContactMeans.PLATFORM],
            contact_other="Slack",
            field_statement=(
                "Na de leergang hoger management wilde de penvoerder buiten de eigen school "
                "sparren met gelijkgestemden; de oproep kreeg enorm veel reacties."
            ),
            meeting_themes=[
                "Wat is een netwerk, en welke rollen zijn er?",
                "Leren van start-ups bij B.Amsterdam: fouten maken moet",
                "Simulatie: het systeem is sterker dan het individu",
                "Een ander design dat ander gedrag oproept",
                "Partners buiten het vmbo binden aan vernieuwing",
                "Out-of-the-box: vernieuwen buiten de kaders",
            ],
        ),
        NetworkSeed(
            name="Ondernemend Leren",
            slug="ondernemend-leren",
            theme="Onderwijskundig leiderschap in de praktijk van Ondernemend Leren",
            central_question=(
                "Hoe vormen schoolleiders, teamleiders, coördinatoren en docenten samen een keten "
                "die ondernemend leren in de school verankert?"
            ),
            description=(
                "Een netwerk van scholen, niet van individuen: twee tot vier deelnemers per school, "
                "van bestuurder tot docent, veelal van Entreprenasiumscholen. Elke bijeenkomst "
                "heeft een inhoudelijk thema; een eigen wiki is het portfolio van het netwerk. "
                "Elke deelnemer volgt een ontwikkeltraject op de vijf competenties (BC-Scan)."
            ),
            target_group="Teams van Entreprenasiumscholen: bestuurders, schoolleiders, teamleiders en docenten",
            access=Access.OPEN,
            status=NetworkStatus.ACTIVE,
            start=_month(-7),
            end=_month(5),
            plan=MeetingPlan(
                6,
                ((13, 4), (9, 8), (15, 2), (13, 4), (9, 6), (14, 3)),
                "Zes bijeenkomsten van 2 tot 8 uur",
            ),
            participants=25,
            facilitators=["lenssen"],
            penvoerders=["neuvel"],
            named_participants=["neuvel", "van-delden", "sijbom"],
            competences=[1, 2, 3, 4, 5],
            contact_means=[ContactMeans.PLATFORM, ContactMeans.SCHOOL_VISITS],
            contact_other="Wiki-platform (portfolio van het netwerk)",
            field_statement=(
                "De Entreprenasiumscholen stelden vast dat de onderlinge uitwisseling van "
                "ervaringen en expertise onvoldoende was."
            ),
            meeting_themes=[
                "Onderwijskundig leiderschap en de BC-Scan",
                "Betrokkenheid van leerlingen binnen de school",
                "Kwaliteitszorg rond het Entreprenasium",
                "Scholing van docenten: de leerling als zender",
                "Het e-portfolio (gastspreker)",
                "Leerlingsturing zichtbaar maken in elke les",
            ],
            schools_of=8,
            total_meetings=6,
            functions=(F.BOARD_MEMBER, F.RECTOR, F.TEAM_LEADER, F.COORDINATOR, F.TEACHER),
        ),
        NetworkSeed(
            name="Moreel Beraad en Bildung",
            slug="moreel-beraad-en-bildung",
            theme="Moreel beraad, moreel leiderschap en Bildung",
            central_question=(
                "Hoe maak je een eigen visie op leren, vorming en onderwijs beter zichtbaar in de "
                "school, en hoe ga je om met dagelijkse morele dilemma's?"
            ),
            description=(
                "Schoolleiders verkennen wat moreel, amoreel en immoreel gedrag is, hoe "
                "denkvaardigheden en gesprekstechnieken helpen en welke oplossingen passen bij "
                "dagelijkse dilemma's. Een rustig netwerk: het debat en het grote gelijk blijven "
                "thuis. Bij meer inschrijvingen start een tweede netwerk."
            ),
            target_group="Schoolleiders in het voortgezet onderwijs (12-20)",
            access=Access.OPEN,
            status=NetworkStatus.ACTIVE,
            start=_month(-2),
            end=_month(8, 15),
            plan=MeetingPlan(6, ((13, 4),), "Zes bijeenkomsten van 4 uur in een schooljaar"),
            participants=16,
            facilitators=["middelhoek"],
            penvoerders=["van-der-leij"],
            named_participants=["van-der-leij"],
            total_meetings=6,
            competences=[1, 5],
            contact_means=[ContactMeans.BUDDY_GROUPS],
            field_statement=(
                "Scholen nemen en krijgen weinig tijd om te praten over grote vragen; het "
                "onderwijs dreigt te verworden tot rendementsdenken."
            ),
            meeting_themes=[
                "Moreel, amoreel en immoreel gedrag",
                "De vier deugden en de invulling van goed en kwaad",
                "Het kind dat de klas keer op keer verstoort",
                "Bildung: klaar voor de volgende stap?",
                "Gesprekstechnieken voor moreel beraad",
                "Niet voor de winst (Martha Nussbaum)",
            ],
        ),
        NetworkSeed(
            name="Persoonlijk Leiderschap",
            slug="persoonlijk-leiderschap",
            theme="Persoonlijk leiderschap",
            central_question=(
                "Wie ben je als leider, hoe word je je bewust van je effect op anderen en hoe ga "
                "je om met de spanning tussen tactisch en strategisch leiderschap?"
            ),
            description=(
                "Een van de drie leernetwerken van Directeuren met Durf, in oprichting met de "
                "VO-academie. De drie netwerken worden met elkaar verbonden via sociale media."
            ),
            target_group=in_oprichting["theme_target"],
            participants=8,
            named_participants=[],
            competences=[1, 3],
            meeting_themes=[
                "Wie ben ik als leider?",
                "Mijn effect op anderen",
                "Tactisch en strategisch leiderschap",
                "Jezelf goed inzetten als leider",
                "Feedback vragen en ontvangen",
                "Opbrengsten delen met de andere netwerken",
            ],
            **{k: v for k, v in in_oprichting.items() if k != "theme_target"},
        ),
        NetworkSeed(
            name="Smart Government",
            slug="smart-government",
            theme="Leren van andere publieke sectoren en slim organiseren",
            central_question=(
                "Wat kan het onderwijs leren van andere sectoren over slim organiseren, "
                "participatie van ouders en het gebruik van informatietechnologie en data?"
            ),
            description=(
                "Een van de drie leernetwerken van Directeuren met Durf, in oprichting met de "
                "VO-academie: kijken naar het bedrijfsleven en andere publieke sectoren."
            ),
            target_group=in_oprichting["theme_target"],
            participants=7,
            named_participants=[],
            competences=[4, 5],
            meeting_themes=[
                "Wat doen andere publieke sectoren anders?",
                "Participatie van ouders en andere partijen",
                "Slimmer gebruik van informatietechnologie",
                "Werken met data",
                "Andere manieren van organiseren",
                "Opbrengsten delen met de andere netwerken",
            ],
            **{k: v for k, v in in_oprichting.items() if k != "theme_target"},
        ),
        NetworkSeed(
            name="Leidinggeven aan onderwijs van onderop",
            slug="leidinggeven-aan-onderwijs-van-onderop",
            theme="Eigenaarschap van leraren",
            central_question=(
                "Hoe organiseer je als directeur dat leraren eigenaar zijn van hun eigen "
                "onderwijs, en wat vraagt dat van schoolleiders?"
            ),
            description=(
                "Een van de drie leernetwerken van Directeuren met Durf, in oprichting met de "
                "VO-academie: onderwijs van onderop vernieuwen en docenten daarin faciliteren."
            ),
            target_group=in_oprichting["theme_target"],
            participants=9,
            named_participants=[],
            competences=[2, 3],
            meeting_themes=[
                "Leraren als eigenaar van hun onderwijs",
                "Slaaf van de methode? Het ambacht van lesgeven",
                "Van rentmeester naar initiator",
                "Ruimte geven binnen de kaders",
                "Docenten faciliteren van onderop",
                "Opbrengsten delen met de andere netwerken",
            ],
            **{k: v for k, v in in_oprichting.items() if k != "theme_target"},
        ),
    ]


# --- writing helpers ----------------------------------------------------------------------


class Stats(dict):
    def bump(self, key: str) -> None:
        self[key] = self.get(key, 0) + 1


def _upsert(model, lookup: dict, values: dict, stats: Stats):
    """Create the row, or update it only where a value differs (no needless saves)."""
    obj = model.objects.filter(**lookup).first()
    if obj is None:
        obj = model.objects.create(**lookup, **values)
        stats.bump(f"{model._meta.model_name} created")
        return obj
    changed = [k for k, v in values.items() if getattr(obj, k) != v]
    if changed:
        for key in changed:
            setattr(obj, key, values[key])
        obj.save(update_fields=changed)
        stats.bump(f"{model._meta.model_name} updated")
    return obj


def _rng(*parts) -> random.Random:
    return random.Random(zlib.crc32("/".join(map(str, parts)).encode()))


def _faker(*parts) -> Faker:
    fake = Faker("nl_NL")
    fake.seed_instance(zlib.crc32("/".join(map(str, parts)).encode()))
    return fake


def _brin(index: int) -> str:
    """Invented BRIN-style codes (two digits, two letters), unique per index."""
    return f"{90 + index // 676:02d}{chr(65 + index // 26 % 26)}{chr(65 + index % 26)}"


REGION_BY_PROVINCE = {
    "Groningen": Region.GRONINGEN,
    "Friesland": Region.FRIESLAND,
    "Drenthe": Region.DRENTHE,
    "Overijssel": Region.OVERIJSSEL,
    "Flevoland": Region.FLEVOLAND,
    "Gelderland": Region.GELDERLAND,
    "Utrecht": Region.UTRECHT,
    "Noord-Holland": Region.NOORD_HOLLAND,
    "Zuid-Holland": Region.ZUID_HOLLAND,
    "Zeeland": Region.ZEELAND,
    "Noord-Brabant": Region.NOORD_BRABANT,
    "Limburg": Region.LIMBURG,
}
SCHOOL_PATTERNS = (
    "{city} College",
    "Scholengemeenschap {city}",
    "Lyceum {city}",
    "Christelijk College {city}",
    "{last} College",
    "Openbare Scholengemeenschap {city}",
    "Het {last} Lyceum",
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
            from leernetwerk.accounts.services import mark_address_verified

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
        city = fake.city()
        pattern = rng.choice(SCHOOL_PATTERNS)
        name = pattern.format(city=city, last=fake.last_name().split(" ")[-1].capitalize())
        key = f"faker:{name}"
        if key not in self.schools:
            region = REGION_BY_PROVINCE.get(fake.province(), Region.UTRECHT)
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


def run_app_extras() -> list[str]:
    """Call `seed_demo_extras()` of each app's optional `demo` module, in the agreed order."""
    ran = []
    for app in EXTRA_APPS:
        try:
            module = importlib.import_module(f"{app}.demo")
        except ModuleNotFoundError as exc:
            if exc.name != f"{app}.demo":
                raise
            continue
        module.seed_demo_extras()
        ran.append(app)
    return ran


def seed_demo(*, extras: bool = True) -> Stats:
    """Load the demo data (see the module docstring). Safe to run any number of times."""
    with transaction.atomic():
        stats = DemoSeeder().run()
        if extras:
            stats["extras"] = run_app_extras()
    return stats
