"""The five competences of the Beroepsstandaard Schoolleiders VO (adopted 27 November 2014).

Migration 0003 loads them; `ensure_competences` puts them back where a database was emptied
without re-running migrations (a flushed test database)."""

BEROEPSSTANDAARD = (
    (1, "Een gezamenlijke visie en richting creëren"),
    (2, "Een coherente organisatie voor het primaire proces realiseren"),
    (3, "Samenwerking, leren en onderzoek bevorderen"),
    (4, "Strategisch omgaan met de omgeving"),
    (5, "Analyseren en probleem oplossen"),
)


def ensure_competences() -> None:
    """Create any of the five competences that are missing; change nothing else."""
    from .models import Competence  # noqa: PLC0415 - migration 0003 imports this module; models must not load there

    if Competence.objects.count() >= len(BEROEPSSTANDAARD):
        return
    for number, name in BEROEPSSTANDAARD:
        Competence.objects.get_or_create(number=number, defaults={"name": name})
