"""Knowledge notes written from the form, with their links and files. A file is judged by what it is (PDF,
JPEG, PNG) and its size; a refused one leaves nothing behind; a file is sent only to those the note is
shared with. (The files of meeting records: tests/meetings/test_attachments.py.)"""

import datetime

from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from sajja.access.models import Role, RoleAssignment
from sajja.access.policy import SYSTEM
from sajja.knowledge.models import KnowledgeNote
from sajja.meetings.models import Attachment
from sajja.meetings.services_minutes import HoldData, hold_meeting, resolve
from tests.factories import make_fund

PDF = b"%PDF-1.4\n% lesson handout\n"
EXE = b"MZ\x90\x00 a program named like a document"


def note_form(own, **changes) -> dict:
    form = {
        "author": f"fund:{own.code}",
        "kind": "lesson",
        "title": "เก็บเงินสัจจะในวันประชุม",
        "body": "กองทุนเก็บเงินสัจจะทุกวันที่ 16 ในที่ประชุม ทำให้สมาชิกมาประชุมครบ",
        "tags": "การออม, การประชุม",
        "sharing": "fund",
    }
    return {**form, **changes}


def stored(files_dir) -> list:
    return [p for p in files_dir.rglob("*") if p.is_file()]


def test_a_note_is_written_from_the_form_with_its_links_and_a_file(client, own, users, files_dir):
    meeting = hold_meeting(
        SYSTEM,
        own,
        HoldData(2569, 4, datetime.date(2026, 11, 16), None, "ประชุม", datetime.time(9), datetime.time(12)),
    )
    resolution = resolve(SYSTEM, meeting, "ให้เก็บเงินในวันประชุม")
    client.force_login(users["treasurer"])
    assert client.get(reverse("knowledge:knowledge-new")).status_code == 200
    form = note_form(
        own,
        meeting=str(meeting.pk),
        resolution=str(resolution.pk),
        about_fund=str(own.pk),
        file=SimpleUploadedFile("บทเรียน.pdf", PDF, "application/pdf"),
    )
    response = client.post(reverse("knowledge:knowledge-new"), form)
    note = KnowledgeNote.objects.get()
    assert response["Location"] == reverse("knowledge:knowledge-note", args=[note.pk])
    assert (note.fund, note.meeting, note.resolution, note.tags) == (
        own,
        meeting,
        resolution,
        ["การออม", "การประชุม"],
    )
    attachment = note.attachments.get()
    page = client.get(reverse("knowledge:knowledge-note", args=[note.pk])).content.decode()
    url = reverse("knowledge:knowledge-attachment", args=[note.pk, attachment.pk])
    assert url in page and "บทเรียน.pdf" in page
    sent = client.get(url)
    assert sent.status_code == 200 and b"".join(sent.streaming_content) == PDF
    assert sent["Content-Type"] == "application/pdf" and "attachment" in sent["Content-Disposition"]


def test_a_forbidden_or_oversized_file_is_refused_clearly_and_nothing_is_stored(
    client, own, users, files_dir, settings
):
    client.force_login(users["treasurer"])
    refused = client.post(
        reverse("knowledge:knowledge-new"), note_form(own, file=SimpleUploadedFile("minutes.pdf", EXE))
    )
    assert refused.status_code == 400 and "แนบได้เฉพาะไฟล์ PDF, JPEG หรือ PNG" in refused.content.decode()
    settings.SAJJA_EVIDENCE_MAX_BYTES = 1024
    big = PDF + b"0" * 2048
    too_big = client.post(
        reverse("knowledge:knowledge-new"), note_form(own, file=SimpleUploadedFile("scan.pdf", big))
    )
    assert too_big.status_code == 400 and "ไฟล์ใหญ่เกิน" in too_big.content.decode()
    assert not KnowledgeNote.objects.exists() and not Attachment.objects.exists() and stored(files_dir) == []
    # on a note already written: the note stays as it was, without the file
    client.post(reverse("knowledge:knowledge-new"), note_form(own))
    note = KnowledgeNote.objects.get()
    late = client.post(
        reverse("knowledge:knowledge-attachment-add", args=[note.pk]),
        {"file": SimpleUploadedFile("a.exe", EXE)},
        follow=True,
    )
    assert "only PDF" not in late.content.decode() and "แนบได้เฉพาะไฟล์" in late.content.decode()
    assert not Attachment.objects.exists() and stored(files_dir) == []
    client.cookies["django_language"] = "en"
    english = client.post(
        reverse("knowledge:knowledge-new"), note_form(own, file=SimpleUploadedFile("x.pdf", EXE))
    )
    assert "only PDF, JPEG or PNG files may be attached" in english.content.decode()


def test_a_file_reaches_only_as_far_as_its_note_is_shared(client, own, foreign, users, files_dir):
    client.force_login(users["treasurer"])
    client.post(reverse("knowledge:knowledge-new"), note_form(own, file=SimpleUploadedFile("a.pdf", PDF)))
    note = KnowledgeNote.objects.get()
    url = reverse("knowledge:knowledge-attachment", args=[note.pk, note.attachments.get().pk])
    sibling = make_fund("sibling-fund", own.network.code)
    neighbour = get_user_model().objects.create_user("sibling-treasurer")
    RoleAssignment.objects.create(user=neighbour, role=Role.TREASURER, fund=sibling)
    client.force_login(neighbour)  # another fund of the network: the note is the own fund's only
    assert client.get(url).status_code == 404
    KnowledgeNote.objects.filter(pk=note.pk).update(sharing="network")
    assert client.get(url).status_code == 200
    client.force_login(users["member"])  # a member of the fund sees the fund's notes
    assert client.get(url).status_code == 200
    assert (
        client.post(
            reverse("knowledge:knowledge-attachment-add", args=[note.pk]),
            {"file": SimpleUploadedFile("b.pdf", PDF + b"2")},
        ).status_code
        == 403
    )
    assert note.attachments.count() == 1
    # a note of another network, shared with everyone: readable, its file too, never writable
    foreign_note = KnowledgeNote.objects.create(
        fund=foreign, kind="lesson", title="t", body="b", sharing="everyone", words="b"
    )
    assert client.get(reverse("knowledge:knowledge-note", args=[foreign_note.pk])).status_code == 200
    assert (
        client.post(
            reverse("knowledge:knowledge-attachment-add", args=[foreign_note.pk]),
            {"file": SimpleUploadedFile("c.pdf", PDF)},
        ).status_code
        == 404
    )


def test_only_officers_of_a_body_write_notes_for_it(client, own, foreign, users):
    client.force_login(users["member"])
    assert client.get(reverse("knowledge:knowledge-new")).status_code == 403
    client.force_login(users["treasurer"])
    refused = client.post(reverse("knowledge:knowledge-new"), note_form(own, author=f"fund:{foreign.code}"))
    assert refused.status_code == 400 and not KnowledgeNote.objects.exists()
    client.force_login(users["coordinator"])
    written = client.post(
        reverse("knowledge:knowledge-new"),
        note_form(own, author=f"network:{own.network.code}", sharing="everyone"),
    )
    assert written.status_code == 302 and KnowledgeNote.objects.get().network == own.network
