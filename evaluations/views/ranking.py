"""Staff pages for the Leer-top 3."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.views.generic import FormView, TemplateView

from leernetwerk.uploads import cap_errors

from .. import selectors, services
from ..forms import BallotFileForm, BallotForm, LearningFormForm, MergeForm, SurveyForm
from ..models import RankingSurvey
from ..ranking import BallotFileError
from .base import PermissionOr404Mixin, paginate


class SurveyListView(PermissionOr404Mixin, TemplateView):
    permission_required = "evaluations.manage_surveys"
    template_name = "evaluations/survey_list.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        from django.db.models import Count

        surveys = RankingSurvey.objects.annotate(ballot_count=Count("ballots")).order_by("name")
        context.update(paginate(self.request, surveys))
        return context


class SurveyCreateView(PermissionOr404Mixin, FormView):
    permission_required = "evaluations.manage_surveys"
    template_name = "evaluations/survey_form.html"
    form_class = SurveyForm

    def form_valid(self, form):
        data = form.cleaned_data
        try:
            survey = services.create_survey(
                by=self.request.user,
                name=data["name"],
                description=data["description"],
                forms=data["forms_list"].splitlines(),
            )
        except ValidationError as error:
            form.add_error(None, error)
            return self.form_invalid(form)
        messages.success(self.request, _("The survey has been created."))
        return redirect(survey)


class SurveyMixin(PermissionOr404Mixin):
    permission_required = "evaluations.manage_surveys"

    def get_survey(self) -> RankingSurvey:
        if not hasattr(self, "survey"):
            self.survey = get_object_or_404(RankingSurvey, slug=self.kwargs["slug"])
        return self.survey


class SurveyDetailView(SurveyMixin, TemplateView):
    template_name = "evaluations/survey_detail.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        survey = self.get_survey()
        others = selectors.other_answers_for(survey)
        context.update(
            survey=survey,
            ranking=selectors.ranking_for_survey(survey),
            forms=list(survey.forms.all()),
            ballot_count=survey.ballots.count(),
            others=others,
            merge_form=MergeForm(survey=survey, other_answers=others) if others else None,
        )
        return context


class LearningFormCreateView(SurveyMixin, FormView):
    template_name = "evaluations/learning_form_form.html"
    form_class = LearningFormForm

    def get_context_data(self, **kwargs):
        return super().get_context_data(survey=self.get_survey(), **kwargs)

    def form_valid(self, form):
        try:
            services.add_learning_form(
                self.get_survey(), by=self.request.user, name=form.cleaned_data["name"]
            )
        except ValidationError as error:
            form.add_error(None, error)
            return self.form_invalid(form)
        messages.success(self.request, _("The learning form has been added."))
        return redirect(self.get_survey())


class BallotCreateView(SurveyMixin, FormView):
    template_name = "evaluations/ballot_form.html"
    form_class = BallotForm

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "survey": self.get_survey()}

    def get_context_data(self, **kwargs):
        return super().get_context_data(survey=self.get_survey(), **kwargs)

    def form_valid(self, form):
        try:
            services.record_ballot(
                self.get_survey(),
                by=self.request.user,
                respondent=form.cleaned_data["respondent"],
                choices=form.choices(),
            )
        except ValidationError as error:
            form.add_error(None, error)
            return self.form_invalid(form)
        messages.success(self.request, _("The ballot has been stored."))
        if "another" in self.request.POST:
            return redirect("evaluations:ballot-create", slug=self.get_survey().slug)
        return redirect(self.get_survey())


class MergeView(SurveyMixin, FormView):
    template_name = "evaluations/merge_form.html"
    form_class = MergeForm

    def get_form_kwargs(self):
        survey = self.get_survey()
        return {
            **super().get_form_kwargs(),
            "survey": survey,
            "other_answers": selectors.other_answers_for(survey),
        }

    def get_context_data(self, **kwargs):
        return super().get_context_data(survey=self.get_survey(), **kwargs)

    def form_valid(self, form):
        try:
            count = services.merge_other_answer(
                self.get_survey(),
                by=self.request.user,
                other_text=form.cleaned_data["other_text"],
                form=form.cleaned_data["form"],
            )
        except ValidationError as error:
            form.add_error(None, error)
            return self.form_invalid(form)
        messages.success(
            self.request,
            _("%(count)s answers now count as %(form)s.")
            % {"count": count, "form": form.cleaned_data["form"].name},
        )
        return redirect(self.get_survey())


class BallotImportView(SurveyMixin, FormView):
    """Upload a ballot file for this survey: all or nothing, errors with line numbers."""

    template_name = "evaluations/ballot_import.html"
    form_class = BallotFileForm

    def get_context_data(self, **kwargs):
        return super().get_context_data(survey=self.get_survey(), **kwargs)

    def form_valid(self, form):
        try:
            rows = form.rows()
            _survey, count = services.import_ballots(
                survey_name=self.get_survey().name,
                rows=rows,
                create=False,
                by=self.request.user,
            )
        except ValidationError as error:
            form.add_error("file", error)
            return self.form_invalid(form)
        except BallotFileError as error:
            form.add_error("file", _("The file was refused; nothing has been stored."))
            lines = [
                _("line %(line)s: %(message)s") % {"line": line, "message": message}
                if line
                else message
                for line, message in error.errors
            ]
            for message in cap_errors(lines):
                form.add_error("file", message)
            return self.form_invalid(form)
        messages.success(
            self.request,
            _("%(count)s ballots imported into %(survey)s.")
            % {"count": count, "survey": self.get_survey().name},
        )
        return redirect(self.get_survey())
