"""The nine demo networks with the facts of chapters 4-9 of the publication (docs/domain.md).

Dates are placed relative to the current month (see `demo` package docstring)."""

from __future__ import annotations

import datetime

from django.utils import timezone

from networks.enums import Access, ContactMeans, NetworkStatus

from .seeds import Function as F
from .seeds import MeetingPlan, NetworkSeed, _month


def network_seeds() -> list[NetworkSeed]:
    """The nine networks of docs/domain.md with the facts of chapters 4-9 of the first seed."""
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
            short_name="VL1",
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
            short_name="VL2",
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
