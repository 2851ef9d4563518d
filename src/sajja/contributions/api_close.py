"""API of the month-end close."""

from ninja import Router

router = Router(tags=["contributions"])
