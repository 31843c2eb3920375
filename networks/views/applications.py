"""The penvoerder's application (aanvraag): list, new, change, live check, submit, read."""

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import TemplateView

from leernetwerk.views import ObjectPermissionOr404Mixin, ServiceFormView, call_service

from ..facts import criteria_rows, shortfalls
from ..forms import ApplicationForm
from ..selectors import application_for_page, applications_for_person, invitees_by_role
from ..services import (
    ApplicationFallsShort,
    ApplicationIncomplete,
    awaiting_judgement,
    check_application,
    missing_for_submission,
    save_application,
    submission_warnings,
    submit_application,
)


class ApplicationListView(LoginRequiredMixin, TemplateView):
    """The signed-in person's applications as penvoerder or co-initiator."""

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
        context["results"] = self.live_results(form)
        context["application"] = self.application
        context["check_url"] = (
            reverse("networks:application-check-existing", args=[self.application.pk])
            if self.application
            else reverse("networks:application-check")
        )
        return context

    def live_results(self, form):
        """The criteria of what the form shows, read like every other reading: saved (and
        rolled back) through the one facts builder."""
        if not form.is_bound:
            if self.application is not None:
                return [row.result for row in criteria_rows(self.application.network)]
            # What the empty form already says: the applicant's own function and school.
            user = self.request.user
            form = ApplicationForm(
                {
                    "applicant_function": user.function or "",
                    "applicant_school": user.school_id or "",
                    "listed_in_directory": "on",
                }
            )
        return check_application(
            applicant=self.request.user, application=self.application, **form.service_data()
        )

    def perform(self, form):
        """Save; with action=submit also submit. What is missing, or criteria not met (she
        confirms on the next page), leave the saved draft as it is."""
        self.application = save_application(
            applicant=self.request.user,
            application=self.application,
            loaded_version=form.loaded_version,
            **form.service_data(),
        )
        if self.request.POST.get("action") != "submit":
            return _("Your draft application has been saved.")
        try:
            submit_application(self.application, by=self.request.user)
        except ApplicationIncomplete as incomplete:
            messages.warning(
                self.request,
                _("Draft saved, but not submitted yet. Still missing: %(missing)s.")
                % {"missing": ", ".join(incomplete.missing)},
            )
            return ""
        except ApplicationFallsShort:
            # She sees which criteria are not met and why, and confirms or goes back.
            self.success_url = reverse("networks:application-submit", args=[self.application.pk])
            return ""
        return _("Your application has been submitted.")

    def get_success_message(self, result):
        return result

    def get_success_url(self):
        return self.success_url or self.application.get_absolute_url()


class ApplicationCreateView(LoginRequiredMixin, _ApplicationFormMixin, ServiceFormView):
    """A new application: anyone signed in may apply and becomes the penvoerder."""

    def get_initial(self):
        user = self.request.user
        return {
            "applicant_function": user.function,
            "applicant_school": user.school_id,
            "listed_in_directory": True,
        }


class ApplicationUpdateView(
    LoginRequiredMixin, ObjectPermissionOr404Mixin, _ApplicationFormMixin, ServiceFormView
):
    """Change a draft, or an application staff asked more information about: the penvoerder
    and the co-initiators."""

    permission_required = "networks.change_application"

    def load_object(self):
        self.application = application_for_page(self.kwargs["pk"], self.request.user)
        return self.application

    def get_initial(self):
        return ApplicationForm.initial_for(self.application)

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "application": self.application}


class ApplicationCheckView(LoginRequiredMixin, View):
    """htmx: the criteria of a new application as filled in so far (nothing is saved)."""

    def post(self, request, *args, **kwargs):
        form = ApplicationForm(request.POST)
        results = check_application(applicant=request.user, **form.service_data())
        return TemplateResponse(request, "networks/_eligibility_result.html", {"results": results})


class ApplicationCheckExistingView(LoginRequiredMixin, ObjectPermissionOr404Mixin, View):
    """htmx: the criteria of a draft being changed, as filled in so far (nothing is saved)."""

    permission_required = "networks.change_application"

    def load_object(self):
        return application_for_page(self.kwargs["pk"], self.request.user)

    def post(self, request, *args, **kwargs):
        form = ApplicationForm(request.POST)  # no version check: nothing is kept
        results = check_application(
            applicant=request.user, application=self.object, **form.service_data()
        )
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
        rows = criteria_rows(application.network)
        editable = application.is_editable
        context.update(
            application=application,
            network=application.network,
            rows=rows,
            eligible=not shortfalls(rows),
            missing=missing_for_submission(application) if editable else [],
            warnings=submission_warnings(application) if editable else [],
            awaiting=awaiting_judgement(application) if editable else [],
            decisions=list(application.decisions.all()),
            show_judgements=self.request.user.has_perm("networks.view_judgements", application),
            named=invitees_by_role(application),
        )
        return context


class ApplicationSubmitView(LoginRequiredMixin, ObjectPermissionOr404Mixin, TemplateView):
    """GET: what submitting means now (what is missing, which criteria are not met and why).
    POST: submit; with unmet criteria only when she confirmed (`confirmed`)."""

    permission_required = "networks.change_application"
    template_name = "networks/application_submit.html"

    def load_object(self):
        return application_for_page(self.kwargs["pk"], self.request.user)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            application=self.object,
            network=self.object.network,
            missing=missing_for_submission(self.object),
            warnings=submission_warnings(self.object),
            awaiting=awaiting_judgement(self.object),
        )
        return context

    def post(self, request, *args, **kwargs):
        confirmed = bool(request.POST.get("confirmed"))
        try:
            call = call_service(
                request, submit_application, self.object, by=request.user, confirmed=confirmed
            )
        except ApplicationIncomplete as incomplete:
            messages.error(
                request,
                _("The application is not complete. Still missing: %(missing)s.")
                % {"missing": ", ".join(incomplete.missing)},
            )
        except ApplicationFallsShort:
            return redirect("networks:application-submit", pk=self.object.pk)
        else:
            if call.ok:
                messages.success(request, _("Your application has been submitted."))
        return redirect(self.object.get_absolute_url())
