"""System check: projections need a background worker's queue, not the framework's default.

Without TASKS naming django-tasks' database backend, django-tasks runs every task at once, inside the
request that queued it: a page would wait for a projection.
"""

from __future__ import annotations

from django.conf import settings
from django.core import checks

DATABASE_BACKEND = "django_tasks_db.DatabaseBackend"


@checks.register()
def tasks_backend(app_configs, **kwargs):
    backend = getattr(settings, "TASKS", {}).get("default", {}).get("BACKEND", "")
    if backend in (DATABASE_BACKEND, "django_tasks_db.backend.DatabaseBackend"):
        return []
    return [
        checks.Warning(
            f"projections would run inside requests: TASKS['default']['BACKEND'] is {backend or 'not set'!r}",
            hint=f"set TASKS = {{'default': {{'BACKEND': '{DATABASE_BACKEND}'}}}} and add 'django_tasks' and "
            "'django_tasks_db' to INSTALLED_APPS; run the worker with `sajja db_worker`",
            id="sustainability.W001",
        )
    ]
