"""The Leer-top 3: surveys, learning forms, ballots (browser and file), merging "other"."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.text import slugify
from django.utils.translation import gettext as _

from leernetwerk import uploads
from participants.models import User

from ..models import Ballot, BallotChoice, LearningForm, RankingSurvey
from ..ranking import BallotFileError, ParsedBallot, parse_ballot_rows


def _unique_slug(name: str) -> str:
    base = slugify(name)[:180] or "leer-top-3"
    slug, i = base, 2
    while RankingSurvey.objects.filter(slug=slug).exists():
        slug, i = f"{base}-{i}", i + 1
    return slug


@transaction.atomic
def create_survey(
    *, by: User, name: str, description: str = "", forms: Sequence[str] = ()
) -> RankingSurvey:
    """Create a Leer-top 3 survey with its list of learning forms (staff)."""
    name = name.strip()
    if RankingSurvey.objects.filter(name=name).exists():
        raise ValidationError({"name": _("A survey with this name already exists.")})
    survey = RankingSurvey.objects.create(
        name=name, slug=_unique_slug(name), description=description
    )
    for form in dict.fromkeys(f.strip() for f in forms if f.strip()):
        LearningForm.objects.create(survey=survey, name=form)
    return survey


@transaction.atomic
def add_learning_form(survey: RankingSurvey, *, by: User, name: str) -> LearningForm:
    """Add a learning form to the survey's list (staff)."""
    name = name.strip()
    if survey.forms.filter(name=name).exists():
        raise ValidationError({"name": _("This learning form is already on the list.")})
    return LearningForm.objects.create(survey=survey, name=name)


@transaction.atomic
def record_ballot(
    survey: RankingSurvey,
    *,
    by: User,
    respondent: str,
    choices: Sequence[tuple[LearningForm | None, str]],
) -> Ballot:
    """Store one ballot: up to three places in order, each a listed form or an "other" text.
    Refuses a repeated respondent, a form (or text) twice, a gap; nothing stored then."""
    respondent = respondent.strip()
    places = [(form, (other or "").strip()) for form, other in choices]
    while places and not places[-1][0] and not places[-1][1]:
        places.pop()
    errors: dict[str, list[str]] = {}
    if survey.ballots.filter(respondent=respondent).exists():
        errors.setdefault("respondent", []).append(_("This respondent already has a ballot."))
    if not places:
        errors.setdefault("choice_1", []).append(_("Name at least a first choice."))
    for position, (form, other) in enumerate(places, start=1):
        if not form and not other:
            errors.setdefault(f"choice_{position}", []).append(
                _("Fill in the places in order, without gaps.")
            )
        if form and other:
            errors.setdefault(f"choice_{position}", []).append(
                _("Choose a learning form or fill in other, not both.")
            )
    seen: set = set()
    for position, (form, other) in enumerate(places, start=1):
        key = form.pk if form else other.casefold()
        if key in seen:
            errors.setdefault(f"choice_{position}", []).append(
                _("This learning form is already on the ballot.")
            )
        seen.add(key)
    if errors:
        raise ValidationError(errors)
    ballot = Ballot.objects.create(survey=survey, respondent=respondent)
    BallotChoice.objects.bulk_create(
        BallotChoice(ballot=ballot, position=position, form=form, other_text="" if form else other)
        for position, (form, other) in enumerate(places, start=1)
    )
    return ballot


@transaction.atomic
def merge_other_answer(
    survey: RankingSurvey, *, by: User, other_text: str, form: LearningForm
) -> int:
    """Count every "other" answer with this text as the listed form (staff). Refused as a
    whole if a ballot already names that form. Returns the number of choices merged."""
    choices = list(
        BallotChoice.objects.select_for_update()
        .filter(ballot__survey=survey, form__isnull=True, other_text=other_text)
        .select_related("ballot")
    )
    if not choices:
        raise ValidationError({"other_text": _("No open answers with this text.")})
    clash = sorted(
        c.ballot.respondent
        for c in choices
        if BallotChoice.objects.filter(ballot=c.ballot, form=form).exists()
    )
    if clash:
        raise ValidationError(
            {
                "form": _("These ballots already name this learning form: %(respondents)s.")
                % {"respondents": ", ".join(clash)}
            }
        )
    for choice in choices:
        choice.form = form
        choice.other_text = ""
        choice.save(update_fields=["form", "other_text"])
    return len(choices)


def check_ballot_rows(
    *,
    survey_name: str,
    rows: Sequence[Sequence[str]],
    create: bool,
    on_progress: Callable[[int], None] | None = None,
) -> tuple[RankingSurvey | None, list[ParsedBallot]]:
    """Check a ballot file (rows including the header) against the survey as it is now,
    writing nothing. Without `create` the survey must exist and every form must be on its
    list. Raises BallotFileError (line numbers and Dutch messages) if any line is wrong;
    returns the survey (None when `create` will make it) and the ballots. `on_progress`
    hears how many rows are checked, every `uploads.PROGRESS_EVERY` rows."""
    survey = RankingSurvey.objects.filter(name=survey_name).first()
    if survey is None and not create:
        raise BallotFileError(
            [
                (
                    0,
                    _("There is no survey named %(name)s. Use --create to make it.")
                    % {"name": survey_name},
                )
            ]
        )
    known = set(survey.forms.values_list("name", flat=True)) if survey else set()
    existing = set(survey.ballots.values_list("respondent", flat=True)) if survey else set()
    ballots = parse_ballot_rows(
        rows,
        known_forms=None if create else known,
        existing_respondents=existing,
        max_respondent=Ballot._meta.get_field("respondent").max_length,
        max_form=LearningForm._meta.get_field("name").max_length,
        on_progress=on_progress,
        progress_every=uploads.PROGRESS_EVERY,
    )
    return survey, ballots


@transaction.atomic
def import_ballots(
    *, survey_name: str, rows: Sequence[Sequence[str]], create: bool, by: User | None = None
) -> tuple[RankingSurvey, int]:
    """Import a ballot file (rows including the header) all or nothing, in one transaction.

    Checks the rows first (`check_ballot_rows`, inside the transaction, so the check and the
    write see the same survey); with `create` the survey and any new forms are made. Raises
    BallotFileError and stores nothing if any line is wrong. Returns the survey and ballot
    count."""
    survey, ballots = check_ballot_rows(survey_name=survey_name, rows=rows, create=create)
    if survey is None:
        survey = RankingSurvey.objects.create(name=survey_name, slug=_unique_slug(survey_name))
    forms = {form.name: form for form in survey.forms.all()}
    for parsed in ballots:
        for name in parsed.choices:
            if name not in forms:
                forms[name] = LearningForm.objects.create(survey=survey, name=name)
    for parsed in ballots:
        ballot = Ballot.objects.create(survey=survey, respondent=parsed.respondent)
        BallotChoice.objects.bulk_create(
            BallotChoice(ballot=ballot, position=position, form=forms[name])
            for position, name in enumerate(parsed.choices, start=1)
        )
    return survey, len(ballots)
