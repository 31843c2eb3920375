"""The waiting list of a full network: its maximum, removing someone, offering a place by
hand (the organisers, from the members page) and declining an offered place (by the link)."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import TemplateView

from leernetwerk.views import ServiceFormView, call_service
from networks.enums import ON_WAITING_LIST
from networks.models import WaitingListEntry
from networks.views.mixins import NetworkFromSlugMixin

from .. import services, waiting
from ..forms import MaxParticipantsForm


def _members_url(network) -> str:
    return reverse("participants:network-members", kwargs={"slug": network.slug})


class MaxParticipantsView(NetworkFromSlugMixin, ServiceFormView):
    template_name = "participants/max_participants_form.html"
    form_class = MaxParticipantsForm
    permission_required = "networks.manage_waiting_list"
    error_field = "max_participants"

    def get_initial(self):
        return {"max_participants": self.network.max_participants}

    def perform(self, form):
        return waiting.change_max_participants(
            self.network, form.cleaned_data["max_participants"], by=self.request.user
        )

    def get_success_message(self, result):
        if result.max_participants is None:
            return _("Saved: the network has no maximum.")
        return _("Saved: at most %(count)s participants.") % {"count": result.max_participants}

    def get_success_url(self):
        return _members_url(self.network)


class _EntryMixin(NetworkFromSlugMixin):
    permission_required = "networks.manage_waiting_list"

    def entry(self) -> WaitingListEntry:
        return get_object_or_404(
            WaitingListEntry.objects.select_related("registration", "network"),
            pk=self.kwargs["pk"],
            network=self.network,
            status__in=ON_WAITING_LIST,
        )


class RemoveFromWaitingListView(_EntryMixin, TemplateView):
    """Asks first; removing frees a place she was offered for the next on the list."""

    template_name = "participants/waiting_remove.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(entry=self.entry(), **kwargs)

    def post(self, request, *args, **kwargs):
        entry = self.entry()
        if call_service(request, waiting.remove_from_waiting_list, entry, by=request.user).ok:
            messages.success(
                request,
                _("%(name)s has been removed from the waiting list.") % {"name": entry.name},
            )
        return redirect(_members_url(self.network))


class OfferPlaceView(_EntryMixin, View):
    """A button: offer this waiting person a place now."""

    def post(self, request, *args, **kwargs):
        entry = self.entry()
        offer = call_service(request, waiting.offer_place, entry, by=request.user)
        if offer.ok:
            messages.success(
                request,
                _("%(name)s has been offered a place; the offer is valid until %(date)s.")
                % {"name": entry.name, "date": offer.result.expires_at.strftime("%d-%m-%Y")},
            )
        return redirect(_members_url(self.network))


class DeclinePlaceView(View):
    """Open to anyone with the offer's link: give up the offered place (asks first)."""

    template_name = "participants/place_decline.html"

    def dispatch(self, request, *args, **kwargs):
        try:
            self.invitation = services.resolve_invitation(kwargs["token"])
        except services.InvitationError as error:
            return render(
                request, "participants/invitation_invalid.html", {"reason": str(error)}, status=410
            )
        if self.invitation.waiting_entry_id is None:
            return render(
                request,
                "participants/invitation_invalid.html",
                {"reason": _("This invitation link is not valid.")},
                status=410,
            )
        return super().dispatch(request, *args, **kwargs)

    def get(self, request, token):
        return render(
            request,
            self.template_name,
            {"invitation": self.invitation, "network": self.invitation.network},
        )

    def post(self, request, token):
        waiting.decline_place_offer(self.invitation)
        return render(
            request,
            self.template_name,
            {"invitation": self.invitation, "network": self.invitation.network, "declined": True},
        )
