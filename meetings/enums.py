from django.db import models
from django.utils.translation import gettext_lazy as _


class MeetingStatus(models.TextChoices):
    SCHEDULED = "scheduled", _("Scheduled")
    CANCELLED = "cancelled", _("Cancelled")


class AttendanceStatus(models.TextChoices):
    PRESENT = "present", _("Present")
    ABSENT = "absent", _("Absent")
    EXCUSED = "excused", _("Excused")


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
    SPEAKER_INVITATION = "speaker_invitation", _("Guest speaker invitation")


class SpeakerAnswer(models.TextChoices):
    """A guest speaker's answer to the invitation, given from the mail without an account."""

    PENDING = "pending", _("No answer yet")
    ACCEPTED = "accepted", _("Accepted")
    DECLINED = "declined", _("Declined")
