"""The pages the benchmark measures: each returns (user or None, url) on the current data."""

from __future__ import annotations

from django.urls import reverse

from networks.enums import Role
from networks.models import Membership, Network
from participants.models import User


def _staff():
    return User.objects.get(email="staff@bench.test")


def _member(role: str) -> Membership:
    return (
        Membership.objects.filter(role=role, network__status="active")
        .select_related("person", "network")
        .order_by("network_id", "id")
        .first()
    )


def staff_start_page():
    return _staff(), reverse("networks:my-networks")


def facilitator_start_page():
    return _member(Role.FACILITATOR).person, reverse("networks:my-networks")


def penvoerder_start_page():
    return _member(Role.PENVOERDER).person, reverse("networks:my-networks")


def participant_start_page():
    return _member(Role.PARTICIPANT).person, reverse("networks:my-networks")


def directory_page():
    return None, reverse("networks:directory-list")


def network_page():
    membership = _member(Role.FACILITATOR)
    return membership.person, membership.network.get_absolute_url()


def meeting_list_page():
    return _member(Role.FACILITATOR).person, reverse("meetings:meeting-list")


def _held_meeting(network: Network):
    """The network's latest held meeting with registered attendance (and minutes)."""
    from django.utils import timezone

    return (
        network.meetings.filter(starts_at__lt=timezone.now(), attendances__isnull=False)
        .distinct()
        .order_by("-starts_at")
        .first()
    )


def attendance_page():
    membership = _member(Role.FACILITATOR)
    meeting = _held_meeting(membership.network)
    return membership.person, reverse("meetings:attendance", kwargs={"pk": meeting.pk})


def minutes_page():
    """A participant reads the published minutes (with their actions) of a held meeting."""
    membership = _member(Role.PARTICIPANT)
    meeting = _held_meeting(membership.network)
    return membership.person, reverse("meetings:minutes", kwargs={"pk": meeting.pk})


def date_poll_page():
    """A participant answers an open date poll of her network: everyone's answers per date."""
    membership = _member(Role.PARTICIPANT)
    poll = membership.network.date_polls.open().order_by("id").first()
    return membership.person, reverse("meetings:poll-detail", kwargs={"pk": poll.pk})


def review_queue_page():
    return _staff(), reverse("networks:review-queue")


def review_page():
    from networks.models import Application

    application = Application.objects.order_by("id").first()
    return _staff(), reverse("networks:review-detail", kwargs={"pk": application.pk})


def evaluation_report_page():
    from evaluations.models import EvaluationRound

    evaluation = EvaluationRound.objects.filter(kind="interim").order_by("id").first()
    return _staff(), reverse("evaluations:report", kwargs={"pk": evaluation.pk})


def staff_dashboard_page():
    return _staff(), reverse("evaluations:dashboard")


PAGES = {
    "start_staff": staff_start_page,
    "start_facilitator": facilitator_start_page,
    "start_penvoerder": penvoerder_start_page,
    "start_participant": participant_start_page,
    "directory": directory_page,
    "network": network_page,
    "meeting_list": meeting_list_page,
    "attendance": attendance_page,
    "minutes": minutes_page,
    "date_poll": date_poll_page,
    "review_queue": review_queue_page,
    "review": review_page,
    "evaluation_report": evaluation_report_page,
    "staff_dashboard": staff_dashboard_page,
}

__all__ = ["PAGES", "Network"]
