"""The standard questionnaire: the items of the December 2014 baseline (docs/domain.md).

A new round copies these into its own items, in the interface language of the moment, so a
round keeps its wording even if the template changes later."""

from django.utils.translation import gettext_lazy as _

from .enums import ItemKind

TEMPLATE_2014: list[tuple[str, str, object]] = [
    ("right_topics", ItemKind.SCALE, _("The right topics are discussed in the network.")),
    ("practice_topics", ItemKind.SCALE, _("I can bring in topics from my own practice.")),
    ("competences", ItemKind.SCALE, _("I have widened my competences through the network.")),
    ("applied", ItemKind.SCALE, _("I use what I learn in the network in my own practice.")),
    ("atmosphere", ItemKind.SCALE, _("The atmosphere in the network is good.")),
    ("perspectives", ItemKind.SCALE, _("The network offers a variety of perspectives.")),
    ("cohesion", ItemKind.SCALE, _("There is cohesion in the network.")),
    ("personal_development", ItemKind.SCALE, _("The network matters for my personal development.")),
    (
        "school_development",
        ItemKind.SCALE,
        _("The network matters for the development of my school."),
    ),
    ("comments", ItemKind.OPEN, _("Comments")),
]

# Items the phase reports read (sow: atmosphere and cohesion).
ATMOSPHERE = "atmosphere"
COHESION = "cohesion"
