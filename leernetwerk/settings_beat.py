"""What Celery beat runs when: the periodic tasks of every app, kept out of settings.py to keep
it short. settings.py imports CELERY_BEAT_SCHEDULE from here; the times are Europe/Amsterdam
(CELERY_TIMEZONE)."""

from celery.schedules import crontab

CELERY_BEAT_SCHEDULE = {
    "recheck-eligibility-yearly": {
        "task": "leernetwerk.networks.recheck_supported_networks",
        "schedule": 60 * 60 * 24,  # daily; a network is re-checked once its year has passed
    },
    "meeting-reminders": {
        "task": "leernetwerk.meetings.send_meeting_reminders",
        "schedule": 60 * 60,
    },
    "action-reminders": {
        "task": "leernetwerk.meetings.send_action_reminders",
        "schedule": crontab(hour=8, minute=0),  # daily; each action is reminded once
    },
    "minutes-publish-due": {
        "task": "leernetwerk.meetings.publish_due_minutes",
        "schedule": crontab(hour=6, minute=0),  # daily; minutes whose correction week is over
    },
    "poll-deadline-reminders": {
        "task": "leernetwerk.meetings.send_poll_deadline_reminders",
        "schedule": 60 * 60,  # the day before a poll's deadline; each poll once
    },
    "evaluation-reminders": {
        "task": "leernetwerk.evaluations.send_round_reminders",
        "schedule": 60 * 60 * 24,
    },
    "mails-retry": {
        "task": "leernetwerk.mails.retry_pending",
        "schedule": 60 * 5,
    },
    "mails-digests": {
        "task": "leernetwerk.mails.send_due_digests",
        "schedule": crontab(hour=7, minute=0),  # Europe/Amsterdam; weekly ones on Mondays
    },
    "flush-outbox": {
        "task": "leernetwerk.core.flush_outbox",
        "schedule": 60,
    },
    "member-imports-cleanup": {
        "task": "leernetwerk.participants.delete_old_member_imports",
        "schedule": 60 * 60 * 24,  # an upload's file, preview and errors are kept a week
    },
    "waiting-list-offers": {
        "task": "leernetwerk.participants.expire_place_offers",
        "schedule": crontab(hour=6, minute=30),  # daily; expired offers go to the next
    },
    "worker-heartbeat": {
        "task": "leernetwerk.core.record_heartbeat",
        "schedule": 60 * 5,
    },
    "recover-score-computations": {
        "task": "leernetwerk.evaluations.recover_score_computations",
        "schedule": 60 * 5,
    },
    "phase-reports-nightly": {
        "task": "leernetwerk.evaluations.compute_all_phase_reports",
        "schedule": 60 * 60 * 24,
    },
}
