"""The penvoerder's application (aanvraag): list, new, change, live check, submit, read."""

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import ValidationError
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import FormView, TemplateView

from .. import eligibility
from ..forms import ApplicationForm
from ..selectors import application_for_page, applications_for_person, review_rows
from ..services import (
    ApplicationIncomplete,
    missing_for_submission,
    save_application,
    submit_application,
)
from ._base import ObjectPermissionOr404Mixin


class ApplicationListView(LoginRequiredMixin, TemplateView):
    """The signed-in person's applications as penvoerder."""

    template_name = "networks/application_list.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["applications"] = list(applications_for_person(self.request.user))
        return context


class _ApplicationFormMixin:
    """Save as draft (action=save) or save and submit (action=submit)."""

    form_class = ApplicationForm
    template_name = "networks/application_form.html"
    application = None

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        form = context["form"]
        context["results"] = (
            eligibility.evaluate(form.facts()) if form.is_bound else self.initial_results()
        )
        context["application"] = self.application
        return context

    def initial_results(self):
        if self.application is None:
            # What the empty form already says: the applicant's own function and school.
            user = self.request.user
            prefilled = ApplicationForm(
                {
                    "applicant_function": user.function,
                    "applicant_school": user.school_id or "",
                    "listed_in_directory": "on",
                }
            )
            return eligibility.evaluate(prefilled.facts())
        return [row["result"] for row in review_rows(self.application)]

    def form_valid(self, form):
        try:
            application = save_application(
                applicant=self.request.user,
                application=self.application,
                network_data=form.network_data(),
                application_data=form.application_data(),
                competences=form.cleaned_data["focus_competences"],
                invitees=form.invitees(),
            )
        except ValidationError as error:
            if hasattr(error, "error_dict"):
                for field, errors in error.error_dict.items():
                    form.add_error(field if field in form.fields else None, errors)
            else:
                form.add_error(None, error)
            return self.form_invalid(form)
        if self.request.POST.get("action") == "submit":
            try:
                submit_application(application, by=self.request.user)
            except ApplicationIncomplete as incomplete:
                messages.warning(
                    self.request,
                    _("Draft saved, but not submitted yet. Still missing: %(missing)s.")
                    % {"missing": ", ".join(incomplete.missing)},
                )
                return redirect(application.get_absolute_url())
            messages.success(self.request, _("Your application has been submitted."))
        else:
            messages.success(self.request, _("Your draft application has been saved."))
        return redirect(application.get_absolute_url())


class ApplicationCreateView(LoginRequiredMixin, _ApplicationFormMixin, FormView):
    """A new application: anyone signed in may apply and becomes the penvoerder."""

    def get_initial(self):
        user = self.request.user
        return {
            "applicant_function": user.function,
            "applicant_school": user.school_id,
            "listed_in_directory": True,
        }


class ApplicationUpdateView(
    LoginRequiredMixin, ObjectPermissionOr404Mixin, _ApplicationFormMixin, FormView
):
    """Change a draft, or an application staff asked more information about."""

    permission_required = "networks.change_application"

    def load_object(self):
        self.application = application_for_page(self.kwargs["pk"], self.request.user)
        return self.application

    def get_initial(self):
        return ApplicationForm.initial_for(self.application)

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "application": self.application}


class ApplicationCheckView(LoginRequiredMixin, View):
    """htmx: the eligibility result of the form as filled in so far (nothing is saved)."""

    def post(self, request, *args, **kwargs):
        form = ApplicationForm(request.POST)
        results = eligibility.evaluate(form.facts())
        return TemplateResponse(request, "networks/_eligibility_result.html", {"results": results})


class ApplicationDetailView(LoginRequiredMixin, ObjectPermissionOr404Mixin, TemplateView):
    """An application with its status, criteria and the academy's decisions."""

    permission_required = "networks.view_application"
    template_name = "networks/application_detail.html"

    def load_object(self):
        return application_for_page(self.kwargs["pk"], self.request.user)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        application = self.object
        rows = review_rows(application)
        context.update(
            application=application,
            network=application.network,
            rows=rows,
            eligible=all(row["effective"] == eligibility.MET for row in rows),
            missing=missing_for_submission(application) if application.is_editable else [],
            decisions=list(application.decisions.all()),
            invitees=list(application.invitees.all()),
        )
        return context


class ApplicationSubmitView(LoginRequiredMixin, ObjectPermissionOr404Mixin, View):
    """Submit (POST). Lists what is missing when the application is not complete."""

    permission_required = "networks.change_application"

    def load_object(self):
        return application_for_page(self.kwargs["pk"], self.request.user)

    def post(self, request, *args, **kwargs):
        try:
            submit_application(self.object, by=request.user)
        except ApplicationIncomplete as incomplete:
            messages.error(
                request,
                _("The application is not complete. Still missing: %(missing)s.")
                % {"missing": ", ".join(incomplete.missing)},
            )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("Your application has been submitted."))
        return redirect(self.object.get_absolute_url())
