"""Files of knowledge notes and meeting records, kept as the welfare area keeps claim evidence: checked by
what they are (not by their name), the same size limit and allow-list (PDF, JPEG, PNG), stored outside
the database under `<evidence root>/meetings/`, named by their SHA-256. Who may read the note or the
meeting may read its files; nobody else learns they exist."""

from __future__ import annotations

import hashlib
from pathlib import Path

from django.db import transaction

from sajja.access.policy import require
from sajja.audit.services import record, serialise_audited_writes
from sajja.meetings import reasons
from sajja.meetings.models import Attachment, KnowledgeNote, Meeting
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


def attach(actor, place: KnowledgeNote | Meeting, name: str, data: bytes) -> Attachment:
    """Attach a file to a note or a meeting's record; the same file twice is one attachment."""
    body = place.body_owner if isinstance(place, KnowledgeNote) else place.body
    require(actor, body, "manage_meetings")
    kind = check_file(data)
    sha256 = hashlib.sha256(data).hexdigest()
    where = {"note": place} if isinstance(place, KnowledgeNote) else {"meeting": place}
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
            fund_id=getattr(body, "pk", None) if body._meta.model_name == "fund" else None,
            data={"sha256": sha256, "size": len(data), "type": kind, **{k: v.pk for k, v in where.items()}},
        )
    return attachment


def file_of(place: KnowledgeNote | Meeting, pk: int) -> tuple[Attachment, Path]:
    """A file of a note or meeting the caller already may see (from note_for / meeting_for)."""
    where = {"note": place} if isinstance(place, KnowledgeNote) else {"meeting": place}
    attachment = Attachment.objects.filter(pk=pk, **where).first()
    path = path_of(attachment.sha256) if attachment else None
    if attachment is None or not path.is_file():
        raise reasons.FILE_NOT_FOUND.not_found()
    return attachment, path
