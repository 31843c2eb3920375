from django.db import models
from django.utils.translation import gettext_lazy as _


class RoundKind(models.TextChoices):
    BASELINE = "baseline", _("Baseline (nulmeting)")
    INTERIM = "interim", _("Interim measurement (tussenmeting)")
    FINAL = "final", _("Final measurement (eindmeting)")


class RoundStatus(models.TextChoices):
    OPEN = "open", _("Open")
    CLOSED = "closed", _("Closed")


class ItemKind(models.TextChoices):
    SCALE = "scale", _("Agreement on a 5-point scale")
    OPEN = "open", _("Open question")


class ComputationStatus(models.TextChoices):
    """State of a result computed by Celery, shown on the page."""

    PENDING = "pending", _("Pending")
    RUNNING = "running", _("Running")
    DONE = "done", _("Done")
    FAILED = "failed", _("Failed")


class PairedWithheld(models.TextChoices):
    """Why a paired change is not shown (empty: shown, or the round is not linked)."""

    FEW_PAIRS = "few", _("fewer than 5 people answered both rounds")
    DERIVABLE = "derivable", _("it would reveal the change of a smaller group")
    # A nulmeting answered before rounds could be linked: its responses are anonymous (no
    # person, no pseudonym), so nothing can pair them, not even afterwards.
    NO_PSEUDONYMS = (
        "anonymous",
        _(
            "the baseline's answers were given before rounds could be linked; they are anonymous "
            "and carry no pseudonym, so they cannot be paired"
        ),
    )


DONT_KNOW = "dk"  # the answer "weet niet / n.v.t.", counted apart from the scale

SCALE_LABELS = {
    1: _("Strongly disagree"),
    2: _("Disagree"),
    3: _("Neutral"),
    4: _("Agree"),
    5: _("Strongly agree"),
}


class OutcomeKind(models.TextChoices):
    """What an outcome (opbrengst) concerns: a competence, the school, or personal gain."""

    COMPETENCE_1 = "competence_1", _("Competence 1: creating a shared vision and direction")
    COMPETENCE_2 = (
        "competence_2",
        _("Competence 2: a coherent organisation for the primary process"),
    )
    COMPETENCE_3 = "competence_3", _("Competence 3: promoting collaboration, learning and research")
    COMPETENCE_4 = "competence_4", _("Competence 4: dealing strategically with the environment")
    COMPETENCE_5 = "competence_5", _("Competence 5: analysing and solving problems")
    SCHOOL_IMPROVEMENT = "school_improvement", _("Improvement or innovation in the school")
    INSIGHT = "insight", _("Insight")
    SELF_KNOWLEDGE = "self_knowledge", _("Self-knowledge")
    SOCIAL_NETWORK = "social_network", _("Social network")


class OutcomeVisibility(models.TextChoices):
    NETWORK = "network", _("The network")
    ACADEMY = "academy", _("The network and the VO-academie")
    PUBLIC = "public", _("Everyone (public directory)")


class ValueCycle(models.TextChoices):
    """The value cycles of Wenger, Trayner and De Laat (2011), in order."""

    IMMEDIATE = "immediate", _("Immediate value")
    POTENTIAL = "potential", _("Potential value")
    APPLIED = "applied", _("Applied value")
    REALISED = "realised", _("Realised value")
    REFRAMING = "reframing", _("Reframing value")
