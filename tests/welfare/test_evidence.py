"""Evidence files: what may be attached, where it is kept, and who may open it."""

from __future__ import annotations

import base64

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from sajja.access.models import Role, RoleAssignment
from sajja.core.errors import Conflict, NotPermitted, ValidationFailed
from sajja.welfare.claims import services as claims
from sajja.welfare.claims.evidence import attach_evidence
from sajja.welfare.models import ClaimEvidence
from sajja.welfare.reasons import ClaimStatus
from tests.factories import enrol, token_for
from tests.welfare.factories import PDF, approved, committee_user, entered


def login(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_a_file_is_kept_outside_the_database_in_the_funds_folder(own, paid_member, treasurer, evidence_dir):
    claim = entered(treasurer, own, paid_member)
    evidence = attach_evidence(treasurer, claim, "../../ใบรับรองแพทย์.pdf", PDF)
    assert (evidence.name, evidence.content_type, evidence.size) == (
        "ใบรับรองแพทย์.pdf",
        "application/pdf",
        len(PDF),
    )
    stored = evidence_dir / str(own.pk) / evidence.sha256
    assert stored.read_bytes() == PDF
    assert oct(stored.stat().st_mode & 0o777) == "0o600"
    again = attach_evidence(treasurer, claim, "copy.pdf", PDF)  # the same file twice is one file
    assert again.pk == evidence.pk and ClaimEvidence.objects.count() == 1


def test_only_pdf_jpeg_or_png_within_the_size_limit(own, paid_member, treasurer, settings):
    claim = entered(treasurer, own, paid_member)
    with pytest.raises(ValidationFailed, match="only PDF, JPEG or PNG"):
        attach_evidence(treasurer, claim, "cert.pdf", b"MZ\x90\x00 not a pdf at all")
    with pytest.raises(ValidationFailed, match="empty"):
        attach_evidence(treasurer, claim, "cert.pdf", b"")
    settings.SAJJA_EVIDENCE_MAX_BYTES = 10
    with pytest.raises(ValidationFailed, match="larger than"):
        attach_evidence(treasurer, claim, "cert.pdf", PDF)
    assert ClaimEvidence.objects.count() == 0


def test_a_file_attached_after_approval_voids_the_approvals(
    own, paid_member, treasurer, committee, committee2
):
    claim = approved(treasurer, committee, committee2, own, paid_member)
    assert claim.status == ClaimStatus.APPROVED
    attach_evidence(treasurer, claim, "receipt.png", b"\x89PNG\r\n\x1a\n....")
    claim.refresh_from_db()
    assert (claim.status, claim.revision) == (ClaimStatus.ENTERED, 2)
    with pytest.raises(Conflict, match="'entered': it cannot be paid now") as unapproved:
        claims.pay_claim(treasurer, claim, "cash")
    assert unapproved.value.code == "wrong_status"
    claims.verify_claim(committee, claim)
    claims.approve_claim(committee, claim, claim.digest)
    claims.approve_claim(committee2, claim, claim.digest)
    paid = claims.pay_claim(treasurer, claim, "cash")
    with pytest.raises(Conflict, match="never changed"):
        attach_evidence(treasurer, paid, "late.pdf", PDF + b"2")


def test_who_may_attach_and_who_may_open(own, paid_member, treasurer, users, foreign):
    claim = entered(treasurer, own, paid_member)
    with pytest.raises(NotPermitted, match="only a treasurer, or a member claiming for themself"):
        attach_evidence(users["committee"], claim, "x.pdf", PDF)
    mine = attach_evidence(users["member"], claim, "mine.pdf", PDF)  # the claimant attaches their own
    path = reverse(
        "welfare:claim-evidence", kwargs={"code": own.code, "pk": claim.pk, "evidence_id": mine.pk}
    )
    opened = login(users["committee"]).get(path)
    assert opened.status_code == 200 and b"".join(opened.streaming_content) == PDF
    assert opened["Content-Type"] == "application/pdf" and opened["X-Content-Type-Options"] == "nosniff"
    assert login(committee_user(foreign, "stranger")).get(path).status_code == 404
    other = enrol(own, "3100600123450", first_name="บุญมี", last_name="ทองคำ", sex="M")
    neighbour = type(users["member"]).objects.create_user("neighbour")
    other.user = neighbour
    other.save(update_fields=["user"])
    RoleAssignment.objects.create(user=neighbour, role=Role.MEMBER, fund=own)
    assert login(neighbour).get(path).status_code == 404  # another member's claim does not exist for them


def test_attaching_from_the_claims_page_and_the_api(own, paid_member, treasurer):
    client = login(treasurer)
    claim = entered(treasurer, own, paid_member)
    upload = SimpleUploadedFile("cert.pdf", PDF, "application/pdf")
    page = client.post(
        reverse("welfare:claim-evidence-add", kwargs={"code": own.code, "pk": claim.pk}),
        {"file": upload},
        follow=True,
    )
    assert "cert.pdf" in page.content.decode()
    bad = SimpleUploadedFile("virus.pdf", b"MZ....", "application/pdf")
    page = client.post(
        reverse("welfare:claim-evidence-add", kwargs={"code": own.code, "pk": claim.pk}),
        {"file": bad},
        follow=True,
    )
    assert "รับเฉพาะไฟล์ PDF, JPEG หรือ PNG" in page.content.decode()
    api = Client()
    api.defaults["HTTP_AUTHORIZATION"] = f"Bearer {token_for(treasurer)}"
    body = {"name": "photo.jpg", "content_base64": base64.b64encode(b"\xff\xd8\xff\xe0 jpeg").decode()}
    path = reverse("api:claim-evidence-add", kwargs={"code": own.code, "claim_id": claim.pk})
    made = api.post(path, body, content_type="application/json", headers={"Idempotency-Key": "e-1"})
    assert made.status_code == 201 and made.json()["content_type"] == "image/jpeg"
    listed = api.get(reverse("api:claim", kwargs={"code": own.code, "claim_id": claim.pk})).json()["evidence"]
    assert [e["name"] for e in listed] == ["cert.pdf", "photo.jpg"]
