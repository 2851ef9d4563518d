"""The hooks: a fund's figures are worked out again once a write of the fund commits, and once the worker
stores a projection of it.

Every write of a fund's members, money, claims or closes appends an audit event in its own transaction,
so one receiver on AuditEvent sees them all (as the sustainability area's does). One refresh per fund
and transaction, however many events the transaction appends; it runs after the commit, outside the
write's transaction and its lock, and a failure is logged, never turned into a failure of the write.
"""

from __future__ import annotations

from django.db import transaction

from sajja.rollup.services import refresh
from sajja.sustainability.models import Status


class _AfterCommit:
    """The refresh of one fund after the transaction that wrote it commits."""

    def __init__(self, fund_id: int):
        self.fund_id = fund_id

    def __call__(self):
        refresh([self.fund_id])


def _waiting(fund_id: int) -> bool:
    """Whether this transaction already refreshes the fund when it commits."""
    for entry in getattr(transaction.get_connection(), "run_on_commit", []):
        callback = entry[1]
        if isinstance(callback, _AfterCommit) and callback.fund_id == fund_id:
            return True
    return False


def after_commit(fund_id: int | None) -> None:
    if fund_id is None or _waiting(fund_id):
        return
    transaction.on_commit(_AfterCommit(fund_id), robust=True)


def audit_event_saved(sender, instance, created, **kwargs):
    if created:
        after_commit(instance.fund_id)


def projection_saved(sender, instance, **kwargs):
    if instance.status == Status.DONE:
        after_commit(instance.fund_id)
