"""A write that waited too long for the database's write lock (audited writes go one at a time,
sajja.audit.services.serialise_audited_writes): "busy, try again" (HTTP 503 with
Retry-After), on the API and on the pages, never a 500.

SQLite says "database is locked" (or "database table is locked") once its busy timeout has passed;
PostgreSQL cancels a statement past its `lock_timeout` (SQLSTATE 55P03), and a deadlock (40P01) or a
serialization failure (40001) is as safe to retry. Nothing of the refused write was kept: its transaction
was rolled back whole.

>>> from django.db import OperationalError
>>> is_busy(OperationalError("database is locked")), is_busy(OperationalError("no such table: x"))
(True, False)
"""

from __future__ import annotations

from django.db import OperationalError

RETRY_AFTER_SECONDS = 5
_SQLSTATES = {"55P03", "40P01", "40001"}


def is_busy(exc: BaseException) -> bool:
    """Whether this error is a write that waited too long for a lock, and may simply be sent again."""
    if not isinstance(exc, OperationalError):
        return False
    cause = exc.__cause__ or exc.__context__
    if getattr(cause, "sqlstate", None) in _SQLSTATES:
        return True
    text = str(exc).lower()
    return "database is locked" in text or "database table is locked" in text or "lock timeout" in text
