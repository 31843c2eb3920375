"""Access for every meeting page: sign in first; an object the user may not see, or may see
but not act on, answers 404 the same as a missing one (rules permissions decide)."""

from __future__ import annotations

from django.shortcuts import get_object_or_404

from leernetwerk.permissions import PermissionOr404Mixin
from networks.models import Network


class ObjectPermissionMixin(PermissionOr404Mixin):
    def get_permission_object(self):
        raise NotImplementedError


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
