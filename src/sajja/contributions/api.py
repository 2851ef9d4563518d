"""API routes of the contributions area (a django-ninja router mounted under /api/)."""

from ninja import Router

router = Router(tags=["contributions"])
