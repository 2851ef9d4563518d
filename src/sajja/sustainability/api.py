"""API of the sustainability area."""

from ninja import Router

router = Router(tags=["sustainability"])
