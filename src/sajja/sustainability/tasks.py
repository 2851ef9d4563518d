"""The background task: one queued projection, run by the worker (`sajja db_worker`), never by a request."""

from __future__ import annotations

from django_tasks import task

from sajja.sustainability import projecting


@task()
def recompute(projection_id: int) -> str:
    """Project the body of the queued row and store the result (its digest is the task's return value)."""
    return projecting.run(projection_id)
