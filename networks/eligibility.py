"""The eligibility engine: the eleven criteria of docs/domain.md over plain facts.

Pure Python: no ORM, no database. One builder over the saved data
(`networks.facts.facts_for_network`) makes a `NetworkFacts` for every reading of the criteria;
`evaluate()` returns one `CriterionResult` per criterion code, in docs/domain.md order, each
met / not met / unknown with an explanation that
names the fact it used. `None` in a fact means "data missing" and gives `unknown`.
Judged criteria (field_initiative, and professionalisation_focus after its automatic part)
stay unknown until staff judge them; their judgement comes in through `facts.judgements`."""

from __future__ import annotations

import calendar
import datetime
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

MET = "met"
NOT_MET = "not_met"
UNKNOWN = "unknown"

CRITERIA: tuple[str, ...] = (
    "field_initiative",
    "applicant_vo_leader",
    "recognisable_network",
    "professionalisation_focus",
    "monitoring_consent",
    "min_three_meetings_per_year",
    "contact_between_meetings",
    "min_six_fixed_participants",
    "academy_invited",
    "has_facilitator",
    "min_two_years",
)
JUDGED_CRITERIA: frozenset[str] = frozenset({"field_initiative", "professionalisation_focus"})
# What the yearly re-check looks at on live data.
RECHECK_CRITERIA: tuple[str, ...] = (
    "min_three_meetings_per_year",
    "min_six_fixed_participants",
    "has_facilitator",
    "min_two_years",
)

MIN_MEETINGS_PER_YEAR = 3
MIN_FIXED_PARTICIPANTS = 6
MIN_TERM_MONTHS = 24


