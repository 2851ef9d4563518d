"""Files of meeting records, sent only to those who see the meeting. (The files of knowledge notes, judged
alike: tests/knowledge/test_attachments.py.)"""

import datetime

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from sajja.access.policy import SYSTEM
from sajja.meetings.services_minutes import HoldData, hold_meeting

PDF = b"%PDF-1.4\n% lesson handout\n"


def test_a_meeting_record_keeps_its_files_for_those_who_see_the_meeting(
    client, own, foreign, users, files_dir
):
    meeting = hold_meeting(
        SYSTEM,
        own,
        HoldData(2569, 4, datetime.date(2026, 11, 16), None, "ประชุม", datetime.time(9), datetime.time(12)),
    )
    client.force_login(users["treasurer"])
    client.post(
        reverse("meetings:meeting-attachment-add", args=[own.code, meeting.pk]),
        {"file": SimpleUploadedFile("ลายมือชื่อ.pdf", PDF)},
    )
    attachment = meeting.attachments.get()
    url = reverse("meetings:meeting-attachment", args=[own.code, meeting.pk, attachment.pk])
    assert url in client.get(reverse("meetings:meeting-detail", args=[own.code, meeting.pk])).content.decode()
    client.force_login(users["member"])
    assert client.get(url).status_code == 200
    wrong = reverse("meetings:meeting-attachment", args=[foreign.code, meeting.pk, attachment.pk])
    client.force_login(users["admin"])
    assert client.get(wrong).status_code == 404  # asked under another fund: no such meeting there
