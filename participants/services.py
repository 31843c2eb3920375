"""Writes for people, invitations, learning questions, BC-Scans and the AVG duties."""

from __future__ import annotations

import datetime
import importlib
import importlib.util
from collections.abc import Iterable

from django.conf import settings
from django.core import signing
from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from leernetwerk.concurrency import claim_version
from leernetwerk.dispatch import enqueue
from mails.services import queue_rendered
from networks.enums import Role, WaitingStatus
from networks.memberships import add_member, closed_to_new_members, is_current_member
from networks.models import Membership, Network
from networks.services import close_entry

from . import bcscan
from .enums import AuditAction, Visibility
from .models import AuditLog, BCScan, Invitation, LearningQuestion, ReflectionEntry, School, User
from .tasks import task_send_invitation

INVITATION_DAYS = 14
INVITATION_SALT = "participants.invitation"
PRIVACY_APPS = ("networks", "meetings", "participants", "evaluations")


class InvitationError(Exception):
    """An invitation link that cannot be used; the message is shown to the visitor."""


# --- membership ------------------------------------------------------------------------


def add_participant(network: Network, person: User) -> Membership:
    """Make the person a participant of the network from today (idempotent)."""
    reason = closed_to_new_members(network)
    if reason:
        raise ValidationError(reason)
    return add_member(network, person, role=Role.PARTICIPANT)


# --- profiles ---------------------------------------------------------------------------


@transaction.atomic
def update_profile(person: User, *, data: dict, loaded_version: int | None = None) -> User:
    """Save the person's own profile fields. Only the person calls this. `loaded_version`:
    StaleEdit, nothing saved, if the profile was saved since it was loaded (concurrency.py)."""
    claim_version(person, loaded_version)
    for field in ("first_name", "last_name", "function", "school", "region", "phone"):
        if field in data:
            setattr(person, field, data[field])
    person.full_clean(exclude=["password"])
    person.save()
    return person


def propose_school(*, by: User, name: str, brin_code: str, town: str) -> School:
    """Record a school missing from the list, unapproved until staff approve it in the
    management site, and make it the proposer's school."""
    school = School.objects.create(
        name=name.strip(),
        brin_code=brin_code.strip().upper(),
        town=town.strip(),
        is_approved=False,
    )
    by.school = school
    by.save(update_fields=["school"])
    return school


# --- invitations ------------------------------------------------------------------------


def invitation_token(invitation: Invitation) -> str:
    """The signed token of the invitation's link. Writes nothing; any caller."""
    return signing.dumps(str(invitation.token), salt=INVITATION_SALT)


def invite_member(
    network: Network, *, email: str, by: User | None, role: str = Role.PARTICIPANT
) -> Invitation:
    """Create a single-use invitation valid for INVITATION_DAYS days and mail the link.

    Callers (the invite form, a granted application) have checked that the address is not a
    member yet and that the network accepts members; this checks again so no path skips the
    rule. A closed network's rule concerns participants; a facilitator can always be invited."""
    email = email.strip().lower()
    reason = closed_to_new_members(network) if role == Role.PARTICIPANT else None
    if reason:
        raise ValidationError(reason)
    if is_current_member(network, email):
        raise ValidationError(_("This address is already a member of this network."))
    invitation = Invitation.objects.create(
        network=network,
        email=email,
        role=role,
        invited_by=by,
        expires_at=timezone.now() + datetime.timedelta(days=INVITATION_DAYS),
    )

    enqueue(task_send_invitation, invitation_id=invitation.pk)
    return invitation


def send_invitation(invitation: Invitation) -> None:
    """Mail the invitation link to the invited address."""

    url = settings.SITE_URL.rstrip("/") + reverse(
        "participants:invitation-accept", kwargs={"token": invitation_token(invitation)}
    )
    context = {"invitation": invitation, "url": url, "days": INVITATION_DAYS}
    queue_rendered(
        key=f"participants.invitation:{invitation.pk}",
        to=invitation.email,
        kind="network_invitation",
        template="participants/email/invitation",
        context=context,
    )


def send_import_welcome(network: Network, person: User, *, new_account: bool) -> None:
    """Tell someone a facilitator imported into a network. A new account gets a link to set
    a password (Django's password-reset token: single use, expires, dies on login); someone
    who already had an account is told where to find the network."""
    from leernetwerk.accounts.services import (  # noqa: PLC0415 - cycle: allauth's sign-up form builds on participants.forms
        password_setting_url,
    )

    site = settings.SITE_URL.rstrip("/")
    context = {
        "person": person,
        "network": network,
        "network_url": site + reverse("networks:network-detail", args=[network.slug]),
        "reset_url": site + reverse("account_reset_password"),
    }
    if new_account:
        context["password_url"] = password_setting_url(person)
    queue_rendered(
        key=f"participants.import-welcome:{network.pk}:{person.pk}",
        recipient=person,
        kind="import_welcome",
        template="participants/email/import_welcome",
        context=context,
    )


