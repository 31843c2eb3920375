"""Own profile, school search and proposal, and the lists of people for facilitators/staff."""

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.http import Http404
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.generic import FormView, TemplateView

from leernetwerk.pagination import paginate
from leernetwerk.permissions import PermissionOr404Mixin
from leernetwerk.views import ServiceFormView
from networks.selectors import waiting_list_for_organisers
from networks.services import places_taken
from networks.views.mixins import NetworkFromSlugMixin

from .. import selectors, services
from ..enums import AuditAction
from ..forms import PeopleFilterForm, ProfileForm, SchoolProposalForm, school_label
from ..models import User


class ProfileView(LoginRequiredMixin, ServiceFormView):
    template_name = "participants/profile_form.html"
    form_class = ProfileForm

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs["instance"] = self.request.user
        kwargs["school_query"] = self.request.GET.get("q", "")
        return kwargs

    def perform(self, form):
        return services.update_profile(
            self.request.user, data=form.cleaned_data, loaded_version=form.loaded_version
        )

    def get_success_message(self, result):
        return _("Your profile has been saved.")

    def get_success_url(self):
        return reverse("participants:profile")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["school_query"] = self.request.GET.get("q", "")
        return context


class SchoolOptionsView(LoginRequiredMixin, TemplateView):
    """The <option>s of the school list for a search (htmx swaps them into the select)."""

    template_name = "participants/_school_options.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user = self.request.user
        schools = selectors.schools_matching(self.request.GET.get("q", ""), include=user.school)
        context["options"] = [(s.pk, school_label(s)) for s in schools]
        context["selected"] = user.school_id
        return context


class SchoolProposeView(LoginRequiredMixin, FormView):
    template_name = "participants/school_propose.html"
    form_class = SchoolProposalForm

    def form_valid(self, form):
        services.propose_school(by=self.request.user, **form.cleaned_data)
        messages.success(
            self.request,
            _(
                "Thank you: the school has been proposed and set on your profile. "
                "The VO-academie will check it."
            ),
        )
        return redirect("participants:profile")


class PeopleListView(PermissionOr404Mixin, TemplateView):
    """Staff: everyone, with filters, paginated."""

    permission_required = "participants.view_people"  # academy staff

    template_name = "participants/people_list.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        form = PeopleFilterForm(self.request.GET or None)
        filters = form.cleaned_data if form.is_valid() else {}
        context["filter_form"] = form
        context.update(
            paginate(self.request, selectors.people_for_staff(self.request.user, filters))
        )
        return context


class PersonDetailView(PermissionOr404Mixin, TemplateView):
    """Staff: one person's details. Every view is written to the audit log."""

    permission_required = "participants.view_people"  # academy staff

    template_name = "participants/person_detail.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        try:
            person = selectors.person_for_staff(self.request.user, self.kwargs["pk"])
        except User.DoesNotExist as exc:
            raise Http404 from exc
        services.audit(self.request.user, AuditAction.VIEW_PERSON, person)
        context["person"] = person
        return context


class NetworkMembersView(NetworkFromSlugMixin, TemplateView):
    """Facilitators (and penvoerders) of the network and staff: members with contact details."""

    template_name = "participants/network_members.html"
    permission_required = "participants.view_member_list"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["members"] = list(selectors.members_with_contact(self.request.user, self.network))
        user = self.request.user
        if (
            user.is_academy_staff
            and not self.network.memberships.current().filter(person=user).exists()
        ):
            services.audit(
                user, AuditAction.VIEW_MEMBER_LIST, detail=f"netwerk {self.network.slug}"
            )
        context["invite_url"] = reverse("participants:invite", kwargs={"slug": self.network.slug})
        if user.has_perm("networks.view_waiting_list", self.network):
            context["waiting_list"] = waiting_list_for_organisers(self.network)
            context["places_taken"] = places_taken(self.network)
        return context


class SharedQuestionsView(NetworkFromSlugMixin, TemplateView):
    """Members of a network: the learning questions and BC-Scans others shared with them."""

    template_name = "participants/shared_questions.html"
    permission_required = "participants.view_shared_questions"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user = self.request.user
        context["questions"] = list(selectors.shared_questions_in_network(user, self.network))
        context["scans"] = list(selectors.shared_scans_in_network(user, self.network))
        return context
