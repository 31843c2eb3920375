"""Who may do what with people's data. Roles are data (memberships, the staff group)."""

import rules

from networks.rules import is_academy_staff, is_member, is_organiser

from .models import BCScan, LearningQuestion, ReflectionEntry


@rules.predicate
def is_owner(user, obj) -> bool:
    return bool(user and user.is_authenticated and obj is not None and obj.owner_id == user.pk)


@rules.predicate
def can_read_question(user, question) -> bool:
    """Agrees with LearningQuestion.objects.visible_to(user) (a test checks both)."""

    if question is None or not (user and user.is_authenticated):
        return False
    return LearningQuestion.objects.visible_to(user).filter(pk=question.pk).exists()


@rules.predicate
def can_read_reflection(user, reflection) -> bool:
    """Agrees with ReflectionEntry.objects.visible_to(user): whoever reads the question."""

    if reflection is None or not (user and user.is_authenticated):
        return False
    return ReflectionEntry.objects.visible_to(user).filter(pk=reflection.pk).exists()


@rules.predicate
def can_read_scan(user, scan) -> bool:
    """Agrees with BCScan.objects.visible_to(user)."""

    if scan is None or not (user and user.is_authenticated):
        return False
    return BCScan.objects.visible_to(user).filter(pk=scan.pk).exists()


rules.add_perm("participants.view_learningquestion", can_read_question)
rules.add_perm("participants.change_learningquestion", is_owner)
rules.add_perm("participants.view_reflectionentry", can_read_reflection)
rules.add_perm("participants.view_bcscan", can_read_scan)
rules.add_perm("participants.change_bcscan", is_owner)
rules.add_perm("participants.view_people", is_academy_staff)
rules.add_perm("participants.view_auditlog", is_academy_staff)
# Per network:
rules.add_perm("participants.invite_members", is_academy_staff | is_organiser)
rules.add_perm("participants.import_members", is_academy_staff | is_organiser)
rules.add_perm("participants.view_member_list", is_academy_staff | is_organiser)
rules.add_perm("participants.view_shared_questions", is_member)


@rules.predicate
def is_uploader(user, job) -> bool:
    return bool(
        user and user.is_authenticated and job is not None and job.uploaded_by_id == user.pk
    )


@rules.predicate
def may_import_into_job_network(user, job) -> bool:
    return job is not None and user.has_perm("participants.import_members", job.network)


# An upload's job page (progress, preview, errors) is the uploader's own working state, as the
# preview in the session was before: only the uploader, while still allowed to import.
rules.add_perm("participants.view_memberimport", is_uploader & may_import_into_job_network)
