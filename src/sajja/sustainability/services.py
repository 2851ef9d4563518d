"""Asking for a projection: a row and a background task, queued in the asker's transaction.

Nothing here projects inside a request: the worker (`sajja db_worker`) runs the task (tasks.py), which
projects and stores the numbers (projecting.py). Changes to a fund's members, scheme or money queue a
projection of the fund and of its network once their transaction commits (signals.py, changes.py).
"""

from __future__ import annotations

import logging

from django.db import IntegrityError, transaction
from django_tasks.backends.immediate import ImmediateBackend

from sajja.access.policy import require
from sajja.audit.services import record
from sajja.registry.models import Fund
from sajja.sustainability.changes import body_filter
from sajja.sustainability.models import Projection, Reason, Status
from sajja.sustainability.tasks import recompute

log = logging.getLogger(__name__)


def queue(
    body, reason: str = str(Reason.CHANGE), requested_by=None, covers: int | None = None
) -> Projection | None:
    """A waiting projection of the body: the one already waiting, or a new one with its task.

    `covers`: the change that asks; nothing is queued when a projection running or done already
    read the inputs after it.
    """
    rows = Projection.objects.filter(**body_filter(body))
    with transaction.atomic():
        waiting = rows.filter(status=Status.QUEUED).first()
        if waiting is not None:
            return waiting
        if covers is not None and rows.filter(through_seq__gte=covers).exclude(status=Status.FAILED).exists():
            return None
        try:
            with transaction.atomic():
                row = Projection.objects.create(**body_filter(body), reason=reason, requested_by=requested_by)
        except IntegrityError:  # another transaction queued one just now
            return rows.filter(status=Status.QUEUED).first()
        if isinstance(recompute.get_backend(), ImmediateBackend):
            # Without a worker's queue (settings.TASKS) the task would run here, in the request: the row
            # waits instead, and the system check sustainability.W001 says what to configure.
            log.warning("projection #%s not sent to a worker: TASKS has no database backend", row.pk)
            return row
        row.task_id = str(recompute.enqueue(row.pk).id)
        row.save(update_fields=["task_id"])
        return row


def request_recompute(actor, body) -> Projection:
    """An officer asks for the body's projection again (the button, the API); audited."""
    require(actor, body, "request_projection")
    user = actor if getattr(actor, "pk", None) else None
    with transaction.atomic():
        row = queue(body, str(Reason.REQUEST), requested_by=user)
        if row is None:  # queue skips a request only for a change it covers (`covers`), never an officer's
            raise RuntimeError(f"no projection of {body} was queued for the officer's request")
        record(
            actor,
            "sustainability.projection.request",
            "projection",
            row.pk,
            fund_id=body.pk if isinstance(body, Fund) else None,
            data={"network": None if isinstance(body, Fund) else body.code},
        )
    return row


def queue_after_change(fund_id: int, seq: int) -> None:
    """After a change of a fund commits: queue its projection and its network's."""
    fund = Fund.objects.select_related("network").filter(pk=fund_id).first()
    if fund is None:
        return
    queue(fund, covers=seq)
    queue(fund.network, covers=seq)