def resolve_invitation(token: str) -> Invitation:
    """The invitation behind a link, or InvitationError with a Dutch reason."""
    try:
        raw = signing.loads(token, salt=INVITATION_SALT)
        invitation = Invitation.objects.select_related("network").get(token=raw)
    except (signing.BadSignature, Invitation.DoesNotExist, ValueError, ValidationError) as exc:
        raise InvitationError(_("This invitation link is not valid.")) from exc
    if invitation.accepted_at is not None:
        raise InvitationError(
            _("This invitation has already been used. Log in with your account instead.")
        )
    if invitation.expires_at <= timezone.now():
        raise InvitationError(_("This invitation has expired. Ask your facilitator for a new one."))
    return invitation


@transaction.atomic
def accept_invitation(
    invitation: Invitation,
    *,
    user: User | None = None,
    first_name: str = "",
    last_name: str = "",
    password: str = "",
) -> User:
    """Use the invitation: create the account (or take the signed-in one with the invited
    address) and the membership, and mark the invitation used. Single use.

    Keeps true: an address that already has an account joins only as that account (`user`
    must be it: signed in), never through a second account or someone else's."""
    invitation = Invitation.objects.select_for_update().get(pk=invitation.pk)
    if invitation.accepted_at is not None:
        raise InvitationError(_("This invitation has already been used."))
    if invitation.expires_at <= timezone.now():
        raise InvitationError(_("This invitation has expired. Ask your facilitator for a new one."))
    is_participant = invitation.role == Role.PARTICIPANT
    reason = closed_to_new_members(invitation.network) if is_participant else None
    if reason:
        raise InvitationError(reason)
    existing = User.objects.filter(email__iexact=invitation.email).first()
    if existing is not None and (user is None or user.pk != existing.pk):
        raise InvitationError(
            _(
                "There is already an account with this address. Log in first, then open the "
                "link again."
            )
        )
    if user is None:
        user = User.objects.create_user(
            email=invitation.email,
            password=password,
            first_name=first_name.strip(),
            last_name=last_name.strip(),
        )
    if is_participant:
        add_participant(invitation.network, user)
    else:
        add_member(invitation.network, user, role=invitation.role, is_fixed=False)
    if user.email.lower() == invitation.email.lower():
        # She opened the link mailed to this address: it is hers.
        from leernetwerk.accounts.services import (  # noqa: PLC0415 - cycle: allauth's sign-up form builds on participants.forms
            mark_address_verified,
        )

        mark_address_verified(user)
    invitation.accepted_at = timezone.now()
    invitation.accepted_by = user
    invitation.save(update_fields=["accepted_at", "accepted_by"])
    if invitation.waiting_entry_id is not None:  # an offered place from the waiting list
        close_entry(invitation.waiting_entry, WaitingStatus.JOINED)
    return user


# --- learning questions -----------------------------------------------------------------


@transaction.atomic
def save_learning_question(
    *,
    owner: User,
    data: dict,
    question: LearningQuestion | None = None,
    loaded_version: int | None = None,
) -> LearningQuestion:
    """Create or update the owner's question with its competences and networks. Changing
    one with `loaded_version`: StaleEdit, nothing saved, if it was saved since (for two tabs;
    leernetwerk/concurrency.py)."""
    question = question or LearningQuestion(owner=owner)
    if question.owner_id != owner.pk:
        raise PermissionError("only the owner changes a learning question")
    if question.pk:
        claim_version(question, loaded_version)
    for field in ("title", "description", "goal", "visibility", "status"):
        if field in data:
            setattr(question, field, data[field])
    question.save()
    if "competences" in data:
        question.competences.set(data["competences"])
    if "networks" in data:
        question.networks.set(data["networks"])
    return question


def delete_learning_question(question: LearningQuestion, *, by: User) -> None:
    """Delete the question with its reflections. Only its owner (`by`); PermissionError for
    anyone else. Running it twice fails the second time (nothing left to delete)."""
    if question.owner_id != by.pk:
        raise PermissionError("only the owner deletes a learning question")
    question.delete()


def add_reflection(question: LearningQuestion, *, by: User, data: dict) -> ReflectionEntry:
    """Add a dated note to the owner's reflection log."""
    if question.owner_id != by.pk:
        raise PermissionError("only the owner writes reflections")
    return ReflectionEntry.objects.create(
        question=question, date=data["date"], note=data["note"], meeting=data.get("meeting")
    )


