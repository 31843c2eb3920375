"""Writes for meetings, polls, buddy groups, the contact log, feeds and mail, by area.

Views check permission (meetings/rules.py) before calling; services keep the data rules
(times, membership, sizes) and raise ValidationError with Dutch messages per field."""

from .attendance import mark_everyone_present, record_attendance
from .between import (
    calendar_feed_token_for,
    dissolve_buddy_group,
    form_buddy_group,
    record_contact_moment,
    reset_calendar_feed_token,
    set_calendar_alarm,
)
from .mail import (
    reminder_days,
    send_meeting_mail,
    send_meeting_reminders,
    send_open_polls_to_new_member,
    send_poll_deadline_reminders,
    send_poll_opened,
    send_poll_reminder,
    tell_speakers_of_move,
)
from .meetings import (
    add_case,
    add_guest_speaker,
    answer_speaker_invitation,
    cancel_meeting,
    invite_guest_speaker,
    plan_meetings,
    record_next_theme,
    remove_guest_speaker,
    respond_to_meeting,
    schedule_meeting,
    update_meeting,
)
from .polls import (
    answer_date_poll,
    choose_poll_option,
    create_date_poll,
    notify_poll_complete,
    remind_poll_non_respondents,
)

__all__ = [
    "add_case",
    "add_guest_speaker",
    "answer_speaker_invitation",
    "invite_guest_speaker",
    "answer_date_poll",
    "calendar_feed_token_for",
    "cancel_meeting",
    "choose_poll_option",
    "create_date_poll",
    "dissolve_buddy_group",
    "form_buddy_group",
    "plan_meetings",
    "record_attendance",
    "record_contact_moment",
    "record_next_theme",
    "remind_poll_non_respondents",
    "reminder_days",
    "remove_guest_speaker",
    "reset_calendar_feed_token",
    "set_calendar_alarm",
    "respond_to_meeting",
    "schedule_meeting",
    "send_meeting_mail",
    "tell_speakers_of_move",
    "send_meeting_reminders",
    "send_poll_deadline_reminders",
    "send_poll_opened",
    "send_open_polls_to_new_member",
    "send_poll_reminder",
    "mark_everyone_present",
    "notify_poll_complete",
    "update_meeting",
]

from .minutes import (  # noqa: E402 - the minutes writes, by area like the rest
    add_action_item,
    complete_action_item,
    publish_due_minutes,
    publish_minutes,
    remove_action_item,
    save_minutes,
    send_action_reminders,
    share_minutes,
    suggest_correction,
)

__all__ += [
    "add_action_item",
    "complete_action_item",
    "publish_due_minutes",
    "publish_minutes",
    "remove_action_item",
    "save_minutes",
    "send_action_reminders",
    "share_minutes",
    "suggest_correction",
]
