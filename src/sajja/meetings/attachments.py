"""Files of meeting records and of knowledge notes, kept as the welfare area keeps claim evidence: checked
by what they are (not by their name), the same size limit and allow-list (PDF, JPEG, PNG), stored outside
the database under `<evidence root>/meetings/`, named by their SHA-256. Who may read the meeting or the
note may read its files; nobody else learns they exist.

A file's place is a meeting, or a note of the knowledge area (sajja.knowledge, above this one): a note is
told from a meeting by its model, never imported here."""

from __future__ import annotations

import hashlib
from pathlib import Path

from django.db import transaction
from django.db.models import Model

from sajja.access.policy import require
from sajja.audit.services import record, serialise_audited_writes
from sajja.meetings import reasons
from sajja.meetings.bodies import fund_id_of
from sajja.meetings.models import Attachment, Meeting
from sajja.welfare.claims.evidence import clean_name, kind_of, max_bytes, root, store_file


def path_of(sha256: str) -> Path:
    return root() / "meetings" / sha256


def check_file(data: bytes) -> str:
    """The file's type, or a refusal saying why in Thai and English."""
    limit = max_bytes()
    if not data:
        raise reasons.FILE_EMPTY.invalid("file")
    if len(data) > limit:
        mb = limit / (1024 * 1024)
        raise reasons.FILE_TOO_BIG.invalid("file", mb=f"{mb:g}")
    kind = kind_of(data)
    if kind is None:
        raise reasons.FILE_TYPE.invalid("file")
    return kind


def _where(place: Model) -> dict[str, Model]:
    """The column of Attachment that names the place: `meeting`, or `note` (a knowledge note)."""
    return {"meeting": place} if isinstance(place, Meeting) else {"note": place}


def body_of(place: Model):
    """The fund or network whose officers add the place's files: a meeting's body, a note's writer."""
    return place.body if isinstance(place, Meeting) else place.body_owner


def attach(actor, place: Model, name: str, data: bytes) -> Attachment:
    """Attach a file to a meeting's record or to a knowledge note; the same file twice is one attachment."""
    body = body_of(place)
    require(actor, body, "manage_meetings")
    kind = check_file(data)
    sha256 = hashlib.sha256(data).hexdigest()
    where = _where(place)
    store_file(path_of(sha256), data)
    with transaction.atomic():
        serialise_audited_writes()
        found = Attachment.objects.filter(sha256=sha256, **where).first()
        if found is not None:
            return found
        attachment = Attachment.objects.create(
            name=clean_name(name),
            content_type=kind,
            size=len(data),
            sha256=sha256,
            uploaded_by=actor if getattr(actor, "pk", None) else None,
            **where,
        )
        record(
            actor,
            "meetings.attached",
            "meetings.Attachment",
            attachment.pk,
            fund_id=fund_id_of(body),
            data={"sha256": sha256, "size": len(data), "type": kind, **{k: v.pk for k, v in where.items()}},
        )
    return attachment


def file_of(place: Model, pk: int) -> tuple[Attachment, Path]:
    """A file of a meeting or a note the caller already may see (from meeting_for / note_for)."""
    attachment = Attachment.objects.filter(pk=pk, **_where(place)).first()
    if attachment is None:
        raise reasons.FILE_NOT_FOUND.not_found()
    path = path_of(attachment.sha256)
    if not path.is_file():
        raise reasons.FILE_NOT_FOUND.not_found()
    return attachment, path
