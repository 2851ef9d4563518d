"""Answer shapes of the knowledge API."""

from __future__ import annotations

from ninja import Schema


class NoteHitOut(Schema):
    id: int
    title: str
    kind: str
    by: str
    sharing: str
    tags: list[str]
    snippet: str
