"""Who may do what with meetings, polls, buddy groups and the contact log.

Built on the network predicates: organisers (facilitator or penvoerder) run meetings, members
take part, academy staff read everything. Predicates named `*_of_meeting` take a Meeting,
the others a Network (or an object with a `network`)."""

import rules

from networks.rules import is_academy_staff, is_member, is_organiser


def _network(obj):
    if obj is None:
        return None
    if hasattr(obj, "memberships"):  # a Network
        return obj
    if hasattr(obj, "network"):  # Meeting, DatePoll, BuddyGroup, ContactMoment
        return obj.network
    if hasattr(obj, "meeting"):  # Case, GuestSpeaker
        return obj.meeting.network
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
    from django.utils import timezone

    return meeting is not None and meeting.ends_at >= timezone.now()


@rules.predicate
def meeting_is_scheduled(user, meeting) -> bool:
    from .enums import MeetingStatus

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

# Between meetings (object: Network)
rules.add_perm("meetings.view_buddygroups", can_view)
rules.add_perm("meetings.manage_buddygroups", is_organiser_of)
rules.add_perm("meetings.view_contact_log", can_view)
rules.add_perm("meetings.add_contactmoment", is_member_of)
