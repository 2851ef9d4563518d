"""API routes of the meetings area (a django-ninja router mounted under /api/)."""

from ninja import Router

router = Router(tags=["meetings"])
