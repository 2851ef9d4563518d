"""Evidence files of a claim: checked by what they are (not by their name), kept outside the database
in the fund's own folder, named by their SHA-256, and served only to those who may see the claim.

Where: the setting `SAJJA_EVIDENCE_DIR`, else the environment's, else `evidence/` in the working
directory (next to the SQLite database: back it up with it).
How big: `SAJJA_EVIDENCE_MAX_BYTES`, else 5 MB. What: PDF, JPEG or PNG.

>>> kind_of(b"%PDF-1.7 ..."), kind_of(b"\\x89PNG\\r\\n\\x1a\\n..."), kind_of(b"MZ\\x90\\x00")
('application/pdf', 'image/png', None)
"""

from __future__ import annotations

import hashlib
import os
import re
import tempfile
from pathlib import Path

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from sajja.private_files import private_folder
from sajja.welfare import reasons
from sajja.welfare.claims.claimants import require_enter_for
from sajja.welfare.models import Claim, ClaimEvidence

DEFAULT_MAX_BYTES = 5 * 1024 * 1024
SIGNATURES = (
    (b"%PDF-", "application/pdf"),
    (b"\xff\xd8\xff", "image/jpeg"),
    (b"\x89PNG\r\n\x1a\n", "image/png"),
)


def kind_of(data: bytes) -> str | None:
    """The file's type from its first bytes (its name may say anything)."""
    return next((kind for magic, kind in SIGNATURES if data.startswith(magic)), None)


def root() -> Path:
    configured = getattr(settings, "SAJJA_EVIDENCE_DIR", "") or os.environ.get("SAJJA_EVIDENCE_DIR")
    return Path(configured) if configured else Path(settings.WORK_DIR) / "evidence"


def max_bytes() -> int:
    setting = getattr(settings, "SAJJA_EVIDENCE_MAX_BYTES", 0)
    configured = os.environ.get("SAJJA_EVIDENCE_MAX_BYTES") or setting
    return int(configured) or DEFAULT_MAX_BYTES


def path_of(fund_id: int, sha256: str) -> Path:
    return root() / str(int(fund_id)) / sha256


def clean_name(name: str) -> str:
    """A file name safe to show and to send back: no folders, no control characters, at most 200.

    >>> clean_name("../../etc/ใบรับรองแพทย์.pdf"), clean_name("")
    ('ใบรับรองแพทย์.pdf', 'evidence')
    """
    base = re.split(r"[\\\\/]", name or "")[-1]
    base = re.sub(r"[\x00-\x1f\x7f\"]", "", base).strip(" .")
    return base[:200] or "evidence"


def _check(data: bytes) -> str:
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


def store_file(target: Path, data: bytes) -> None:
    """Write a content-addressed file once, atomically and durably (fsync, then rename), readable by us only
    (the file 0600, its folders 0700, whatever the umask)."""
    private_folder(root())  # the evidence root and every folder under it: the owner only (0700)
    private_folder(target.parent)
    if target.exists():
        return
    with tempfile.NamedTemporaryFile(dir=target.parent, delete=False) as tmp:
        tmp.write(data)
        tmp.flush()
        os.fsync(tmp.fileno())
    os.chmod(tmp.name, 0o600)
    os.replace(tmp.name, target)


def attach_evidence(actor, claim: Claim, name: str, data: bytes) -> ClaimEvidence:
    """Attach a file to an open claim. The same file twice is one file. Attaching changes the claim's
    content: it goes back to verification and approvals given before count no more."""
    from sajja.welfare.claims import services as workflow  # the claim's content and its path live there

    require_enter_for(actor, claim.fund, claim.member)
    kind = _check(data)
    sha256 = hashlib.sha256(data).hexdigest()
    store_file(path_of(claim.fund_id, sha256), data)
    with transaction.atomic():
        claim = workflow.lock_claim(claim)
        workflow.must_be_open(claim)
        found = ClaimEvidence.objects.filter(claim=claim, sha256=sha256).first()
        if found is not None:
            return found
        evidence = ClaimEvidence.objects.create(
            claim=claim,
            name=clean_name(name),
            content_type=kind,
            size=len(data),
            sha256=sha256,
            uploaded_by=workflow.as_user(actor),
            uploaded_at=timezone.now(),
        )
        workflow.content_changed(actor, claim, "welfare.claim.evidence", {"evidence": evidence.pk})
        return evidence


def evidence_for(claim: Claim, pk: int) -> tuple[ClaimEvidence, Path]:
    """A file of a claim the caller may already see (the claim comes from `claim_for`)."""
    evidence = ClaimEvidence.objects.filter(claim=claim, pk=pk).first()
    if evidence is None:
        raise reasons.FILE_NOT_FOUND.not_found()
    path = path_of(claim.fund_id, evidence.sha256)
    if not path.is_file():
        raise reasons.FILE_NOT_FOUND.not_found()
    return evidence, path
