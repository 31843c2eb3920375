from django.db import models
from django.utils.translation import gettext_lazy as _


class Access(models.TextChoices):
    OPEN = "open", _("Open")
    CLOSED = "closed", _("Closed")


class NetworkStatus(models.TextChoices):
    """From application to end. Supported networks are GRANTED (not yet started) or ACTIVE."""

    DRAFT = "draft", _("Draft application")
    SUBMITTED = "submitted", _("Application submitted")
    NEEDS_INFO = "needs_info", _("More information requested")
    REJECTED = "rejected", _("Rejected")
    GRANTED = "granted", _("Granted, being set up")
    ACTIVE = "active", _("Active")
    ENDED = "ended", _("Ended")


SUPPORTED_STATUSES = (NetworkStatus.GRANTED, NetworkStatus.ACTIVE)


class Role(models.TextChoices):
    PARTICIPANT = "participant", _("Participant")
    FACILITATOR = "facilitator", _("Facilitator")
    PENVOERDER = "penvoerder", _("Penvoerder")


class ContactMeans(models.TextChoices):
    """How participants keep in touch between meetings."""

    BUDDY_GROUPS = "buddy_groups", _("Buddy groups (maatjes, intervisie)")
    PLATFORM = "platform", _("Online platform (Slack, wiki)")
    LINKEDIN = "linkedin", _("LinkedIn group")
    EMAIL = "email", _("E-mail list")
    SCHOOL_VISITS = "school_visits", _("Visits to each other's schools")
    OTHER = "other", _("Other")


class Phase(models.TextChoices):
    SOW = "sow", _("Sowing (zaaifase)")
    CULTIVATE = "cultivate", _("Cultivating (cultiveerfase)")
    HARVEST = "harvest", _("Harvesting (oogstfase)")


class Criterion(models.TextChoices):
    """The eleven eligibility criteria (section 3.1 of the first seed), in docs/domain.md order."""

    FIELD_INITIATIVE = "field_initiative", _("Initiative from the field")
    APPLICANT_VO_LEADER = "applicant_vo_leader", _("Applicant is a leader in VO")
    RECOGNISABLE_NETWORK = "recognisable_network", _("Recognisable as a network")
    PROFESSIONALISATION_FOCUS = "professionalisation_focus", _("Focus on professionalisation")
    MONITORING_CONSENT = "monitoring_consent", _("Consent to monitoring")
    MIN_THREE_MEETINGS_PER_YEAR = "min_three_meetings_per_year", _("At least three meetings a year")
    CONTACT_BETWEEN_MEETINGS = "contact_between_meetings", _("Contact between meetings")
    MIN_SIX_FIXED_PARTICIPANTS = "min_six_fixed_participants", _("At least six fixed participants")
    ACADEMY_INVITED = "academy_invited", _("Academy invited to a meeting")
    HAS_FACILITATOR = "has_facilitator", _("Supported by a facilitator")
    MIN_TWO_YEARS = "min_two_years", _("Set up for at least two years")


class CriterionStatus(models.TextChoices):
    MET = "met", _("Met")
    NOT_MET = "not_met", _("Not met")
    UNKNOWN = "unknown", _("Unknown")


class Verdict(models.TextChoices):
    """A staff judgement of one criterion: agree with the automatic result, or decide."""

    AGREE = "agree", _("Agree with the automatic result")
    MET = "met", _("Met")
    NOT_MET = "not_met", _("Not met")


class DecisionKind(models.TextChoices):
    GRANT = "grant", _("Grant")
    REJECT = "reject", _("Reject")
    REQUEST_INFO = "request_info", _("Request more information")


# Where a decision is listed it reads as an outcome ("Granted"); the kinds' own labels are the verbs
# on the decision buttons.
DECISION_OUTCOMES = {
    DecisionKind.GRANT: _("Granted"),
    DecisionKind.REJECT: _("Rejected"),
    DecisionKind.REQUEST_INFO: _("More information requested"),
}


class InviteeRole(models.TextChoices):
    """Someone an application names by e-mail address."""

    FACILITATOR = "facilitator", _("Facilitator")
    PARTICIPANT = "participant", _("Fixed participant")
    # Edits the draft with the penvoerder; becomes a penvoerder when the network is granted.
    CO_INITIATOR = "co_initiator", _("Co-initiator")


EDITABLE_APPLICATION_STATUSES = (NetworkStatus.DRAFT, NetworkStatus.NEEDS_INFO)
# Not (yet) supported: the network exists only as an application, without members.
APPLICATION_ONLY_STATUSES = (
    NetworkStatus.DRAFT,
    NetworkStatus.SUBMITTED,
    NetworkStatus.NEEDS_INFO,
    NetworkStatus.REJECTED,
)
REVIEWABLE_APPLICATION_STATUSES = (NetworkStatus.SUBMITTED,)
# Staff judge the criteria of a submitted application, also while more information is asked.
JUDGEABLE_APPLICATION_STATUSES = (NetworkStatus.SUBMITTED, NetworkStatus.NEEDS_INFO)


class WaitingStatus(models.TextChoices):
    """Where someone on a full network's waiting list stands."""

    WAITING = "waiting", _("Waiting")
    OFFERED = "offered", _("Place offered")
    JOINED = "joined", _("Joined")
    DECLINED = "declined", _("Declined")
    EXPIRED = "expired", _("Offer expired")
    REMOVED = "removed", _("Removed from the list")


# On the list: still waiting, or holding an offered place.
ON_WAITING_LIST = (WaitingStatus.WAITING, WaitingStatus.OFFERED)