def requirements() -> list[tuple[str, str]]:
    """(code, what the academy asks) per criterion, in CRITERIA order: the public start page
    lists these, from the same thresholds the checks below use."""
    sentences = {
        "field_initiative": _("The initiative comes from school leaders themselves."),
        "applicant_vo_leader": _("The applicant (penvoerder) is a leader in secondary education."),
        "recognisable_network": _(
            "A recognisable network, open or closed, listed on the academy's website."
        ),
        "professionalisation_focus": _(
            "The focus is on the leader's professionalisation: competences and behaviour."
        ),
        "monitoring_consent": _("The academy may be involved and monitor the network."),
        "min_three_meetings_per_year": _("At least %(count)s meetings a year.")
        % {"count": MIN_MEETINGS_PER_YEAR},
        "contact_between_meetings": _("Participants can contact each other between meetings."),
        "min_six_fixed_participants": _("At least %(count)s fixed participants.")
        % {"count": MIN_FIXED_PARTICIPANTS},
        "academy_invited": _("The academy is invited to at least one meeting."),
        "has_facilitator": _("The network is supported by a facilitator."),
        "min_two_years": _("The network is set up for at least %(years)s years.")
        % {"years": MIN_TERM_MONTHS // 12},
    }
    return [(code, sentences[code]) for code in CRITERIA]


@dataclass(frozen=True)
class NetworkFacts:
    """What the criteria look at. `None` means the fact is not known (yet)."""

    field_statement: str | None = None
    applicant_function_is_leadership: bool | None = None
    applicant_function_label: str = ""
    applicant_school_is_vo: bool | None = None
    applicant_school_name: str = ""
    name: str | None = None
    description: str | None = None
    access: str | None = None  # "open", "closed" or None/"" when not set
    listed_in_directory: bool | None = None
    focus_competence_count: int | None = None
    monitoring_consent: bool | None = None
    meetings_per_12_months: int | None = None
    meetings_source: str = "planned"  # "planned" or "held" (yearly re-check on live data)
    contact_means_count: int | None = None
    fixed_participants: int | None = None
    academy_invited: bool | None = None
    facilitator_count: int | None = None
    start_date: datetime.date | None = None
    planned_end_date: datetime.date | None = None
    # Staff judgements of judged criteria: code -> "met" / "not_met".
    judgements: Mapping[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class CriterionResult:
    code: str
    status: str
    explanation: str

    def as_dict(self) -> dict[str, str]:
        return {"code": self.code, "status": self.status, "explanation": self.explanation}


def add_months(day: datetime.date, months: int) -> datetime.date:
    """The same day `months` calendar months on (or back); a day the target month lacks
    becomes its last day: 29 February + 24 months is 28 February, 31 January + 1 is 28/29
    February."""
    month = day.month - 1 + months
    year = day.year + month // 12
    month = month % 12 + 1
    return day.replace(
        year=year, month=month, day=min(day.day, calendar.monthrange(year, month)[1])
    )


def months_between(start: datetime.date, end: datetime.date) -> int:
    """Whole calendar months from start to end: the largest n with add_months(start, n) <= end
    (1 Jan -> 1 Jan two years on is 24; 29 Feb 2024 -> 28 Feb 2026 is 24 as well)."""
    months = (end.year - start.year) * 12 + (end.month - start.month)
    while months > 0 and add_months(start, months) > end:
        months -= 1
    while add_months(start, months + 1) <= end:
        months += 1
    return months


def _judged(facts: NetworkFacts, code: str) -> str | None:
    status = facts.judgements.get(code)
    return status if status in (MET, NOT_MET) else None


def check_field_initiative(facts: NetworkFacts) -> CriterionResult:
    code = "field_initiative"
    judged = _judged(facts, code)
    statement = (facts.field_statement or "").strip()
    if judged:
        return CriterionResult(code, judged, _("Judged by academy staff on the statement of need."))
    if not statement:
        return CriterionResult(
            code, UNKNOWN, _("No statement of need from the field yet; staff judge this.")
        )
    return CriterionResult(
        code,
        UNKNOWN,
        _("Statement of need given (%(length)s characters); awaiting staff judgement.")
        % {"length": len(statement)},
    )


def check_applicant_vo_leader(facts: NetworkFacts) -> CriterionResult:
    code = "applicant_vo_leader"
    if facts.applicant_function_is_leadership is None:
        return CriterionResult(code, UNKNOWN, _("The applicant's function is not known."))
    if facts.applicant_school_is_vo is None:
        return CriterionResult(code, UNKNOWN, _("The applicant's school is not known."))
    label = facts.applicant_function_label or _("unknown function")
    school = facts.applicant_school_name or _("the school")
    if not facts.applicant_function_is_leadership:
        return CriterionResult(
            code,
            NOT_MET,
            _("Function %(function)s is not a leadership function.") % {"function": label},
        )
    if not facts.applicant_school_is_vo:
        return CriterionResult(
            code,
            NOT_MET,
            _("%(school)s is not a secondary (VO) school.") % {"school": school},
        )
    return CriterionResult(
        code,
        MET,
        _("%(function)s at %(school)s, a VO school.") % {"function": label, "school": school},
    )


def check_recognisable_network(facts: NetworkFacts) -> CriterionResult:
    code = "recognisable_network"
    if not facts.access:
        return CriterionResult(code, UNKNOWN, _("Open or closed is not set yet."))
    missing = []
    if not (facts.name or "").strip():
        missing.append(_("name"))
    if not (facts.description or "").strip():
        missing.append(_("description"))
    if not facts.listed_in_directory:
        missing.append(_("listing in the public directory"))
    if missing:
        return CriterionResult(
            code, NOT_MET, _("Missing: %(missing)s.") % {"missing": ", ".join(missing)}
        )
    access = _("open") if facts.access == "open" else _("closed")
    return CriterionResult(
        code,
        MET,
        _("Name and description given, %(access)s network, listed in the public directory.")
        % {"access": access},
    )


def check_professionalisation_focus(facts: NetworkFacts) -> CriterionResult:
    code = "professionalisation_focus"
    count = facts.focus_competence_count
    if count is None:
        return CriterionResult(code, UNKNOWN, _("No focus competences given yet."))
    if count < 1:
        return CriterionResult(
            code, NOT_MET, _("0 competences linked; at least 1 of the 5 needed.")
        )
    judged = _judged(facts, code)
    if judged:
        return CriterionResult(
            code,
            judged,
            ngettext(
                "%(count)s competence linked; judged by academy staff.",
                "%(count)s competences linked; judged by academy staff.",
                count,
            )
            % {"count": count},
        )
    return CriterionResult(
        code,
        UNKNOWN,
        ngettext(
            "%(count)s competence linked; awaiting staff judgement.",
            "%(count)s competences linked; awaiting staff judgement.",
            count,
        )
        % {"count": count},
    )


def check_monitoring_consent(facts: NetworkFacts) -> CriterionResult:
    code = "monitoring_consent"
    if facts.monitoring_consent is None:
        return CriterionResult(code, UNKNOWN, _("Consent to monitoring is not recorded."))
    if facts.monitoring_consent:
        return CriterionResult(code, MET, _("Consent to involvement and monitoring recorded."))
    return CriterionResult(code, NOT_MET, _("No consent to involvement and monitoring."))


def check_min_three_meetings(facts: NetworkFacts) -> CriterionResult:
    code = "min_three_meetings_per_year"
    count = facts.meetings_per_12_months
    if count is None:
        return CriterionResult(code, UNKNOWN, _("The number of meetings per year is not known."))
    if facts.meetings_source == "held":
        text = ngettext(
            "%(count)s meeting held in the last 12 months; at least %(minimum)s needed.",
            "%(count)s meetings held in the last 12 months; at least %(minimum)s needed.",
            count,
        )
    else:
        text = ngettext(
            "%(count)s meeting planned per 12 months; at least %(minimum)s needed.",
            "%(count)s meetings planned per 12 months; at least %(minimum)s needed.",
            count,
        )
    status = MET if count >= MIN_MEETINGS_PER_YEAR else NOT_MET
    return CriterionResult(code, status, text % {"count": count, "minimum": MIN_MEETINGS_PER_YEAR})


def check_contact_between_meetings(facts: NetworkFacts) -> CriterionResult:
    code = "contact_between_meetings"
    count = facts.contact_means_count
    if count is None:
        return CriterionResult(code, UNKNOWN, _("Means of contact are not known."))
    if count < 1:
        return CriterionResult(
            code, NOT_MET, _("No means of contact between meetings recorded; at least 1 needed.")
        )
    return CriterionResult(
        code,
        MET,
        ngettext(
            "%(count)s way of keeping in touch between meetings recorded.",
            "%(count)s ways of keeping in touch between meetings recorded.",
            count,
        )
        % {"count": count},
    )


def check_min_six_fixed_participants(facts: NetworkFacts) -> CriterionResult:
    code = "min_six_fixed_participants"
    count = facts.fixed_participants
    if count is None:
        return CriterionResult(code, UNKNOWN, _("The number of fixed participants is not known."))
    status = MET if count >= MIN_FIXED_PARTICIPANTS else NOT_MET
    return CriterionResult(
        code,
        status,
        ngettext(
            "%(count)s fixed participant; at least %(minimum)s needed.",
            "%(count)s fixed participants; at least %(minimum)s needed.",
            count,
        )
        % {"count": count, "minimum": MIN_FIXED_PARTICIPANTS},
    )


def check_academy_invited(facts: NetworkFacts) -> CriterionResult:
    code = "academy_invited"
    if facts.academy_invited is None:
        return CriterionResult(code, UNKNOWN, _("Not known whether the academy is invited."))
    if facts.academy_invited:
        return CriterionResult(code, MET, _("The academy is invited to at least one meeting."))
    return CriterionResult(code, NOT_MET, _("The academy is not invited to any meeting."))


def check_has_facilitator(facts: NetworkFacts) -> CriterionResult:
    code = "has_facilitator"
    count = facts.facilitator_count
    if count is None:
        return CriterionResult(code, UNKNOWN, _("Not known whether there is a facilitator."))
    if count < 1:
        return CriterionResult(code, NOT_MET, _("No facilitator assigned or invited."))
    text = ngettext(
        "%(count)s facilitator assigned or invited.",
        "%(count)s facilitators assigned or invited.",
        count,
    )
    return CriterionResult(code, MET, text % {"count": count})


def check_min_two_years(facts: NetworkFacts) -> CriterionResult:
    code = "min_two_years"
    if facts.start_date is None or facts.planned_end_date is None:
        return CriterionResult(code, UNKNOWN, _("Start or planned end is not known."))
    # By calendar: two years after 29 February is 28 February (add_months clamps).
    months = months_between(facts.start_date, facts.planned_end_date)
    status = MET if months >= MIN_TERM_MONTHS else NOT_MET
    return CriterionResult(
        code,
        status,
        ngettext(
            "Term of %(months)s month; at least %(minimum)s needed.",
            "Term of %(months)s months; at least %(minimum)s needed.",
            months,
        )
        % {"months": months, "minimum": MIN_TERM_MONTHS},
    )


CHECKS = {
    "field_initiative": check_field_initiative,
    "applicant_vo_leader": check_applicant_vo_leader,
    "recognisable_network": check_recognisable_network,
    "professionalisation_focus": check_professionalisation_focus,
    "monitoring_consent": check_monitoring_consent,
    "min_three_meetings_per_year": check_min_three_meetings,
    "contact_between_meetings": check_contact_between_meetings,
    "min_six_fixed_participants": check_min_six_fixed_participants,
    "academy_invited": check_academy_invited,
    "has_facilitator": check_has_facilitator,
    "min_two_years": check_min_two_years,
}


def evaluate(facts: NetworkFacts, codes: Iterable[str] = CRITERIA) -> list[CriterionResult]:
    """One result per criterion code, in the order given (docs/domain.md order by default)."""
    return [CHECKS[code](facts) for code in codes]


def is_eligible(results: Iterable[CriterionResult]) -> bool:
    """Eligible only when every criterion is met."""
    results = list(results)
    return bool(results) and all(result.status == MET for result in results)


def falls_short(results: Iterable[CriterionResult]) -> list[CriterionResult]:
    """The results that are not met (not met, or unknown because data is missing)."""
    return [result for result in results if result.status != MET]
