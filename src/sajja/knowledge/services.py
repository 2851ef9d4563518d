"""Every write of the knowledge area: a fund's or a network's officers (those who arrange its meetings:
`manage_meetings`) write its notes; every note is indexed for Thai search in the same transaction."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db import transaction

from sajja.access.policy import require
from sajja.audit.services import record, serialise_audited_writes
from sajja.core.errors import Problem, ValidationFailed
from sajja.knowledge import reasons, search, thai_text
from sajja.knowledge.models import KnowledgeNote, NoteKind, Sharing
from sajja.meetings import attachments
from sajja.meetings.bodies import body_label
from sajja.meetings.models import Meeting, Resolution
from sajja.registry.models import Fund
from sajja.welfare.models import FundSchemeVersion


@dataclass(frozen=True)
class NoteData:
    kind: str
    title: str
    body: str
    sharing: str = str(Sharing.FUND)
    tags: tuple[str, ...] = field(default_factory=tuple)
    about_fund: Fund | None = None
    meeting: Meeting | None = None
    resolution: Resolution | None = None
    scheme_version: FundSchemeVersion | None = None


def _problems(body, data: NoteData) -> list[Problem]:
    errors = []
    if data.kind not in NoteKind.values:
        errors.append(reasons.BAD_NOTE_KIND.problem("kind"))
    if data.sharing not in Sharing.values:
        errors.append(reasons.BAD_SHARING.problem("sharing"))
    if not data.title.strip() or not data.body.strip():
        errors.append(reasons.NOTE_EMPTY.problem("body"))
    for linked, where in (
        (data.meeting, "meeting"),
        (data.resolution and data.resolution.meeting, "resolution"),
    ):
        if linked is not None and linked.body != body:
            errors.append(reasons.LINK_OUTSIDE_BODY.problem(where))
    version_fund = data.scheme_version.scheme.fund if data.scheme_version else None
    if version_fund is not None and version_fund != body and version_fund.network != body:
        errors.append(reasons.VERSION_OUTSIDE_BODY.problem("scheme_version"))
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
        serialise_audited_writes()
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
        # named as when notes were the meetings area's, so that the audit trail of notes reads as one
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
