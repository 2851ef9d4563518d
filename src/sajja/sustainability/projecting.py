"""Projecting a body and storing the result: the worker's part (`run`, from the queued row) and the
command line's and the demo's (`compute_now`). Never called from a request."""

from __future__ import annotations

import logging
import math

import numpy as np
from django.conf import settings as django_settings
from django.utils import timezone

from sajja.core.errors import DomainError
from sajja.registry.models import Fund
from sajja.simulate import SimulationError
from sajja.sustainability.changes import body_filter, last_change
from sajja.sustainability.compute import Settings, compute, compute_network
from sajja.sustainability.models import Projection, Reason, Status

log = logging.getLogger(__name__)
KEEP = 10  # finished projections kept per body; older ones are derived data and go


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


def compute_now(body, reason: str = str(Reason.DEMO), settings: Settings | None = None) -> Projection:
    """Project the body here and now (the demo, the command line): never from a request."""
    settings = settings or configured()
    started, through = timezone.now(), last_change(body)
    result = _compute(body, settings)
    row = Projection(**body_filter(body), reason=reason, started_at=started, through_seq=through)
    return store(row, result, settings)
