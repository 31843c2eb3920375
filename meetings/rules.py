"""Who may do what with meetings, polls, buddy groups and the contact log.

Built on the network predicates: organisers (facilitator or penvoerder) run meetings, members
take part, academy staff read everything. Predicates named `*_of_meeting` take a Meeting,
the others a Network (or an object with a `network`)."""

import rules
from django.utils import timezone

from networks.rules import is_academy_staff, is_member, is_organiser

from .enums import MeetingStatus
from .minutes import ATTENDED


def _network(obj):
    if obj is None:
        return None
    if hasattr(obj, "memberships"):  # a Network
        return obj
    if hasattr(obj, "network"):  # Meeting, DatePoll, BuddyGroup, ContactMoment
        return obj.network
    if hasattr(obj, "meeting"):  # Case, GuestSpeaker, Minutes
        return obj.meeting.network
    if hasattr(obj, "minutes"):  # ActionItem, MinutesCorrection
        return obj.minutes.meeting.network
    return None


@rules.predicate
def is_member_of(user, obj) -> bool:
    """A current member (any role) of the object's network."""
    return is_member(user, _network(obj))


@rules.predicate
def is_organiser_of(user, obj) -> bool:
    """Facilitator or penvoerder of the object's network."""
    return is_organiser(user, _network(obj))


@rules.predicate
def meeting_not_ended(user, meeting) -> bool:
    return meeting is not None and meeting.ends_at >= timezone.now()


@rules.predicate
def meeting_is_scheduled(user, meeting) -> bool:
    return meeting is not None and meeting.status == MeetingStatus.SCHEDULED


can_view = is_academy_staff | is_member_of

# Meetings (object: Meeting, or the Network for add/list)
rules.add_perm("meetings.view_meeting", can_view)
rules.add_perm("meetings.add_meeting", is_organiser_of)
rules.add_perm("meetings.change_meeting", is_organiser_of)
rules.add_perm("meetings.cancel_meeting", is_organiser_of & meeting_is_scheduled)
rules.add_perm("meetings.copy_meeting", is_organiser_of)
rules.add_perm("meetings.prepare_meeting", is_organiser_of)
rules.add_perm("meetings.view_responses", is_academy_staff | is_organiser_of)
rules.add_perm("meetings.answer_meeting", is_member_of)
rules.add_perm("meetings.respond_meeting", is_member_of & meeting_not_ended & meeting_is_scheduled)
rules.add_perm("meetings.add_case", is_member_of & meeting_is_scheduled)
rules.add_perm("meetings.record_attendance", is_organiser_of)
rules.add_perm("meetings.view_attendance_rates", is_academy_staff | is_organiser_of)

# Date polls (object: DatePoll, or the Network for add)
rules.add_perm("meetings.view_datepoll", can_view)
rules.add_perm("meetings.add_datepoll", is_organiser_of)
rules.add_perm("meetings.manage_datepoll", is_organiser_of)
rules.add_perm("meetings.answer_datepoll", is_member_of)
# Who answered what names people: the network's own members only (staff see the totals).
# A rule, not a permission: Django grants every permission to a superuser, and this personal
# data is for the network whatever the management-site flags of the viewer.
rules.add_rule("meetings.see_datepoll_answers", is_member_of)

# Between meetings (object: Network)
rules.add_perm("meetings.view_buddygroups", can_view)
rules.add_perm("meetings.manage_buddygroups", is_organiser_of)
rules.add_perm("meetings.view_contact_log", can_view)
rules.add_perm("meetings.add_contactmoment", is_member_of)


# Minutes (verslag). Network-internal: members only, never staff or the public. Written by
# the organisers or the meeting's preparation group; a draft is read by its writers, a shared
# draft also by those who attended, published minutes by every member.
@rules.predicate
def in_preparation_group(user, meeting) -> bool:
    return bool(
        meeting is not None
        and user.is_authenticated
        and meeting.preparation_group.filter(pk=user.pk).exists()
    )


@rules.predicate
def attended_meeting(user, meeting) -> bool:
    """Recorded as present (or late) at the meeting."""
    return bool(
        meeting is not None
        and user.is_authenticated
        and meeting.attendances.filter(person=user, status__in=ATTENDED).exists()
    )


is_minutes_writer = is_organiser_of | (is_member_of & in_preparation_group)


@rules.predicate
def may_read_minutes(user, minutes) -> bool:
    """Object: Minutes. Writers always; attendees once shared; every member once published."""
    if minutes is None or not is_member_of(user, minutes):
        return False
    if minutes.is_published:
        return True
    if is_minutes_writer(user, minutes.meeting):
        return True
    return minutes.is_shared and attended_meeting(user, minutes.meeting)


@rules.predicate
def is_action_owner(user, action) -> bool:
    return action is not None and user.is_authenticated and action.owner_id == user.pk


# Object: Meeting. The minutes page opens for members; what it shows follows read_minutes.
rules.add_perm("meetings.view_minutes", is_member_of)
rules.add_perm("meetings.write_minutes", is_minutes_writer)
rules.add_perm("meetings.read_minutes", may_read_minutes)
rules.add_perm("meetings.suggest_minutes_correction", is_member_of & attended_meeting)
# Object: ActionItem.
rules.add_perm("meetings.complete_actionitem", is_action_owner & is_member_of)
