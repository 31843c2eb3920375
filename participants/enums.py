from django.db import models
from django.utils.translation import gettext_lazy as _


class Function(models.TextChoices):
    """A person's job. The first six are leadership (leidinggevende) functions."""

    BOARD_MEMBER = "board_member", _("Board member (bestuurder)")
    RECTOR = "rector", _("Rector / director")
    DEPUTY_DIRECTOR = "deputy_director", _("Deputy director")
    SECTOR_DIRECTOR = "sector_director", _("Sector or location director")
    DEPARTMENT_HEAD = "department_head", _("Department head (afdelingsleider)")
    TEAM_LEADER = "team_leader", _("Team leader")
    COORDINATOR = "coordinator", _("Coordinator")
    TEACHER = "teacher", _("Teacher")
    ADVISER = "adviser", _("Adviser / external professional")
    ACADEMY_STAFF = "academy_staff", _("VO-academie staff")
    OTHER = "other", _("Other")


LEADERSHIP_FUNCTIONS = frozenset(
    {
        Function.BOARD_MEMBER,
        Function.RECTOR,
        Function.DEPUTY_DIRECTOR,
        Function.SECTOR_DIRECTOR,
        Function.DEPARTMENT_HEAD,
        Function.TEAM_LEADER,
    }
)


class Region(models.TextChoices):
    GRONINGEN = "groningen", "Groningen"
    FRIESLAND = "friesland", "Friesland"
    DRENTHE = "drenthe", "Drenthe"
    OVERIJSSEL = "overijssel", "Overijssel"
    FLEVOLAND = "flevoland", "Flevoland"
    GELDERLAND = "gelderland", "Gelderland"
    UTRECHT = "utrecht", "Utrecht"
    NOORD_HOLLAND = "noord_holland", "Noord-Holland"
    ZUID_HOLLAND = "zuid_holland", "Zuid-Holland"
    ZEELAND = "zeeland", "Zeeland"
    NOORD_BRABANT = "noord_brabant", "Noord-Brabant"
    LIMBURG = "limburg", "Limburg"


class SchoolType(models.TextChoices):
    PRO = "pro", _("Praktijkonderwijs")
    VMBO = "vmbo", _("VMBO")
    HAVO = "havo", _("HAVO")
    VWO = "vwo", _("VWO")
    GYMNASIUM = "gymnasium", _("Gymnasium")
    OTHER = "other", _("Other")


class Visibility(models.TextChoices):
    """Who may read something a participant owns (a learning question, a BC-Scan)."""

    PRIVATE = "private", _("Only me")
    FACILITATOR = "facilitator", _("Me and my facilitator")
    NETWORK = "network", _("My network")


class QuestionStatus(models.TextChoices):
    OPEN = "open", _("Open")
    IN_PROGRESS = "in_progress", _("In progress")
    ANSWERED = "answered", _("Answered")
    CLOSED = "closed", _("Closed")


class AuditAction(models.TextChoices):
    """What an audit log entry records (AVG accountability)."""

    VIEW_PERSON = "view_person", _("Viewed a person's details")
    VIEW_QUESTION = "view_question", _("Viewed a person's learning question (metadata)")
    VIEW_SCAN = "view_scan", _("Viewed a person's BC-Scan (metadata)")
    VIEW_MEMBER_LIST = "view_member_list", _("Viewed a network's member list")
    EXPORT_DATA = "export_data", _("Exported personal data")
    ERASE_PERSON = "erase_person", _("Erased an account")


# The placeholder name an erased account keeps, so aggregate figures still add up.
ERASED_NAME = "Verwijderde gebruiker"
