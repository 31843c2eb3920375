"""Access for every meeting page: sign in first; an object the user may not see, or may see
but not act on, answers 404 the same as a missing one (rules permissions decide)."""

from __future__ import annotations

from django.contrib.auth.mixins import LoginRequiredMixin
from django.http import Http404
from django.shortcuts import get_object_or_404

from networks.models import Network


class ObjectPermissionMixin(LoginRequiredMixin):
    permission_required: str = ""

    def get_permission_object(self):
        raise NotImplementedError

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        self.perm_object = self.get_permission_object()
        if not request.user.has_perm(self.permission_required, self.perm_object):
            raise Http404
        return super().dispatch(request, *args, **kwargs)


class NetworkMixin(ObjectPermissionMixin):
    def get_permission_object(self):
        self.network = get_object_or_404(
            Network.objects.visible_to(self.request.user), slug=self.kwargs["slug"]
        )
        return self.network

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["network"] = self.network
        return context


class MeetingMixin(ObjectPermissionMixin):
    def get_permission_object(self):
        from ..selectors import meeting_for_user

        self.meeting = meeting_for_user(self.request.user, self.kwargs["pk"])
        self.network = self.meeting.network
        return self.meeting

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(meeting=self.meeting, network=self.network)
        return context


def apply_validation_error(form, error) -> None:
    """Put a service's ValidationError on the form, at its fields where it names them."""
    if hasattr(error, "error_dict"):
        for field, messages in error.message_dict.items():
            target = field if field in form.fields else None
            for message in messages:
                form.add_error(target, message)
    else:
        for message in error.messages:
            form.add_error(None, message)
