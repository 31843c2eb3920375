"""Between meetings: buddy groups formed by the organiser and the contact log."""

from __future__ import annotations

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.generic import TemplateView

from leernetwerk.permissions import PermissionOr404Mixin
from leernetwerk.views import ServiceFormView
from networks.views.mixins import NetworkFromSlugMixin

from .. import buddies, selectors, services
from ..forms import BuddyGroupForm, ContactMomentForm
from ..models import BuddyGroup


class BuddyGroupsView(NetworkFromSlugMixin, ServiceFormView):
    """The network's buddy groups; organisers form new ones with a mixed suggestion."""

    only_visible = True
    permission_required = "meetings.view_buddygroups"
    template_name = "meetings/buddy_groups.html"
    form_class = BuddyGroupForm

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs["network"] = self.network
        return kwargs

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["groups"] = selectors.buddy_groups_for(self.network, viewer=self.request.user)
        context["can_manage"] = self.request.user.has_perm(
            "meetings.manage_buddygroups", self.network
        )
        if context["can_manage"]:
            members = {
                m.pk: m for m in selectors.buddy_candidates(self.network, viewer=self.request.user)
            }
            grouped = {m.pk for g in context["groups"] for m in g.members.all()}
            free = [m for pk, m in members.items() if pk not in grouped]
            suggestion = buddies.suggest_groups(
                [(m.pk, m.school_id, m.region) for m in free], size=3
            )
            context["suggestion"] = [[members[pk] for pk in group] for group in suggestion]
        return context

    def post(self, request, *args, **kwargs):
        if not request.user.has_perm("meetings.manage_buddygroups", self.network):
            raise Http404
        return super().post(request, *args, **kwargs)

    def perform(self, form):
        return services.form_buddy_group(
            self.network,
            by=self.request.user,
            name=form.cleaned_data["name"],
            members=form.cleaned_data["members"],
        )

    def get_success_message(self, result):
        return _("The buddy group is formed.")

    def get_success_url(self):
        return reverse("meetings:buddy-groups", args=[self.network.slug])


class BuddyGroupDeleteView(PermissionOr404Mixin, TemplateView):
    permission_required = "meetings.manage_buddygroups"
    template_name = "meetings/buddy_group_delete.html"

    def get_permission_object(self):
        self.group = get_object_or_404(
            BuddyGroup.objects.visible_to(self.request.user).select_related("network"),
            pk=self.kwargs["pk"],
        )
        self.network = self.group.network
        return self.network

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(group=self.group, network=self.network)
        return context

    def post(self, request, *args, **kwargs):
        services.dissolve_buddy_group(self.group, by=request.user)
        messages.success(request, _("The buddy group is dissolved."))
        return redirect("meetings:buddy-groups", slug=self.network.slug)


class ContactLogView(NetworkFromSlugMixin, ServiceFormView):
    """The contact log: who had contact between meetings, when, a short note."""

    only_visible = True
    permission_required = "meetings.view_contact_log"
    template_name = "meetings/contact_log.html"
    form_class = ContactMomentForm
    paginate_by = 25

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs["network"] = self.network
        return kwargs

    def get_initial(self):
        return {"date": timezone.localdate()}

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        page = Paginator(selectors.contact_log(self.network), self.paginate_by).get_page(
            self.request.GET.get("page")
        )
        context.update(
            page_obj=page,
            moments=page.object_list,
            can_add=self.request.user.has_perm("meetings.add_contactmoment", self.network),
        )
        return context

    def post(self, request, *args, **kwargs):
        if not request.user.has_perm("meetings.add_contactmoment", self.network):
            raise Http404
        return super().post(request, *args, **kwargs)

    def perform(self, form):
        return services.record_contact_moment(
            self.network, by=self.request.user, **form.cleaned_data
        )

    def get_success_message(self, result):
        return _("The contact moment is logged.")

    def get_success_url(self):
        return reverse("meetings:contact-log", args=[self.network.slug])
