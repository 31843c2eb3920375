"""The public directory (no login): supported networks, a detail page with a way to register
interest in open networks, and how to start a network."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.views.generic import TemplateView

from leernetwerk.pagination import paginate
from leernetwerk.throttle import THROTTLED_MESSAGE, mail_throttled
from leernetwerk.views import call_service

from .. import eligibility
from ..directory_cache import RenderedPage, page_for_visitor
from ..filters import DirectoryFilter
from ..forms import InterestForm
from ..selectors import networks_for_directory
from ..services import register_interest, waiting_position_of


class DirectoryListView(TemplateView):
    """The list of networks; for visitors from the cache (networks/directory_cache.py)."""

    template_name = "networks/directory_list.html"
    paginate_by = 20

    def get(self, request, *args, **kwargs):
        return page_for_visitor(request, self.render_page)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        directory_filter = DirectoryFilter(self.request.GET, queryset=networks_for_directory())
        context["filter"] = directory_filter
        context.update(paginate(self.request, directory_filter.qs, self.paginate_by))
        context["object_list"] = list(context["object_list"])
        return context

    def render_page(self, csrf_token: str | None) -> RenderedPage:
        """The page, with `csrf_token` in place of the request's own token if given, and
        when the first place offer it counts runs out."""
        context = self.get_context_data(**self.kwargs)
        if csrf_token is not None:
            context["csrf_token"] = csrf_token
        response = self.render_to_response(context)
        response.render()
        ends = [n.first_offer_ends for n in context["object_list"] if n.first_offer_ends]
        return RenderedPage(response, expires_at=min(ends, default=None))


class DirectoryDetailView(TemplateView):
    template_name = "networks/directory_detail.html"

    def dispatch(self, request, *args, **kwargs):
        self.network = get_object_or_404(
            networks_for_directory().prefetch_related("focus_competences"),
            slug=kwargs["slug"],
        )
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, form=None, **kwargs):
        context = super().get_context_data(**kwargs)
        context["network"] = self.network
        if self.network.is_open:
            context["form"] = form or InterestForm()
        return context

    def post(self, request, *args, **kwargs):
        form = InterestForm(request.POST)
        if form.is_valid() and mail_throttled(
            request, group="interest", address=form.cleaned_data["email"]
        ):
            form.add_error(None, THROTTLED_MESSAGE)
        if form.is_valid():
            registered = call_service(request, register_interest, self.network, **form.cleaned_data)
            position = waiting_position_of(registered.result) if registered.ok else None
            if position is not None:
                messages.success(
                    request,
                    _(
                        "Thank you. %(network)s is full: you are on its waiting list, at "
                        "position %(position)s. We have sent you an e-mail about it; when a "
                        "place frees up and it is your turn, you receive an offer by e-mail."
                    )
                    % {"network": self.network.name, "position": position},
                )
            elif registered.ok:
                messages.success(
                    request,
                    _("Thank you. The facilitator of %(network)s will contact you.")
                    % {"network": self.network.name},
                )
            return redirect(request.path)
        messages.error(request, _("Your interest was not registered; see the form."))
        return self.render_to_response(self.get_context_data(form=form))


class StartNetworkView(TemplateView):
    """How to start a network, leading to the application (login required to apply)."""

    template_name = "networks/start_network.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["requirements"] = eligibility.requirements()
        return context
