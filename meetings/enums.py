from django.db import models
from django.utils.translation import gettext_lazy as _


class MeetingStatus(models.TextChoices):
    SCHEDULED = "scheduled", _("Scheduled")
    CANCELLED = "cancelled", _("Cancelled")


class AttendanceStatus(models.TextChoices):
    """What the facilitator registers per member. An apology comes from the member's RSVP
    ("not coming") and is counted apart from an absence without notice."""

    PRESENT = "present", _("Present")
    LATE = "late", _("Late")
    EXCUSED = "excused", _("Apologised in advance")
    ABSENT = "absent", _("Absent without notice")


class ResponseAnswer(models.TextChoices):
    """A member's answer to a meeting invitation."""

    COMING = "coming", _("Coming")
    NOT_COMING = "not_coming", _("Not coming")
    MAYBE = "maybe", _("Maybe")


class PollAnswerChoice(models.TextChoices):
    """An answer to one candidate date of a date poll (prikken)."""

    YES = "yes", _("Yes")
    IF_NEED_BE = "if_need_be", _("If need be")
    NO = "no", _("No")


class MailKind(models.TextChoices):
    INVITATION = "invitation", _("Invitation")
    CHANGE = "change", _("Change notice")
    CANCELLATION = "cancellation", _("Cancellation notice")
    REMINDER = "reminder", _("Reminder")
    POLL_REMINDER = "poll_reminder", _("Date poll reminder")
    POLL_OPENED = "poll_opened", _("Date poll opened")
    POLL_DEADLINE = "poll_deadline", _("Date poll deadline reminder")
    POLL_COMPLETE = "poll_complete", _("Everybody answered the date poll")
    ABSENCE_NOTICE = "absence_notice", _("Repeated absence without notice")
    SPEAKER_INVITATION = "speaker_invitation", _("Guest speaker invitation")
    SPEAKER_ANSWER = "speaker_answer", _("A guest speaker's answer")
    MINUTES_SHARED = "minutes_shared", _("Draft minutes to correct")
    MINUTES_CORRECTION = "minutes_correction", _("Suggested correction to the minutes")
    MINUTES_PUBLISHED = "minutes_published", _("Minutes published")
    ACTION_REMINDER = "action_reminder", _("Action item reminder")


class SpeakerAnswer(models.TextChoices):
    """A guest speaker's answer to the invitation, given from the mail without an account."""

    PENDING = "pending", _("No answer yet")
    ACCEPTED = "accepted", _("Accepted")
    DECLINED = "declined", _("Declined")


class MinutesStatus(models.TextChoices):
    """Where the minutes (verslag) of a meeting stand: written by the facilitator or the
    preparation group, shared as a draft with the attendees for corrections, then
    published to the network."""

    DRAFT = "draft", _("Draft")
    SHARED = "shared", _("Draft shared for corrections")
    PUBLISHED = "published", _("Published")


class CalendarAlarm(models.TextChoices):
    """A person's reminder in her calendar program (a VALARM), before each meeting."""

    NONE = "none", _("No reminder")
    HOUR = "1h", _("1 hour before")
    DAY = "1d", _("1 day before")
