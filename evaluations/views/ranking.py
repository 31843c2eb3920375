"""Staff pages for the Leer-top 3."""

from __future__ import annotations

from django.db.models import Count
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.generic import TemplateView

from leernetwerk.pagination import paginate
from leernetwerk.permissions import PermissionOr404Mixin
from leernetwerk.views import ObjectPermissionOr404Mixin, ServiceFormView

from .. import selectors, services
from ..forms import BallotFileForm, BallotForm, LearningFormForm, MergeForm, SurveyForm
from ..models import BallotImport, RankingSurvey


class SurveyListView(PermissionOr404Mixin, TemplateView):
    permission_required = "evaluations.manage_surveys"
    template_name = "evaluations/survey_list.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        surveys = RankingSurvey.objects.annotate(ballot_count=Count("ballots")).order_by("name")
        context.update(paginate(self.request, surveys))
        return context


class SurveyCreateView(PermissionOr404Mixin, ServiceFormView):
    permission_required = "evaluations.manage_surveys"
    template_name = "evaluations/survey_form.html"
    form_class = SurveyForm

    def perform(self, form):
        data = form.cleaned_data
        return services.create_survey(
            by=self.request.user,
            name=data["name"],
            description=data["description"],
            forms=data["forms_list"].splitlines(),
        )

    def get_success_message(self, result):
        return _("The survey has been created.")

    def get_success_url(self):
        return self.result.get_absolute_url()


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


class LearningFormCreateView(SurveyMixin, ServiceFormView):
    template_name = "evaluations/learning_form_form.html"
    form_class = LearningFormForm

    def get_context_data(self, **kwargs):
        return super().get_context_data(survey=self.get_survey(), **kwargs)

    def perform(self, form):
        return services.add_learning_form(
            self.get_survey(), by=self.request.user, name=form.cleaned_data["name"]
        )

    def get_success_message(self, result):
        return _("The learning form has been added.")

    def get_success_url(self):
        return self.get_survey().get_absolute_url()


class BallotCreateView(SurveyMixin, ServiceFormView):
    template_name = "evaluations/ballot_form.html"
    form_class = BallotForm

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "survey": self.get_survey()}

    def get_context_data(self, **kwargs):
        return super().get_context_data(survey=self.get_survey(), **kwargs)

    def perform(self, form):
        return services.record_ballot(
            self.get_survey(),
            by=self.request.user,
            respondent=form.cleaned_data["respondent"],
            choices=form.choices(),
        )

    def get_success_message(self, result):
        return _("The ballot has been stored.")

    def get_success_url(self):
        if "another" in self.request.POST:
            return reverse("evaluations:ballot-create", args=[self.get_survey().slug])
        return self.get_survey().get_absolute_url()


class MergeView(SurveyMixin, ServiceFormView):
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

    def perform(self, form):
        self.merged_into = form.cleaned_data["form"]
        return services.merge_other_answer(
            self.get_survey(),
            by=self.request.user,
            other_text=form.cleaned_data["other_text"],
            form=self.merged_into,
        )

    def get_success_message(self, result):
        return _("%(count)s answers now count as %(form)s.") % {
            "count": result,
            "form": self.merged_into.name,
        }

    def get_success_url(self):
        return self.get_survey().get_absolute_url()


class BallotImportView(SurveyMixin, ServiceFormView):
    """Upload a ballot file for this survey: size and type are checked here, then the file is
    stored as a job that a background task imports, all or nothing; the browser goes to the
    job's page, which shows the progress and then the result or the errors with line numbers."""

    template_name = "evaluations/ballot_import.html"
    form_class = BallotFileForm
    error_field = "file"

    def get_context_data(self, **kwargs):
        return super().get_context_data(survey=self.get_survey(), **kwargs)

    def perform(self, form):
        upload = form.cleaned_data["file"]
        return services.start_ballot_import(
            self.get_survey(), file_name=upload.name, content=upload.read(), by=self.request.user
        )

    def get_success_url(self):
        return self.result.get_absolute_url()


class BallotImportJobView(ObjectPermissionOr404Mixin, TemplateView):
    """The uploader's page of one ballot upload: the progress while the task works (the page
    asks again every few seconds), then how many ballots were imported, or the errors."""

    template_name = "evaluations/ballot_import_job.html"
    permission_required = "evaluations.view_ballotimport"

    def load_object(self):
        self.job = get_object_or_404(
            BallotImport.objects.select_related("survey"),
            pk=self.kwargs["pk"],
            survey__slug=self.kwargs["slug"],
        )
        return self.job

    def get_context_data(self, **kwargs):
        return super().get_context_data(job=self.job, survey=self.job.survey, **kwargs)

    def get(self, request, *args, **kwargs):
        response = super().get(request, *args, **kwargs)
        if request.htmx and not self.job.is_working:
            # The import is over: load the whole page (result or errors) once.
            response["HX-Refresh"] = "true"
        return response
