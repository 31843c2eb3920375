"""Outcomes (opbrengsten) and value-creation stories of a network."""

from __future__ import annotations

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.generic import TemplateView

from leernetwerk.pagination import paginate
from leernetwerk.views import ServiceFormView
from networks.views.mixins import NetworkFromSlugMixin

from .. import selectors, services
from ..forms import OutcomeForm, ValueStoryForm


class OutcomeListView(NetworkFromSlugMixin, TemplateView):
    permission_required = "evaluations.view_outcomes"
    template_name = "evaluations/outcome_list.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user = self.request.user
        context.update(paginate(self.request, selectors.outcomes_for_network(self.network, user)))
        context.update(
            network=self.network,
            stories=list(selectors.stories_for_network(self.network, user)[:50]),
        )
        return context


class OutcomeCreateView(NetworkFromSlugMixin, ServiceFormView):
    permission_required = "evaluations.add_outcome"
    template_name = "evaluations/outcome_form.html"
    form_class = OutcomeForm

    def get_context_data(self, **kwargs):
        return super().get_context_data(network=self.network, **kwargs)

    def perform(self, form):
        return services.record_outcome(self.network, by=self.request.user, **form.cleaned_data)

    def get_success_message(self, result):
        return _("The outcome has been recorded.")

    def get_success_url(self):
        return reverse("evaluations:outcome-list", args=[self.network.slug])


class OutcomeMixin(NetworkFromSlugMixin):
    """An outcome of the network that the viewer sees and may change (else 404)."""

    permission_required = "evaluations.edit_outcome"

    def get_permission_object(self):
        network = super().get_permission_object()
        self.outcome = get_object_or_404(
            selectors.outcomes_for_network(network, self.request.user), pk=self.kwargs["pk"]
        )
        return self.outcome

    def get_context_data(self, **kwargs):
        return super().get_context_data(network=self.network, outcome=self.outcome, **kwargs)


class OutcomeUpdateView(OutcomeMixin, ServiceFormView):
    template_name = "evaluations/outcome_form.html"
    form_class = OutcomeForm

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "instance": self.outcome}

    def perform(self, form):
        return services.update_outcome(
            self.outcome,
            kind=form.cleaned_data["kind"],
            description=form.cleaned_data["description"],
            visibility=form.cleaned_data["visibility"],
            loaded_version=form.loaded_version,
        )

    def get_success_message(self, result):
        return _("The outcome has been saved.")

    def get_success_url(self):
        return reverse("evaluations:outcome-list", args=[self.network.slug])


class OutcomeDeleteView(OutcomeMixin, TemplateView):
    """GET asks for confirmation; POST removes the outcome."""

    template_name = "evaluations/outcome_confirm_delete.html"

    def post(self, request, *args, **kwargs):
        services.delete_outcome(self.outcome)
        messages.success(request, _("The outcome has been deleted."))
        return redirect("evaluations:outcome-list", slug=self.network.slug)


class StoryCreateView(NetworkFromSlugMixin, ServiceFormView):
    permission_required = "evaluations.add_outcome"
    template_name = "evaluations/story_form.html"
    form_class = ValueStoryForm

    def get_context_data(self, **kwargs):
        return super().get_context_data(network=self.network, **kwargs)

    def perform(self, form):
        return services.record_value_story(
            self.network,
            by=self.request.user,
            title=form.cleaned_data["title"],
            visibility=form.cleaned_data["visibility"],
            steps=form.steps(),
        )

    def get_success_message(self, result):
        return _("The value-creation story has been saved.")

    def get_success_url(self):
        return self.result.get_absolute_url()


class StoryDetailView(NetworkFromSlugMixin, TemplateView):
    permission_required = "evaluations.view_outcomes"
    template_name = "evaluations/story_detail.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        story = get_object_or_404(
            selectors.stories_for_network(self.network, self.request.user), pk=self.kwargs["pk"]
        )
        context.update(network=self.network, story=story)
        return context


class StoryMixin(NetworkFromSlugMixin):
    """A story of the network that the viewer reads and may change: its author (else 404)."""

    permission_required = "evaluations.edit_story"

    def get_permission_object(self):
        network = super().get_permission_object()
        self.story = get_object_or_404(
            selectors.stories_for_network(network, self.request.user), pk=self.kwargs["pk"]
        )
        return self.story

    def get_context_data(self, **kwargs):
        return super().get_context_data(network=self.network, story=self.story, **kwargs)


class StoryUpdateView(StoryMixin, ServiceFormView):
    template_name = "evaluations/story_form.html"
    form_class = ValueStoryForm

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "story": self.story}

    def perform(self, form):
        return services.update_value_story(
            self.story,
            title=form.cleaned_data["title"],
            visibility=form.cleaned_data["visibility"],
            steps=form.steps(),
            loaded_version=form.loaded_version,
        )

    def get_success_message(self, result):
        return _("The value-creation story has been saved.")

    def get_success_url(self):
        return self.result.get_absolute_url()


class StoryDeleteView(StoryMixin, TemplateView):
    """GET asks for confirmation; POST removes the story."""

    template_name = "evaluations/story_confirm_delete.html"

    def post(self, request, *args, **kwargs):
        services.delete_value_story(self.story)
        messages.success(request, _("The value-creation story has been deleted."))
        return redirect("evaluations:outcome-list", slug=self.network.slug)
