"""The Leer-top 3: surveys, learning forms, ballots."""

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from leernetwerk.models import UploadJob


class RankingSurvey(models.Model):
    """A Leer-top 3: respondents name up to three learning forms in order."""

    name = models.CharField(_("name"), max_length=200, unique=True)
    slug = models.SlugField(_("slug"), max_length=200, unique=True)
    description = models.TextField(_("description"), blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "name"]
        verbose_name = _("Leer-top 3 survey")
        verbose_name_plural = _("Leer-top 3 surveys")

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("evaluations:survey-detail", kwargs={"slug": self.slug})


class LearningForm(models.Model):
    survey = models.ForeignKey(
        RankingSurvey, verbose_name=_("survey"), on_delete=models.CASCADE, related_name="forms"
    )
    name = models.CharField(_("learning form"), max_length=200)

    class Meta:
        ordering = ["survey", "name"]
        verbose_name = _("learning form")
        verbose_name_plural = _("learning forms")
        constraints = [
            models.UniqueConstraint(fields=["survey", "name"], name="form_unique_name"),
        ]

    def __str__(self) -> str:
        return self.name


class Ballot(models.Model):
    survey = models.ForeignKey(
        RankingSurvey, verbose_name=_("survey"), on_delete=models.CASCADE, related_name="ballots"
    )
    respondent = models.CharField(_("respondent"), max_length=100)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        ordering = ["survey", "respondent"]
        verbose_name = _("ballot")
        verbose_name_plural = _("ballots")
        constraints = [
            models.UniqueConstraint(
                fields=["survey", "respondent"],
                name="ballot_unique_respondent",
                violation_error_message=_("This respondent already has a ballot."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.survey}: {self.respondent}"


class BallotChoice(models.Model):
    """A place on a ballot: a listed form, or an "other" text until staff merge it."""

    ballot = models.ForeignKey(
        Ballot, verbose_name=_("ballot"), on_delete=models.CASCADE, related_name="choices"
    )
    position = models.PositiveSmallIntegerField(
        _("place"), validators=[MinValueValidator(1), MaxValueValidator(3)]
    )
    form = models.ForeignKey(
        LearningForm,
        verbose_name=_("learning form"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="choices",
    )
    other_text = models.CharField(_("other"), max_length=200, blank=True)

    class Meta:
        ordering = ["ballot", "position"]
        verbose_name = _("choice")
        verbose_name_plural = _("choices")
        constraints = [
            models.UniqueConstraint(fields=["ballot", "position"], name="choice_unique_place"),
            models.UniqueConstraint(fields=["ballot", "form"], name="choice_unique_form"),
            models.CheckConstraint(
                condition=Q(position__gte=1, position__lte=3), name="choice_place_1_to_3"
            ),
            models.CheckConstraint(
                condition=Q(form__isnull=False) | ~Q(other_text=""),
                name="choice_form_or_other",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.position}. {self.form or self.other_text}"


class BallotImport(UploadJob):
    """A ballot file uploaded for a survey: a task reads it and imports every ballot or none
    (there is no preview step, as before the upload moved out of the web request)."""

    survey = models.ForeignKey(
        RankingSurvey,
        on_delete=models.CASCADE,
        related_name="ballot_imports",
        verbose_name=_("survey"),
    )

    class Meta(UploadJob.Meta):
        verbose_name = _("ballot import")
        verbose_name_plural = _("ballot imports")

    def __str__(self) -> str:
        return f"{self.file_name} ({self.get_status_display()})"

    def get_absolute_url(self) -> str:
        return reverse("evaluations:ballot-import-job", args=[self.survey.slug, self.pk])
