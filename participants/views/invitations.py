"""Getting people in: invitations by e-mail and bulk import."""

from django.contrib import messages
from django.contrib.auth import login
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views import View

from leernetwerk.throttle import THROTTLED_MESSAGE, mail_throttled
from leernetwerk.views import (
    ObjectPermissionOr404Mixin,
    ServiceFormView,
)
from networks.memberships import closed_to_new_members
from networks.views.mixins import NetworkFromSlugMixin

from .. import imports, selectors, services
from ..forms import AcceptInvitationForm, ImportConfirmForm, ImportUploadForm, InviteForm
from ..models import MemberImport


class InviteView(NetworkFromSlugMixin, ServiceFormView):
    template_name = "participants/invite_form.html"
    form_class = InviteForm
    permission_required = "participants.invite_members"
    error_field = "email"

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "network": self.network}

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["closed_reason"] = closed_to_new_members(self.network)
        context["pending"] = list(self.network.invitations.pending().order_by("-created_at")[:50])
        return context

    def perform(self, form):
        self.email = email = form.cleaned_data["email"]
        if mail_throttled(self.request, group="invitation", address=email):
            raise ValidationError(THROTTLED_MESSAGE)
        return services.invite_member(self.network, email=email, by=self.request.user)

    def get_success_message(self, result):
        return _(
            "An invitation has been sent to %(email)s. The link is valid for %(days)s days."
        ) % {"email": self.email, "days": services.INVITATION_DAYS}

    def get_success_url(self):
        return reverse("participants:invite", args=[self.network.slug])


class AcceptInvitationView(View):
    """Open to anyone with the link: create the account and join, or join with the
    signed-in account of the invited address."""

    template_name = "participants/invitation_accept.html"

    def _invitation(self):
        return services.resolve_invitation(self.kwargs["token"])

    def _render(self, invitation, account, form=None, status=200):
        return render(
            self.request,
            self.template_name,
            {
                "invitation": invitation,
                "network": invitation.network,
                "form": form,
                "existing": account.existing,
                "signed_in_as_invitee": account.is_viewer,
            },
            status=status,
        )

    def dispatch(self, request, *args, **kwargs):
        # A link that cannot be used (unknown, expired, used, network closed), found when the
        # page opens or when the service refuses it: the one page that says why.
        try:
            return super().dispatch(request, *args, **kwargs)
        except services.InvitationError as error:
            return render(
                request,
                "participants/invitation_invalid.html",
                {"reason": str(error)},
                status=410,
            )

    def get(self, request, token):
        invitation = self._invitation()
        account = selectors.invitee_account_for(invitation, request.user)
        form = AcceptInvitationForm(email=invitation.email) if account.needs_new_account else None
        return self._render(invitation, account, form)

    def post(self, request, token):
        invitation = self._invitation()
        account = selectors.invitee_account_for(invitation, request.user)
        if not account.needs_new_account:
            if not account.is_viewer:
                return self._render(invitation, account)  # log in first
            services.accept_invitation(invitation, user=account.existing)
            messages.success(
                request, _("Welcome to %(network)s.") % {"network": invitation.network.name}
            )
            return redirect("networks:network-detail", slug=invitation.network.slug)
        form = AcceptInvitationForm(request.POST, email=invitation.email)
        if not form.is_valid():
            return self._render(invitation, account, form)
        user = services.accept_invitation(
            invitation,
            first_name=form.cleaned_data["first_name"],
            last_name=form.cleaned_data["last_name"],
            password=form.cleaned_data["password1"],
        )
        login(request, user, backend="allauth.account.auth_backends.AuthenticationBackend")
        messages.success(
            request,
            _(
                "Your account has been created and you are now a member of %(network)s. "
                "Please complete your profile."
            )
            % {"network": invitation.network.name},
        )
        return redirect("participants:profile")


class ImportView(NetworkFromSlugMixin, ServiceFormView):
    """Upload a member file: checked for size, type and unpacked size here, then stored as a
    job whose rows a background task checks; the browser goes to the job's page."""

    template_name = "participants/import_form.html"
    form_class = ImportUploadForm
    permission_required = "participants.import_members"
    error_field = "file"

    def perform(self, form):
        upload = form.cleaned_data["file"]
        return imports.start_member_import(
            self.network,
            file_name=upload.name,
            extension=upload.extension,
            content=upload.content,
            by=self.request.user,
        )

    def get_success_url(self):
        return self.result.get_absolute_url()


class ImportJobView(ObjectPermissionOr404Mixin, ServiceFormView):
    """The uploader's page of one upload: the progress while the task works (the page asks
    again every few seconds), then the preview with the confirm button, the errors, or what
    was imported. Posting the confirm button enqueues the import."""

    template_name = "participants/import_job.html"
    form_class = ImportConfirmForm
    permission_required = "participants.view_memberimport"

    def load_object(self):
        self.job = get_object_or_404(
            MemberImport.objects.select_related("network"),
            pk=self.kwargs["pk"],
            network__slug=self.kwargs["slug"],
        )
        self.network = self.job.network
        return self.job

    def get_context_data(self, **kwargs):
        rows = self.job.result.get("rows", [])
        return super().get_context_data(
            job=self.job,
            network=self.network,
            rows=rows,
            has_formula_like_names=any(row["neutralised_on_export"] for row in rows),
            **kwargs,
        )

    def get(self, request, *args, **kwargs):
        response = super().get(request, *args, **kwargs)
        if request.htmx and not self.job.is_working:
            # The step is over: load the whole page (preview, errors or result) once.
            response["HX-Refresh"] = "true"
        return response

    def perform(self, form):
        return imports.confirm_member_import(self.job, by=self.request.user)

    def get_success_url(self):
        return self.job.get_absolute_url()
