"""API routes of the welfare area (a django-ninja router mounted under /api/)."""

from ninja import Router

router = Router(tags=["welfare"])
