"""What other apps may hear from networks without networks importing them (the app order,
docs/architecture.md): an app above connects a receiver in its `AppConfig.ready()`."""

from django.dispatch import Signal

# Sent by `networks.memberships.add_member` when a person becomes a current member (a new
# row, or back after leaving), with `membership`. Not sent when nothing changed. Receivers
# run inside the caller's transaction: they enqueue work (`leernetwerk.dispatch.enqueue`),
# which runs after the commit.
member_added = Signal()

# Sent by `networks.memberships.end_membership` and `leave_network` for each membership that
# ended (its `left_on` set, the row kept), with `membership`. Not sent when it had ended
# already. Receivers run inside the caller's transaction, as for `member_added`; the one
# receiver (`participants.receivers.member_left`) offers the freed place to the waiting list.
member_left = Signal()