def goal_states_a_means(goal: str) -> bool:
    """Rule of thumb from the second source: a goal begins with "Leerlingen" (students);
    otherwise it probably talks about means."""
    goal = goal.strip().lstrip("'\"‘“").lower()
    return bool(goal) and not (goal.startswith("leerlingen") or goal.startswith("students"))


# --- BC-Scan ----------------------------------------------------------------------------


def _share_scan(scan: BCScan, *, visibility: str, networks: Iterable[Network] | None) -> None:
    """Keep true: a private scan has no network links; a shared one is linked to at least
    one network, each a current network of its owner. `networks=None` keeps the links."""
    if visibility == Visibility.PRIVATE:
        scan.networks.clear()
        return
    if networks is None:
        return
    networks = list(networks)
    if not networks:
        raise ValidationError(_("Choose at least one network to share your BC-Scan with."))
    own = set(Network.objects.with_role(scan.owner).values_list("pk", flat=True))
    if any(network.pk not in own for network in networks):
        raise ValidationError(_("You can only share with a network you are a member of."))
    scan.networks.set(networks)


@transaction.atomic
def record_scan(
    *,
    owner: User,
    answers: dict[str, int],
    visibility: str,
    networks: Iterable[Network] = (),
) -> BCScan:
    """Save a complete BC-Scan, shared through the chosen networks of the owner (none when
    private). Every statement must have an answer on the scale."""
    if bcscan.missing_answers(answers):
        raise ValidationError(_("Answer every statement."))
    scan = BCScan.objects.create(
        owner=owner,
        answers={key: int(answers[key]) for key in bcscan.STATEMENT_KEYS},
        visibility=visibility,
    )
    _share_scan(scan, visibility=visibility, networks=networks)
    return scan


@transaction.atomic
def update_scan_plan(
    scan: BCScan,
    *,
    by: User,
    action_plans: dict,
    visibility: str,
    networks: Iterable[Network] | None = None,
) -> BCScan:
    """The owner changes the action plans and with whom the scan is shared: making it
    private removes its network links; `networks=None` keeps them as they are."""
    if scan.owner_id != by.pk:
        raise PermissionError("only the owner changes a BC-Scan")
    scan.action_plans = {str(k): v.strip() for k, v in action_plans.items() if v and v.strip()}
    scan.visibility = visibility
    scan.save(update_fields=["action_plans", "visibility"])
    _share_scan(scan, visibility=visibility, networks=networks)
    return scan


def delete_scan(scan: BCScan, *, by: User) -> None:
    """Delete the BC-Scan. Only its owner (`by`); PermissionError for anyone else."""
    if scan.owner_id != by.pk:
        raise PermissionError("only the owner deletes a BC-Scan")
    scan.delete()


# --- AVG --------------------------------------------------------------------------------


def pseudonym(person_id: int | None) -> str:
    """How the audit log names a person whose account is gone. Pure; any caller."""
    return f"persoon #{person_id}" if person_id else ""


def audit(
    actor: User | None, action: str, subject: User | None = None, detail: str = ""
) -> AuditLog:
    """Write one audit log entry. Subjects are stored as id and pseudonym, never by name."""
    return AuditLog.objects.create(
        actor=actor if actor is not None and actor.is_authenticated else None,
        action=action,
        subject_id=subject.pk if subject else None,
        subject_pseudonym=pseudonym(subject.pk if subject else None),
        detail=detail[:300],
    )


def _privacy_modules():
    for app in PRIVACY_APPS:
        name = f"{app}.privacy"
        if importlib.util.find_spec(name) is not None:
            yield app, importlib.import_module(name)


def export_person_data(person: User, *, by: User) -> dict:
    """Everything the apps hold about the person, by app; the export is audited."""
    data = {"exported_at": timezone.now().isoformat()}
    for app, module in _privacy_modules():
        data[app] = module.export_person(person)
    audit(by, AuditAction.EXPORT_DATA, person)
    return data


@transaction.atomic
def erase_account(person: User, *, by: User) -> None:
    """Erase or pseudonymise the person's data in every app (aggregates stay as they were),
    then write the erasure to the audit log."""
    person_id = person.pk
    # participants last: the other apps may still need the person's row as it was.
    modules = sorted(_privacy_modules(), key=lambda item: item[0] == "participants")
    for _app, module in modules:
        module.erase_person(person)
    AuditLog.objects.create(
        actor=by if by.pk != person_id else None,
        action=AuditAction.ERASE_PERSON,
        subject_id=person_id,
        subject_pseudonym=pseudonym(person_id),
        detail="" if by.pk != person_id else "op eigen verzoek",
    )
