"""Staff review: the queue of applications and the one-page, one-form review."""

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.shortcuts import redirect
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.views.generic import TemplateView

from leernetwerk.pagination import paginate
from leernetwerk.permissions import PermissionOr404Mixin
from leernetwerk.views import ObjectPermissionOr404Mixin, ServiceFormView

from ..facts import criteria_rows, shortfalls
from ..filters import ReviewQueueFilter
from ..forms import ReviewForm
from ..forms.applications import AMOUNT_FIELDS as REQUESTED_FIELDS
from ..forms.review import GRANTED_FIELDS
from ..rules import is_party_to_application
from ..selectors import (
    application_for_page,
    applications_for_review,
    history_for_application,
    invitees_by_role,
    staff_free_to_review,
)
from ..services import grant_blockers, review_application


class ReviewQueueView(LoginRequiredMixin, PermissionOr404Mixin, TemplateView):
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


class ReviewDetailView(LoginRequiredMixin, ObjectPermissionOr404Mixin, ServiceFormView):
    """The whole application beside the eleven criteria (automatic result, staff judgement
    and motivation) and the decision, in one form: `action=save` saves the judgements,
    `action=decide` saves them and decides. Staff see it; only staff who are not party to the
    network may judge or decide (the page says who may)."""

    permission_required = "networks.review_application"
    template_name = "networks/review_detail.html"
    form_class = ReviewForm

    def load_object(self):
        return application_for_page(self.kwargs["pk"], self.request.user)

    @cached_property
    def rows(self):
        return criteria_rows(self.object.network, self.object)

    def deciding(self) -> bool:
        return self.request.method == "POST" and self.request.POST.get("action") == "decide"

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "rows": self.rows, "decide": self.deciding()}

    def get_initial(self):
        # The contribution to grant starts from what was asked for; staff change it.
        application = self.object
        return {
            f"decision-{granted}": getattr(application, requested)
            for granted, requested in zip(GRANTED_FIELDS, REQUESTED_FIELDS, strict=True)
        }

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        application = self.object
        context.update(
            application=application,
            network=application.network,
            eligible=not shortfalls(self.rows),
            grant_blockers=grant_blockers(application, self.rows),
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
        return super().post(request, *args, **kwargs)

    def perform(self, form):
        return review_application(
            self.object,
            judgements=form.judgements(),
            decision=form.decision(),
            by=self.request.user,
        )

    def get_success_message(self, result):
        if self.deciding():
            return _("The decision has been recorded and e-mailed.")
        return _("Your judgements have been saved.")

    def get_success_url(self):
        return self.request.path

    def form_invalid(self, form):
        if self.deciding():
            messages.error(
                self.request, _("Nothing was saved and no decision recorded; see the form.")
            )
        else:
            messages.error(self.request, _("The judgements were not saved; see the criteria."))
        return super().form_invalid(form)
