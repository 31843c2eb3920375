"""Staff review: the queue of applications and the review page with judgements and decision."""

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import ValidationError
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.generic import TemplateView

from .. import eligibility
from ..filters import ReviewQueueFilter
from ..forms import DecisionForm, JudgementForm
from ..selectors import (
    application_for_page,
    applications_for_review,
    history_for_application,
    review_rows,
)
from ..services import decide_application, judge_criterion
from ._base import GlobalPermissionOr404Mixin, ObjectPermissionOr404Mixin, paginate


class ReviewQueueView(LoginRequiredMixin, GlobalPermissionOr404Mixin, TemplateView):
    """All submitted and decided applications, filterable, paginated. Staff only."""

    permission_required = "networks.review_application"
    template_name = "networks/review_queue.html"
    paginate_by = 25

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        data = self.request.GET.copy()
        if "status" not in data:
            data["status"] = "submitted"
        queue_filter = ReviewQueueFilter(data, queryset=applications_for_review())
        context["filter"] = queue_filter
        context.update(paginate(self.request, queue_filter.qs, self.paginate_by))
        return context


def _apply_errors(form, error: ValidationError) -> None:
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error)


class ReviewDetailView(LoginRequiredMixin, ObjectPermissionOr404Mixin, TemplateView):
    """Automatic result per criterion beside staff's judgement; the decision; the history.

    POST action=judge (with `criterion`) or action=decide. Staff only."""

    permission_required = "networks.review_application"
    template_name = "networks/review_detail.html"

    def load_object(self):
        return application_for_page(self.kwargs["pk"], self.request.user)

    def get_context_data(self, judgement_forms=None, decision_form=None, **kwargs):
        context = super().get_context_data(**kwargs)
        application = self.object
        rows = review_rows(application)
        judgement_forms = judgement_forms or {}
        for row in rows:
            judgement = row["judgement"]
            initial = (
                {"verdict": judgement.verdict, "motivation": judgement.motivation}
                if judgement
                else {}
            )
            row["form"] = judgement_forms.get(row["code"]) or JudgementForm(
                prefix=row["code"], initial=initial
            )
        context.update(
            application=application,
            network=application.network,
            rows=rows,
            eligible=all(row["effective"] == eligibility.MET for row in rows),
            decision_form=decision_form or DecisionForm(prefix="decision"),
            decisions=list(application.decisions.all()),
            invitees=list(application.invitees.all()),
            history=history_for_application(application),
            can_decide=application.network.status == "submitted",
        )
        return context

    def post(self, request, *args, **kwargs):
        application = self.object
        if request.POST.get("action") == "judge":
            code = request.POST.get("criterion", "")
            if code not in eligibility.CRITERIA:
                messages.error(request, _("Unknown criterion."))
                return redirect(request.path)
            form = JudgementForm(request.POST, prefix=code)
            if form.is_valid():
                try:
                    judge_criterion(
                        application,
                        code=code,
                        verdict=form.cleaned_data["verdict"],
                        motivation=form.cleaned_data["motivation"],
                        by=request.user,
                    )
                except ValidationError as error:
                    _apply_errors(form, error)
                else:
                    messages.success(request, _("Your judgement has been saved."))
                    return redirect(f"{request.path}#criterion-{code}")
            messages.error(request, _("The judgement was not saved; see the criterion."))
            return self.render_to_response(self.get_context_data(judgement_forms={code: form}))
        form = DecisionForm(request.POST, prefix="decision")
        if form.is_valid():
            try:
                decide_application(
                    application,
                    kind=form.cleaned_data["kind"],
                    motivation=form.cleaned_data["motivation"],
                    granted=form.granted(),
                    by=request.user,
                )
            except ValidationError as error:
                _apply_errors(form, error)
            else:
                messages.success(request, _("The decision has been recorded and e-mailed."))
                return redirect(request.path)
        messages.error(request, _("The decision was not recorded; see the form."))
        return self.render_to_response(self.get_context_data(decision_form=form))
