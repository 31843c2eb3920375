"""The meeting of a page, from the pk in its URL (the network of a page comes from
`networks.views.mixins.NetworkFromSlugMixin`, the form base from `leernetwerk.views`)."""

from __future__ import annotations

from typing import Any

from leernetwerk.permissions import PermissionOr404Mixin

from ..selectors import meeting_for_user, meeting_of_page


class MeetingMixin(PermissionOr404Mixin):
    """Pages of one meeting (`pk` in the URL): a meeting the viewer may not see answers 404
    (`meeting_for_user`); `permission_required` is checked on it. The template gets `meeting`
    and `network`. A page that shows no speakers, cases, preparation group or own answer sets
    `meeting_only = True` and loads the meeting with its network alone (`meeting_of_page`)."""

    meeting_only = False

    def get_permission_object(self) -> Any:
        load = meeting_of_page if self.meeting_only else meeting_for_user
        self.meeting = load(self.request.user, self.kwargs["pk"])
        self.network = self.meeting.network
        return self.meeting

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context.update(meeting=self.meeting, network=self.network)
        return context
