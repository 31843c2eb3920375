"""The meetings models, by area; every model is importable from here."""

from .between import BuddyGroup, CalendarFeedToken, ContactMoment
from .meetings import Attendance, Case, GuestSpeaker, Meeting, Response
from .minutes import ActionItem, Minutes, MinutesCorrection
from .polls import DatePoll, PollAnswer, PollOption

__all__ = [
    "ActionItem",
    "Attendance",
    "BuddyGroup",
    "CalendarFeedToken",
    "Case",
    "ContactMoment",
    "DatePoll",
    "GuestSpeaker",
    "Meeting",
    "Minutes",
    "MinutesCorrection",
    "PollAnswer",
    "PollOption",
    "Response",
]
