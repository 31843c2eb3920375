"""The fixed facts of the demo: the schools, people and network rhythms that *Samen leren in
netwerken* names (see docs/domain.md), and the demo logins. Plain data, no database access."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from zoneinfo import ZoneInfo

from django.utils import timezone

from participants.enums import Function, Region

DEMO_PASSWORD = "leernetwerk-demo"  # noqa: S105 -- published demo password, DEBUG only
DEMO_DOMAIN = "leernetwerk.test"
DEMO_LOGINS = {
    "staff": f"staff@{DEMO_DOMAIN}",
    "facilitator": f"facilitator@{DEMO_DOMAIN}",
    "penvoerder": f"penvoerder@{DEMO_DOMAIN}",
    "participant": f"participant@{DEMO_DOMAIN}",
}
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
    short_name: str = ""  # calendar titles and mail subjects (both VL networks meet alike)
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


# Towns by province, so a made-up school's town and its people's region agree (not
# "Waalwijk, Friesland"): the demo picks a province, then one of its towns.
TOWNS_BY_REGION = {
    Region.GRONINGEN: ("Groningen", "Winschoten", "Veendam", "Delfzijl"),
    Region.FRIESLAND: ("Leeuwarden", "Sneek", "Heerenveen", "Drachten"),
    Region.DRENTHE: ("Assen", "Emmen", "Hoogeveen", "Meppel"),
    Region.OVERIJSSEL: ("Zwolle", "Enschede", "Deventer", "Almelo"),
    Region.FLEVOLAND: ("Almere", "Lelystad", "Emmeloord", "Dronten"),
    Region.GELDERLAND: ("Arnhem", "Nijmegen", "Apeldoorn", "Ede"),
    Region.UTRECHT: ("Utrecht", "Amersfoort", "Zeist", "Nieuwegein"),
    Region.NOORD_HOLLAND: ("Haarlem", "Alkmaar", "Hilversum", "Hoorn"),
    Region.ZUID_HOLLAND: ("Leiden", "Delft", "Gouda", "Dordrecht"),
    Region.ZEELAND: ("Middelburg", "Vlissingen", "Goes", "Terneuzen"),
    Region.NOORD_BRABANT: ("Waalwijk", "Tilburg", "Eindhoven", "Breda"),
    Region.LIMBURG: ("Maastricht", "Venlo", "Heerlen", "Roermond"),
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
