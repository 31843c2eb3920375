"""Staff review: the queue of applications and the one-page, one-form review."""

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import ValidationError
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.generic import TemplateView

from ..facts import criteria_rows, shortfalls
from ..filters import ReviewQueueFilter
from ..forms import ReviewForm
from ..rules import is_party_to_application
from ..selectors import (
    application_for_page,
    applications_for_review,
    history_for_application,
    invitees_by_role,
    staff_free_to_review,
)
from ..services import grant_blockers, review_application
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


class ReviewDetailView(LoginRequiredMixin, ObjectPermissionOr404Mixin, TemplateView):
    """The whole application beside the eleven criteria (automatic result, staff judgement
    and motivation) and the decision, in one form: `action=save` saves the judgements,
    `action=decide` saves them and decides. Staff see it; only staff who are not party to the
    network may judge or decide (the page says who may)."""

    permission_required = "networks.review_application"
    template_name = "networks/review_detail.html"

    def load_object(self):
        return application_for_page(self.kwargs["pk"], self.request.user)

    def get_context_data(self, form=None, **kwargs):
        context = super().get_context_data(**kwargs)
        application = self.object
        rows = criteria_rows(application.network)
        context.update(
            application=application,
            network=application.network,
            form=form or ReviewForm(rows=rows),
            eligible=not shortfalls(rows),
            grant_blockers=grant_blockers(application),
            decisions=list(application.decisions.all()),
            named=invitees_by_role(application),
            history=history_for_application(application),
            conflict=is_party_to_application(self.request.user, application),
            free_staff=staff_free_to_review(application),
        )
        return context

    def post(self, request, *args, **kwargs):
        application = self.object
        if not request.user.has_perm("networks.judge_application", application):
            if is_party_to_application(request.user, application):
                messages.error(
                    request,
                    _(
                        "You are a member of this network or named in its application, so you "
                        "may not judge or decide it (conflict of interest). Nothing was saved."
                    ),
                )
            else:
                messages.error(
                    request, _("This application is not open for review. Nothing was saved.")
                )
            return redirect(request.path)
        decide = request.POST.get("action") == "decide"
        form = ReviewForm(request.POST, rows=criteria_rows(application.network), decide=decide)
        if form.is_valid():
            try:
                review_application(
                    application,
                    judgements=form.judgements(),
                    decision=form.decision(),
                    by=request.user,
                )
            except ValidationError as error:
                form.add_service_errors(error)
            else:
                if decide:
                    messages.success(request, _("The decision has been recorded and e-mailed."))
                else:
                    messages.success(request, _("Your judgements have been saved."))
                return redirect(request.path)
        if decide:
            messages.error(request, _("Nothing was saved and no decision recorded; see the form."))
        else:
            messages.error(request, _("The judgements were not saved; see the criteria."))
        return self.render_to_response(self.get_context_data(form=form))
