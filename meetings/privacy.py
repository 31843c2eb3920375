"""The privacy contract for issue 5: export and erase a person's meeting data."""

from __future__ import annotations

from django.db import transaction

from leernetwerk.labels import labelled
from mails.models import Mail

from .models import (
    ActionItem,
    Attendance,
    BuddyGroup,
    CalendarFeedToken,
    Case,
    ContactMoment,
    MinutesCorrection,
    PollAnswer,
    Response,
)


def export_person(user) -> dict:
    """Everything this app stores about the person, JSON-serialisable."""

    def when(value):
        return value.isoformat() if value else None

    return {
        "meeting_responses": [
            {
                "meeting": r.meeting.title,
                "starts_at": when(r.meeting.starts_at),
                **labelled(r, "answer"),
                "apology": r.apology,
                "answered_at": when(r.answered_at),
            }
            for r in Response.objects.filter(person=user).select_related("meeting")
        ],
        "attendance": [
            {
                "meeting": a.meeting.title,
                "starts_at": when(a.meeting.starts_at),
                **labelled(a, "status"),
            }
            for a in Attendance.objects.filter(person=user).select_related("meeting")
        ],
        "cases": [
            {
                "meeting": c.meeting.title,
                "title": c.title,
                "description": c.description,
                "created_at": when(c.created_at),
            }
            for c in Case.objects.filter(author=user).select_related("meeting")
        ],
        "preparation_groups": [
            {"meeting": m.title, "starts_at": when(m.starts_at)}
            for m in user.prepared_meetings.all()
        ],
        "date_poll_answers": [
            {
                "poll": a.option.poll.title,
                "date": when(a.option.starts_at),
                **labelled(a, "answer"),
            }
            for a in PollAnswer.objects.filter(person=user).select_related("option__poll")
        ],
        "buddy_groups": [
            {"network": g.network.name, "name": g.name}
            for g in BuddyGroup.objects.filter(members=user).select_related("network")
        ],
        "contact_moments": [
            {"network": m.network.name, "date": when(m.date), "note": m.note}
            for m in ContactMoment.objects.filter(participants=user).select_related("network")
        ],
        "action_items": [
            {
                "meeting": a.minutes.meeting.title,
                "description": a.description,
                "due_date": when(a.due_date),
                "done_at": when(a.done_at),
            }
            for a in ActionItem.objects.filter(owner=user).select_related("minutes__meeting")
        ],
        "minutes_corrections": [
            {"meeting": c.minutes.meeting.title, "text": c.text, "created_at": when(c.created_at)}
            for c in MinutesCorrection.objects.filter(author=user).select_related(
                "minutes__meeting"
            )
        ],
        "calendar_feed": CalendarFeedToken.objects.filter(person=user).exists(),
        "mails_sent": [
            {"kind": s.kind, **labelled(s, "status"), "sent_at": when(s.sent_at)}
            for s in Mail.objects.filter(recipient=user)
        ],
    }


@transaction.atomic
def erase_person(user) -> None:
    """Erase what is personal; keep aggregate figures.

    Answers, apologies, cases, poll answers, the feed token and the mail log go. The person
    leaves buddy groups, preparation groups and contact moments (the moments stay, so the
    network's contact count holds). Attendance rows stay as they are for the network's
    rates; they only disappear if the account itself is deleted afterwards."""
    Response.objects.filter(person=user).delete()
    Case.objects.filter(author=user).delete()
    MinutesCorrection.objects.filter(author=user).delete()
    # The network keeps its agreed actions; they no longer name the person.
    ActionItem.objects.filter(owner=user).update(owner=None)
    PollAnswer.objects.filter(person=user).delete()
    CalendarFeedToken.objects.filter(person=user).delete()
    Mail.objects.filter(recipient=user).delete()
    user.prepared_meetings.clear()
    for group in BuddyGroup.objects.filter(members=user):
        group.members.remove(user)
    for moment in ContactMoment.objects.filter(participants=user):
        moment.participants.remove(user)
    ContactMoment.objects.filter(recorded_by=user).update(recorded_by=None)
