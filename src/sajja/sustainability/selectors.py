"""Every read of the sustainability area, scoped: a body's stored projection and where its next one stands."""

from __future__ import annotations

from dataclasses import dataclass

from sajja.access.policy import may, require
from sajja.sustainability.changes import body_filter, last_change
from sajja.sustainability.models import Projection, Status


@dataclass(frozen=True)
class ProjectionState:
    """A body's projection as a page shows it."""

    done: Projection | None  # the newest finished result
    pending: Projection | None  # a request waiting for, or being run by, the worker
    failed: Projection | None  # the newest attempt, when it failed after the newest result
    stale: bool  # members, rules or money changed since the result's inputs were read
    can_request: bool

    @property
    def status(self) -> str:
        if self.pending is not None:
            return self.pending.status
        if self.failed is not None:
            return str(Status.FAILED)
        return str(Status.DONE) if self.done is not None else "none"


def projection_state(user, body) -> ProjectionState:
    require(user, body, "view_projection")
    rows = Projection.objects.filter(**body_filter(body))
    done = rows.filter(status=Status.DONE).order_by("-finished_at", "-pk").first()
    running = rows.filter(status=Status.RUNNING)
    if done is not None:  # a row left running by a worker that died is not shown as running forever
        running = running.filter(requested_at__gte=done.requested_at)
    pending = (
        running.order_by("-requested_at", "-pk").first()
        or rows.filter(status=Status.QUEUED).order_by("-requested_at", "-pk").first()
    )
    failed = rows.filter(status=Status.FAILED).order_by("-finished_at", "-pk").first()
    if failed is not None and done is not None and failed.finished_at < done.finished_at:
        failed = None
    stale = done is not None and (done.through_seq or 0) < last_change(body)
    return ProjectionState(done, pending, failed, stale, may(user, body, "request_projection"))
