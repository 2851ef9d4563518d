"""The hook: a change to a fund's members, scheme or money queues its projection once the change commits.

Every such write appends an audit event (sajja.audit.services.record) in its own transaction, so one
receiver on AuditEvent sees them all without touching the other apps. One callback per fund and
transaction, however many events the transaction appends (an import of a thousand members queues once).
"""

from __future__ import annotations

from django.db import transaction

from sajja.sustainability.changes import is_change
from sajja.sustainability.services import queue_after_change


class _AfterCommit:
    """The callback of one fund in one transaction; later events of the fund raise its `seq`."""

    def __init__(self, fund_id: int, seq: int):
        self.fund_id, self.seq = fund_id, seq

    def __call__(self):
        queue_after_change(self.fund_id, self.seq)


def _waiting(fund_id: int) -> _AfterCommit | None:
    """This transaction's callback for the fund, if one is registered (a rolled-back savepoint drops it)."""
    for entry in getattr(transaction.get_connection(), "run_on_commit", []):
        callback = entry[1]
        if isinstance(callback, _AfterCommit) and callback.fund_id == fund_id:
            return callback
    return None


def audit_event_saved(sender, instance, created, **kwargs):
    if not created or instance.fund_id is None or not is_change(instance.action, instance.object_type):
        return
    waiting = _waiting(instance.fund_id)
    if waiting is not None:
        waiting.seq = max(waiting.seq, instance.seq)
        return
    # robust: a failure to queue is logged, never turned into a failure of the write that committed
    transaction.on_commit(_AfterCommit(instance.fund_id, instance.seq), robust=True)
