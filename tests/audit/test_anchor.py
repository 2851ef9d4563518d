"""Forgery and anchors: the chain is keyed (HMAC under SAJJA_AUDIT_KEY, kept outside the database), so a
forger who recomputes plain SHA-256 hashes after raising a payment is caught; and an anchor kept outside
Sajja (printed on minutes and close reports, `sajja audit head`) catches a rewrite even by someone who
holds the key."""

from __future__ import annotations

import datetime
import hashlib
import hmac
import json
from io import StringIO

import pytest
from django.conf import settings
from django.core.management import CommandError, call_command
from django.db.models import F
from django.template import Context, Template
from django.test import Client
from django.urls import reverse

from sajja.access.policy import SYSTEM
from sajja.audit.chain import anchor_text, digest_of_entries
from sajja.audit.models import GENESIS_HASH, AuditEvent, ChainHead
from sajja.audit.verify import verify_all, verify_anchor
from sajja.contributions.models import Receipt
from sajja.contributions.services import Payment, record_payments
from sajja.ledger.models import Account, Line
from sajja.ledger.models import Entry as EntryRow
from tests.audit.factories import entry_digest, event_fields


def plain(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def keyed(data: bytes) -> str:
    return hmac.new(settings.SAJJA_AUDIT_KEY.encode(), data, hashlib.sha256).hexdigest()


def rehash_chain(hash_of) -> None:
    """What a forger who can write the database does after a change: every hash recomputed, each link
    and the head made to fit."""
    prev = GENESIS_HASH
    for ev in AuditEvent.objects.order_by("seq"):
        h = hash_of(event_fields(ev, prev))
        AuditEvent.objects.filter(pk=ev.pk).update(prev_hash=prev, hash=h)
        prev = h
    ChainHead.objects.filter(pk=1).update(last_hash=prev)


def raise_a_payment(fund, satang: int) -> EntryRow:
    """The first receipt's payment raised by `satang`: its lines, the accounts' totals, the entry's and
    the receipt's digests and the events' digests all recomputed, as a forger would."""
    receipt = Receipt.objects.filter(fund=fund).order_by("number").first()
    entry = receipt.entry
    for line in entry.lines.all():
        side = "debit_total" if line.amount > 0 else "credit_total"
        Line.objects.filter(pk=line.pk).update(amount=line.amount + (satang if line.amount > 0 else -satang))
        for account in filter(None, [line.account_id, line.account.parent_id]):
            Account.objects.filter(pk=account).update(**{side: F(side) + satang})
    Receipt.objects.filter(pk=receipt.pk).update(amount=receipt.amount + satang)
    receipt.refresh_from_db()
    Receipt.objects.filter(pk=receipt.pk).update(digest=receipt.sealed_digest())
    EntryRow.objects.filter(pk=entry.pk).update(digest=entry_digest(entry))
    for seq in {entry.audit_seq}:
        digests = EntryRow.objects.filter(audit_seq=seq).order_by("pk").values_list("digest", flat=True)
        AuditEvent.objects.filter(seq=seq).update(digest=digest_of_entries(list(digests)))
    for ev in AuditEvent.objects.filter(object_type="receipts", fund_id=fund.pk):
        first, last = map(int, ev.object_id.split(":")[1].split("-"))
        sealed = Receipt.objects.filter(fund=fund, number__range=(first, last)).order_by("number")
        AuditEvent.objects.filter(pk=ev.pk).update(
            digest=digest_of_entries(list(sealed.values_list("digest", flat=True)))
        )
    return entry


@pytest.fixture
def paid(own, own_member):
    day = datetime.date(2025, 3, 5)
    record_payments(SYSTEM, own, [Payment(own_member.number, 3000, day, key=f"p{n}") for n in range(3)])
    record_payments(SYSTEM, own, [Payment(own_member.number, 9000, day, key="later")])
    assert verify_all() == []
    return own


def test_a_forger_recomputing_plain_hashes_after_raising_a_payment_is_caught(paid):
    entry = raise_a_payment(paid, 500000)
    rehash_chain(plain)
    problems = verify_all()
    assert problems and problems[0].record == "audit event #1"
    assert "does not match its hash" in problems[0].message
    assert any(p.record == f"audit event #{entry.audit_seq}" for p in problems)


def test_without_the_key_the_same_forgery_passes_as_a_keyed_one_would(paid):
    """The check above fails for the key alone: the same forgery, hashed with the key, is not found by
    verify (the key is what makes the difference), but an anchor taken before it is."""
    head = ChainHead.objects.get(pk=1)
    anchor = anchor_text(head.last_seq, head.last_hash)
    raise_a_payment(paid, 500000)
    rehash_chain(keyed)
    assert verify_all() == []
    problems = verify_anchor(anchor)
    assert problems and problems[0].record == f"audit event #{head.last_seq}"
    assert "rewritten" in problems[0].message


def test_an_anchor_catches_a_rewrite_of_history_before_it_by_someone_holding_the_key(paid, own_member):
    early = AuditEvent.objects.order_by("seq")[1]
    anchor = anchor_text(early.seq, early.hash)
    record_payments(SYSTEM, paid, [Payment(own_member.number, 3000, datetime.date(2025, 3, 6), key="after")])
    assert verify_anchor(anchor) == [] and verify_all() == []
    first = AuditEvent.objects.order_by("seq").first()  # before the anchor: its time moved a day
    AuditEvent.objects.filter(pk=first.pk).update(at=first.at - datetime.timedelta(days=1))
    rehash_chain(keyed)
    assert verify_all() == []  # consistent again: only the anchor kept outside tells
    (problem,) = verify_anchor(anchor)
    assert problem.record == f"audit event #{early.seq}"


def test_an_anchor_past_the_chain_or_malformed_is_refused_clearly(paid):
    head = ChainHead.objects.get(pk=1)
    assert "does not hold" in verify_anchor(f"{head.last_seq + 5}:{'a' * 16}")[0].message
    with pytest.raises(ValueError, match="SEQ:HASH"):
        verify_anchor("12")
    with pytest.raises(ValueError, match="at least 16 hex"):
        verify_anchor("3:abcd")


def test_audit_head_prints_the_anchor_and_verify_checks_it(paid):
    head = ChainHead.objects.get(pk=1)
    out = StringIO()
    call_command("audit", "head", stdout=out)
    text = out.getvalue()
    anchor = anchor_text(head.last_seq, head.last_hash)
    assert anchor in text and head.last_hash in text and f"seq {head.last_seq}" in text
    out = StringIO()
    call_command("audit", "head", "--json", stdout=out)
    data = json.loads(out.getvalue())
    assert (data["seq"], data["hash"], data["anchor"]) == (head.last_seq, head.last_hash, anchor)
    ok = StringIO()
    call_command("audit", "verify", "--anchor", anchor, stdout=ok)
    assert "anchor held" in ok.getvalue()
    call_command("audit", "verify", "--anchor", f"{head.last_seq}:{head.last_hash}", stdout=StringIO())
    wrong = f"{head.last_seq}:{'0' * 16}"
    with pytest.raises(CommandError, match=f"audit event #{head.last_seq}"):
        call_command("audit", "verify", "--anchor", wrong, stdout=StringIO(), stderr=StringIO())
    with pytest.raises(CommandError, match="SEQ:HASH"):
        call_command("audit", "verify", "--anchor", "nonsense", stdout=StringIO(), stderr=StringIO())


def test_the_anchor_is_printed_on_the_meeting_report_and_the_close_report(paid, client, users):
    from sajja.meetings.services_minutes import HoldData, hold_meeting

    meeting = hold_meeting(
        SYSTEM,
        paid,
        HoldData(
            2569, 4, datetime.date(2026, 11, 16), None, "ประชุมประจำเดือน", datetime.time(9), datetime.time(12)
        ),
    )
    head = ChainHead.objects.get(pk=1)
    client.force_login(users["member"])
    screen = client.get(reverse("meetings:meeting-report", args=[paid.code, meeting.pk])).content.decode()
    assert anchor_text(head.last_seq, head.last_hash) in screen
    pdf = client.get(reverse("meetings:meeting-report-pdf", args=[paid.code, meeting.pk]))
    assert pdf.status_code == 200
    rendered = Template("{% load audit_chain %}{% audit_anchor %}").render(Context({}))
    assert rendered == anchor_text(head.last_seq, head.last_hash)


def test_the_close_report_prints_the_anchor_of_its_own_close(own, own_member, treasurer):
    from sajja.contributions.models import MonthClose
    from sajja.contributions.month_end.services import close_through
    from tests.contributions.factories import TODAY, october_fund

    fund = october_fund(own)
    close_through(SYSTEM, fund, "2026-09", today=TODAY)  # months close oldest first: October is next
    client = Client()
    client.force_login(treasurer)
    client.post(reverse("month_end:month-close", kwargs={"code": fund.code, "period": "2026-10"}))
    october = MonthClose.objects.get(fund=fund, period=202610)
    event = AuditEvent.objects.get(object_type="month_close", object_id=str(october.pk))
    record_payments(SYSTEM, fund, [Payment(own_member.number, 3000, datetime.date(2026, 11, 2), key="nov")])
    page = client.get(
        reverse("month_end:month-close-summary", kwargs={"code": fund.code, "period": "2026-10"})
    )
    text = page.content.decode()
    assert anchor_text(event.seq, event.hash) in text  # the close's own event, not the head since
    assert ChainHead.objects.get(pk=1).last_seq > event.seq
