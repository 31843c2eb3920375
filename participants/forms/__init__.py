"""Forms of the participants app: they validate; views pass cleaned_data to a service.
One module per area; the names are importable from `participants.forms` as before."""

from .fields import SchoolChoiceField, school_label
from .invitations import AcceptInvitationForm, ImportConfirmForm, ImportUploadForm, InviteForm
from .privacy import EraseAccountForm, LearningRecordForm
from .profiles import PeopleFilterForm, ProfileForm, SchoolProposalForm
from .questions import LearningQuestionForm, ReflectionForm
from .scans import BCScanForm, ScanPlanForm, ScanSharingMixin
from .waiting import MaxParticipantsForm

__all__ = [
    "AcceptInvitationForm",
    "BCScanForm",
    "EraseAccountForm",
    "ImportConfirmForm",
    "ImportUploadForm",
    "InviteForm",
    "LearningQuestionForm",
    "LearningRecordForm",
    "MaxParticipantsForm",
    "PeopleFilterForm",
    "ProfileForm",
    "ReflectionForm",
    "ScanPlanForm",
    "ScanSharingMixin",
    "SchoolChoiceField",
    "SchoolProposalForm",
    "school_label",
]
