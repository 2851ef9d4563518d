"""Writing knowledge notes: a fund's or a network's officers write; every note is indexed for Thai search."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db import transaction

from sajja.access.policy import require
from sajja.audit.services import lock_chain, record
from sajja.core.errors import Problem, ValidationFailed
from sajja.meetings import attachments, search, thai_text
from sajja.meetings.bodies import body_label
from sajja.meetings.models import KnowledgeNote, Meeting, NoteKind, Resolution, Sharing
from sajja.registry.models import Fund
from sajja.welfare.models import FundSchemeVersion


@dataclass(frozen=True)
class NoteData:
    kind: str
    title: str
    body: str
    sharing: str = Sharing.FUND
    tags: tuple[str, ...] = field(default_factory=tuple)
    about_fund: Fund | None = None
    meeting: Meeting | None = None
    resolution: Resolution | None = None
    scheme_version: FundSchemeVersion | None = None


def _problems(body, data: NoteData) -> list[Problem]:
    errors = []
    if data.kind not in NoteKind.values:
        errors.append(Problem("bad_kind", "ประเภทบันทึกไม่ถูกต้อง", "unknown kind of note", "kind"))
    if data.sharing not in Sharing.values:
        errors.append(Problem("bad_sharing", "การแบ่งปันไม่ถูกต้อง", "unknown sharing", "sharing"))
    if not data.title.strip() or not data.body.strip():
        errors.append(Problem("note_empty", "ต้องมีชื่อเรื่องและเนื้อหา", "a note needs a title and a text", "body"))
    for linked, where in (
        (data.meeting, "meeting"),
        (data.resolution and data.resolution.meeting, "resolution"),
    ):
        if linked is not None and linked.body != body:
            errors.append(
                Problem(
                    "link_outside_body",
                    "อ้างถึงการประชุมหรือมติของผู้เขียนเองเท่านั้น",
                    "a note links only to its own body's meetings and resolutions",
                    where,
                )
            )
    version_fund = data.scheme_version.scheme.fund if data.scheme_version else None
    if version_fund is not None and version_fund != body and version_fund.network != body:
        errors.append(
            Problem(
                "version_outside_body",
                "อ้างถึงระเบียบสวัสดิการของกองทุนผู้เขียน (หรือกองทุนในเครือข่ายผู้เขียน) เท่านั้น",
                "a note links only to its own fund's scheme versions (or its network's funds')",
                "scheme_version",
            )
        )
    return errors


def write_note(actor, body, data: NoteData, files: tuple[tuple[str, bytes], ...] = ()) -> KnowledgeNote:
    """A new note by a fund or a network, shared as chosen, indexed for search in the same transaction.
    Its files are checked before anything is written: a refused file leaves no note behind."""
    require(actor, body, "manage_meetings")
    if errors := _problems(body, data):
        raise ValidationFailed(errors)
    for _name, content in files:
        attachments.check_file(content)
    tags = [t.strip() for t in data.tags if t.strip()]
    with transaction.atomic():
        lock_chain()
        note = KnowledgeNote.objects.create(
            fund=body if isinstance(body, Fund) else None,
            network=None if isinstance(body, Fund) else body,
            kind=data.kind,
            title=data.title.strip(),
            body=data.body.strip(),
            tags=tags,
            sharing=data.sharing,
            about_fund=data.about_fund,
            meeting=data.meeting,
            resolution=data.resolution,
            scheme_version=data.scheme_version,
            words=thai_text.index_text(data.title, data.body, " ".join(tags)),
        )
        search.index(note)
        record(
            actor,
            "meetings.note_written",
            "meetings.KnowledgeNote",
            note.pk,
            fund_id=note.fund_id,
            data={"body": body_label(body), "sharing": data.sharing},
        )
        for name, content in files:
            attachments.attach(actor, note, name, content)
    return note
