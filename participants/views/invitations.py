"""Getting people in: invitations by e-mail and bulk import."""

import base64

from django.contrib import messages
from django.contrib.auth import login
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import FormView

from leernetwerk.throttle import THROTTLED_MESSAGE, mail_throttled
from networks.memberships import closed_to_new_members

from .. import imports, selectors, services
from ..forms import AcceptInvitationForm, ImportUploadForm, InviteForm
from .mixins import NetworkPermissionMixin

IMPORT_SESSION_KEY = "participants_import"


class InviteView(NetworkPermissionMixin, FormView):
    template_name = "participants/invite_form.html"
    form_class = InviteForm
    permission_required = "participants.invite_members"

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "network": self.network}

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["closed_reason"] = closed_to_new_members(self.network)
        context["pending"] = list(self.network.invitations.pending().order_by("-created_at")[:50])
        return context

    def form_valid(self, form):
        if mail_throttled(self.request, group="invitation", address=form.cleaned_data["email"]):
            form.add_error("email", THROTTLED_MESSAGE)
            return self.form_invalid(form)
        try:
            services.invite_member(
                self.network, email=form.cleaned_data["email"], by=self.request.user
            )
        except ValidationError as error:
            form.add_error("email", error)
            return self.form_invalid(form)
        messages.success(
            self.request,
            _("An invitation has been sent to %(email)s. The link is valid for %(days)s days.")
            % {"email": form.cleaned_data["email"], "days": services.INVITATION_DAYS},
        )
        return redirect("participants:invite", slug=self.network.slug)


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

    def _invalid(self, error):
        return render(
            self.request,
            "participants/invitation_invalid.html",
            {"reason": str(error)},
            status=410,
        )

    def get(self, request, token):
        try:
            invitation = self._invitation()
        except services.InvitationError as error:
            return self._invalid(error)
        account = selectors.invitee_account_for(invitation, request.user)
        form = AcceptInvitationForm(email=invitation.email) if account.needs_new_account else None
        return self._render(invitation, account, form)

    def post(self, request, token):
        try:
            invitation = self._invitation()
        except services.InvitationError as error:
            return self._invalid(error)
        account = selectors.invitee_account_for(invitation, request.user)
        if not account.needs_new_account:
            if not account.is_viewer:
                return self._render(invitation, account)  # log in first
            try:
                services.accept_invitation(invitation, user=account.existing)
            except services.InvitationError as error:
                return self._invalid(error)
            messages.success(
                request, _("Welcome to %(network)s.") % {"network": invitation.network.name}
            )
            return redirect("networks:network-detail", slug=invitation.network.slug)
        form = AcceptInvitationForm(request.POST, email=invitation.email)
        if not form.is_valid():
            return self._render(invitation, account, form)
        try:
            user = services.accept_invitation(
                invitation,
                first_name=form.cleaned_data["first_name"],
                last_name=form.cleaned_data["last_name"],
                password=form.cleaned_data["password1"],
            )
        except services.InvitationError as error:
            return self._invalid(error)
        login(request, user, backend="django.contrib.auth.backends.ModelBackend")
        messages.success(
            request,
            _(
                "Your account has been created and you are now a member of %(network)s. "
                "Please complete your profile."
            )
            % {"network": invitation.network.name},
        )
        return redirect("participants:profile")


class ImportView(NetworkPermissionMixin, FormView):
    """Step 1: upload; the file is checked (a dry run) and previewed, nothing is saved."""

    template_name = "participants/import_form.html"
    form_class = ImportUploadForm
    permission_required = "participants.import_members"

    def form_valid(self, form):
        upload = form.cleaned_data["file"]
        content = upload.read()
        try:
            data = imports.read_file(content, upload.extension)
        except ValidationError as error:
            form.add_error("file", error)
            return self.form_invalid(form)
        except Exception:  # noqa: BLE001 - any unreadable file gets the same message
            form.add_error("file", _("This file cannot be read as CSV or Excel."))
            return self.form_invalid(form)
        check = imports.check_rows(self.network, data)
        if check.ok:
            self.request.session[IMPORT_SESSION_KEY] = {
                "network": self.network.pk,
                "extension": upload.extension,
                "content": base64.b64encode(content).decode(),
            }
        else:
            self.request.session.pop(IMPORT_SESSION_KEY, None)
            messages.error(self.request, _("The file has errors: nothing has been imported."))
        return self.render_to_response(self.get_context_data(form=form, check=check))


class ImportConfirmView(NetworkPermissionMixin, View):
    """Step 2: import the previewed file, all rows or none."""

    permission_required = "participants.import_members"

    def post(self, request, slug):
        stored = request.session.get(IMPORT_SESSION_KEY)
        if not stored or stored.get("network") != self.network.pk:
            messages.error(request, _("Upload the file again, please."))
            return redirect("participants:import", slug=slug)
        data = imports.read_file(base64.b64decode(stored["content"]), stored["extension"])
        try:
            count = imports.import_members(self.network, data, by=request.user)
        except ValidationError as error:
            for message in error.messages:
                messages.error(request, message)
            return redirect("participants:import", slug=slug)
        request.session.pop(IMPORT_SESSION_KEY, None)
        messages.success(request, _("%(count)s members have been imported.") % {"count": count})
        return redirect("participants:network-members", slug=slug)
