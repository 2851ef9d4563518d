"""Every write of the sustainability area: asking for a projection, and the worker storing its result.

Nothing here projects inside a request: asking queues a row and a background task (django-tasks'
database backend), in the asker's transaction; the worker (`sajja db_worker`) runs `run`, which reads
the inputs then, computes, and stores the numbers. Changes to a fund's members, scheme or money queue
a projection of the fund and of its network once their transaction commits (signals.py).
"""

from __future__ import annotations

import logging
import math

import numpy as np
from django.conf import settings as django_settings
from django.db import IntegrityError, transaction
from django.db.models import Max, Q
from django.utils import timezone
from django_tasks.backends.immediate import ImmediateBackend

from sajja.access.policy import require
from sajja.audit.chain import ENTRIES_OBJECT
from sajja.audit.models import AuditEvent
from sajja.audit.services import record
from sajja.core.errors import DomainError
from sajja.registry.models import Fund
from sajja.simulate import SimulationError
from sajja.sustainability.compute import Settings, compute, compute_network
from sajja.sustainability.models import Projection, Reason, Status

log = logging.getLogger(__name__)
KEEP = 10  # finished projections kept per body; older ones are derived data and go

# The audit events that change what a projection starts from: members, the scheme, the money.
CHANGES = (
    Q(object_type=ENTRIES_OBJECT)
    | Q(action__startswith="registry.member.")
    | Q(action__startswith="welfare.scheme.")
)


def is_change(action: str, object_type: str) -> bool:
    return object_type == ENTRIES_OBJECT or action.startswith(("registry.member.", "welfare.scheme."))


def body_filter(body) -> dict:
    return {"fund": body, "network": None} if isinstance(body, Fund) else {"fund": None, "network": body}


def _fund_ids(body) -> list[int]:
    return [body.pk] if isinstance(body, Fund) else list(body.funds.values_list("pk", flat=True))


def last_change(body) -> int:
    """The sequence number of the body's latest change (0 if none)."""
    events = AuditEvent.objects.filter(fund_id__in=_fund_ids(body)).filter(CHANGES)
    return events.aggregate(last=Max("seq"))["last"] or 0


def queue(
    body, reason: str = Reason.CHANGE, requested_by=None, covers: int | None = None
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
        from sajja.sustainability.tasks import recompute  # the task module imports this one

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
        row = queue(body, Reason.REQUEST, requested_by=user)
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


def configured() -> Settings:
    return Settings.of(getattr(django_settings, "SAJJA_PROJECTION", None))


def _inputs(body):
    from sajja.sustainability.inputs import fund_inputs, network_inputs  # the engine's side of the app

    return fund_inputs(body) if isinstance(body, Fund) else network_inputs(body)


def _compute(body, settings: Settings) -> dict:
    inputs = _inputs(body)
    return compute(inputs, settings) if isinstance(body, Fund) else compute_network(inputs, settings)


def _failure(exc: Exception) -> tuple[str, str]:
    if isinstance(exc, DomainError):
        return exc.message_th, exc.message_en
    if isinstance(exc, SimulationError):
        return f"คำนวณไม่ได้: {exc}", str(exc)
    return "คำนวณไม่สำเร็จ เกิดข้อผิดพลาดในระบบ", f"{type(exc).__name__}: {exc}"


def plain(value):
    """JSON that both databases store: no infinities or NaN (None), no NumPy numbers."""
    if isinstance(value, dict):
        return {str(k): plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [plain(v) for v in value]
    if isinstance(value, float | np.floating):
        return float(value) if math.isfinite(value) else None
    if isinstance(value, np.integer):
        return int(value)
    return value


def store(row: Projection, result: dict, settings: Settings) -> Projection:
    result = plain(result)
    row.digest = result["digest"]
    row.inputs = result["inputs"]
    row.summary = result["summary"]
    row.fixes = result["fixes"]
    row.scenarios = result["scenarios"]
    row.years, row.paths, row.seed = settings.years, settings.paths, settings.seed
    row.start_year = result["summary"]["start_year"]
    row.status, row.finished_at = Status.DONE, timezone.now()
    row.error_th = row.error_en = ""
    row.save()
    _prune(row)
    return row


def _prune(row: Projection) -> None:
    finished = Projection.objects.filter(fund_id=row.fund_id, network_id=row.network_id).filter(
        status__in=(Status.DONE, Status.FAILED)
    )
    old = list(finished.order_by("-finished_at", "-pk").values_list("pk", flat=True)[KEEP:])
    if old:
        Projection.objects.filter(pk__in=old).delete()


def run(projection_id: int, settings: Settings | None = None) -> str:
    """The worker's part: claim the waiting row, read the inputs now, compute, store (or the failure)."""
    settings = settings or configured()
    claimed = Projection.objects.filter(pk=projection_id, status=Status.QUEUED).update(
        status=Status.RUNNING, started_at=timezone.now()
    )
    if not claimed:
        return "not waiting"
    row = Projection.objects.select_related("fund", "network").get(pk=projection_id)
    try:
        row.through_seq = last_change(row.body)  # first: a change after this reads as newer
        row.save(update_fields=["through_seq"])
        store(row, _compute(row.body, settings), settings)
    except Exception as exc:
        row.error_th, row.error_en = _failure(exc)
        row.status, row.finished_at = Status.FAILED, timezone.now()
        row.save(update_fields=["error_th", "error_en", "status", "finished_at"])
        log.warning("projection #%s failed: %s", row.pk, row.error_en)
        raise
    return row.digest


def compute_now(body, reason: str = Reason.DEMO, settings: Settings | None = None) -> Projection:
    """Project the body here and now (the demo, the command line): never from a request."""
    settings = settings or configured()
    started, through = timezone.now(), last_change(body)
    result = _compute(body, settings)
    row = Projection(**body_filter(body), reason=reason, started_at=started, through_seq=through)
    return store(row, result, settings)
