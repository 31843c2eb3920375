"""Forms validate input and lay it out (crispy); views pass cleaned_data to a service.
One module per area; the names are importable from `meetings.forms` as before."""

from .attendance import AttendanceForm
from .between import BuddyGroupForm, CalendarAlarmForm, ContactMomentForm
from .meetings import (
    CaseForm,
    GuestSpeakerForm,
    MeetingForm,
    NextThemeForm,
    ResponseForm,
    SpeakerAnswerForm,
)
from .minutes import ActionItemForm, CorrectionForm, MinutesForm
from .planning import PlannerConfirmForm, PlannerForm
from .polls import DatePollForm, PollAnswerForm

__all__ = [
    "ActionItemForm",
    "CorrectionForm",
    "MinutesForm",
    "AttendanceForm",
    "BuddyGroupForm",
    "CalendarAlarmForm",
    "CaseForm",
    "ContactMomentForm",
    "DatePollForm",
    "GuestSpeakerForm",
    "MeetingForm",
    "NextThemeForm",
    "PlannerConfirmForm",
    "PlannerForm",
    "PollAnswerForm",
    "ResponseForm",
    "SpeakerAnswerForm",
]
