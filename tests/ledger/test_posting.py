"""Posting to the books as a treasurer sees it: entries, retries, reversals, periods, bulk, and who may post."""

from __future__ import annotations

import datetime
import gc

import pytest
from django.contrib.auth import get_user_model

from sajja.access.models import Role, RoleAssignment
from sajja.audit.chain import ENTRIES_OBJECT
from sajja.audit.models import AuditEvent
from sajja.audit.verify import verify_all
from sajja.core.errors import Conflict, NotFound, NotPermitted, ValidationFailed
from sajja.core.ledger.records import Entry as EntryRecord
from sajja.core.ledger.records import Posting
from sajja.ledger.models import ClosedPeriod, Entry, Line
from sajja.ledger.selectors import period_end, trial_balance
from sajja.ledger.services import close_period, post_entries, post_entry, reverse_entry
from tests.factories import contribution, token_for
from tests.ledger.factories import account, cache_size, row_counts

JAN, FEB, MAR = datetime.date(2025, 1, 20), datetime.date(2025, 2, 16), datetime.date(2025, 3, 10)


def test_treasurer_posts_a_balanced_entry(treasurer, own, member_account):
    """A posted entry stores its lines, moves the running totals of the cash account, the member's
    sub-account and the 4101 control account, and appends one audit event naming the treasurer."""
    before = row_counts()
    entry = post_entry(treasurer, own, contribution("c-1", satang=3650, member_account=member_account))

    assert [(line.account.code, line.amount) for line in entry.lines.order_by("id")] == [
        ("1101", 3650),
        (member_account, -3650),
    ]
    assert (entry.date, entry.kind, entry.idempotency_key) == (FEB, "contribution", "c-1")
    cash, sub, control = account(own, "1101"), account(own, member_account), account(own, "4101")
    assert (cash.debit_total, cash.credit_total) == (3650, 0)
    assert (sub.debit_total, sub.credit_total) == (0, 3650)
    assert (control.debit_total, control.credit_total) == (0, 3650)
    after = row_counts()
    assert after["entries"] - before["entries"] == 1
    assert after["lines"] - before["lines"] == 2
    assert after["audit_events"] - before["audit_events"] == 1
    event = AuditEvent.objects.get(seq=entry.audit_seq)
    assert (event.action, event.actor_id, event.fund_id) == ("ledger.entries.post", treasurer.pk, own.pk)
    assert event.object_type == ENTRIES_OBJECT  # so `audit verify` knows this event must still have entries
    assert entry.created_by_id == treasurer.pk
    assert verify_all() == []


def test_retry_with_the_same_key_returns_the_first_entry_and_posts_nothing(treasurer, own, member_account):
    """Sending the same entry twice (a double tap, a network retry) gives back the first entry."""
    first = post_entry(treasurer, own, contribution("c-1", member_account=member_account))
    before = row_counts()
    again = post_entry(treasurer, own, contribution("c-1", member_account=member_account))
    assert again.pk == first.pk
    assert row_counts() == before
    assert (account(own, "1101").debit_total, account(own, "4101").credit_total) == (3000, 3000)


@pytest.mark.parametrize(
    ("change", "fields"),
    [
        ({"satang": 4000}, "postings"),
        ({"day": MAR}, "date"),
        ({"day": MAR, "satang": 10}, "date, postings"),
    ],
)
def test_same_key_with_other_content_is_refused_naming_what_differs(
    treasurer, own, member_account, change, fields
):
    """Re-using a key for a different entry is refused; the error names the fields that differ."""
    post_entry(treasurer, own, contribution("c-1", member_account=member_account))
    before = row_counts()
    with pytest.raises(ValidationFailed) as caught:
        post_entry(treasurer, own, contribution("c-1", member_account=member_account, **change))
    (error,) = caught.value.errors
    assert error.code == "key_reused"
    assert f"differs in {fields})" in error.message_en
    assert f"ต่างกันที่ {fields}" in error.message_th
    assert "c-1" in error.where
    assert row_counts() == before


def test_memo_or_kind_differences_are_named_too(treasurer, own, member_account):
    """Every field bound to the key counts: a different memo or kind is a different entry."""
    original = contribution("c-1", member_account=member_account)
    post_entry(treasurer, own, original)
    with pytest.raises(ValidationFailed) as caught:
        post_entry(treasurer, own, original._replace(memo="อื่น", kind="general"))
    assert "differs in memo, kind)" in caught.value.errors[0].message_en


def test_reverse_posts_the_linked_mirror_entry_once(treasurer, own, member_account):
    """A reversal mirrors every line, links to the original, and brings the accounts back; the
    original stays. Reversing twice, or reversing a reversal, is refused and writes nothing."""
    original = post_entry(treasurer, own, contribution("c-1", member_account=member_account))
    reversal = reverse_entry(treasurer, original, MAR, key="rev-1")

    assert reversal.reverses_id == original.pk
    assert Entry.objects.get(pk=original.pk).reversed_by.pk == reversal.pk
    assert reversal.kind == "reversal"
    assert reversal.date == MAR
    assert [(line.account.code, line.amount) for line in reversal.lines.order_by("id")] == [
        ("1101", -3000),
        (member_account, 3000),
    ]
    for code in ("1101", member_account, "4101"):
        a = account(own, code)
        assert (a.debit_total, a.credit_total) == (3000, 3000), code

    before = row_counts()
    assert reverse_entry(treasurer, original, MAR, key="rev-1").pk == reversal.pk  # a retry
    with pytest.raises(Conflict) as twice:
        reverse_entry(treasurer, original, MAR, key="rev-2")
    assert twice.value.code == "already_reversed"
    with pytest.raises(Conflict) as of_reversal:
        reverse_entry(treasurer, reversal, MAR, key="rev-3")
    assert of_reversal.value.code == "reversal_of_reversal"
    assert row_counts() == before
    assert verify_all() == []


def test_reversing_an_entry_with_the_longest_memo(treasurer, own, member_account):
    """A reversal's memo ("reversal: ...") is kept within the stored length before it is digested, so
    the reversal of an entry with a 300-character memo posts, and the books still verify."""
    original = post_entry(
        treasurer, own, contribution("c-1", member_account=member_account)._replace(memo="ส" * 300)
    )
    reversal = reverse_entry(treasurer, original, MAR, key="rev-1")
    assert reversal.memo == ("reversal: " + "ส" * 300)[:300]
    assert reverse_entry(treasurer, original, MAR, key="rev-1").pk == reversal.pk
    assert verify_all() == []


def test_a_reversal_must_mirror_the_entry_it_names(treasurer, own, member_account):
    """The bulk path cannot link an entry as the reversal of another unless it is the exact mirror."""
    original = post_entry(treasurer, own, contribution("c-1", member_account=member_account))
    not_mirror = EntryRecord(
        MAR, "wrong", (Posting("1101", -1000), Posting(member_account, 1000)), "reversal", "rev-x"
    )
    before = row_counts()
    with pytest.raises(ValidationFailed) as caught:
        post_entries(treasurer, own, [not_mirror], reverses={"rev-x": original.pk})
    assert caught.value.errors[0].code == "not_a_mirror"
    assert row_counts() == before


def test_trial_balance_now_and_as_of_an_earlier_period(treasurer, own, member_account):
    """The trial balance is balanced; as of the end of January it counts only January's lines, and
    member sub-accounts roll up into their control account."""
    post_entry(treasurer, own, contribution("jan", day=JAN, satang=1000, member_account=member_account))
    post_entry(treasurer, own, contribution("feb", day=FEB, satang=2000, member_account=member_account))
    benefit = EntryRecord(MAR, "เยี่ยมไข้", (Posting("5102", 500), Posting("1101", -500)), "benefit", "mar")
    post_entry(treasurer, own, benefit)

    now = trial_balance(treasurer, own)
    assert now.is_balanced
    assert (now.total_debit, now.total_credit) == (3500, 3500)
    rows = {r.code: r for r in now.rows}
    assert member_account not in rows
    assert (rows["1101"].debit, rows["1101"].credit) == (3000, 500)
    assert (rows["4101"].debit, rows["4101"].credit) == (0, 3000)
    assert (rows["5102"].debit, rows["5102"].credit) == (500, 0)

    january = trial_balance(treasurer, own, period_end(2025, 1))
    assert january.is_balanced
    assert (january.total_debit, january.total_credit) == (1000, 1000)
    rows = {r.code: r for r in january.rows}
    assert (rows["1101"].debit, rows["4101"].credit, rows["5102"].debit) == (1000, 1000, 0)

    february = trial_balance(treasurer, own, period_end(2025, 2))
    assert (february.total_debit, february.total_credit) == (3000, 3000)


def test_closing_a_period_twice_is_idempotent(treasurer, own):
    """Closing January twice leaves one closed period and one audit event."""
    before = row_counts()
    first = close_period(treasurer, own, 2025, 1)
    second = close_period(treasurer, own, 2025, 1)
    assert first.pk == second.pk
    assert ClosedPeriod.objects.filter(fund=own).count() == 1
    after = row_counts()
    assert after["closed_periods"] - before["closed_periods"] == 1
    assert after["audit_events"] - before["audit_events"] == 1
    assert AuditEvent.objects.filter(action="ledger.period.close").count() == 1


@pytest.mark.parametrize(
    "period, code",
    [
        ((2026, 11), "month_not_ended"),  # the month under way: its remaining days would be refused for good
        ((2027, 3), "month_not_ended"),
        ((2024, 12), "before_founding"),  # the fund was founded on 1 January 2025
    ],
)
def test_a_month_not_ended_or_before_the_fund_is_not_closed(treasurer, own, period, code):
    before = row_counts()
    with pytest.raises(ValidationFailed) as refused:
        close_period(treasurer, own, *period, today=datetime.date(2026, 11, 26))
    [error] = refused.value.errors
    assert (error.code, error.where) == (code, "period") and error.message_th != error.message_en
    assert row_counts() == before
    close_period(treasurer, own, 2026, 10, today=datetime.date(2026, 11, 1))  # the day after October


def test_a_retry_after_the_period_closed_still_returns_the_first_entry(treasurer, own, member_account):
    """An entry posted before its month was closed, sent again afterwards, is the same entry: the
    retry is answered with the first result, not refused, and nothing is posted."""
    first = post_entry(treasurer, own, contribution("jan", day=JAN, member_account=member_account))
    close_period(treasurer, own, 2025, 1)
    before = row_counts()
    assert (
        post_entry(treasurer, own, contribution("jan", day=JAN, member_account=member_account)).pk == first.pk
    )
    assert row_counts() == before


def _batch(member_account: str, n: int, start: int = 0) -> list[EntryRecord]:
    return [
        contribution(
            f"bulk-{i}",
            day=JAN + datetime.timedelta(days=i % 40),
            satang=100 + i,
            member_account=member_account,
        )
        for i in range(start, start + n)
    ]


def test_bulk_posting_is_set_based_with_one_audit_event(
    treasurer, own, member_account, django_assert_max_num_queries
):
    """500 entries in one call are all posted, with one audit event, in a handful of statements (not
    one per row); sending the same batch again posts nothing and returns the same ids."""
    batch = _batch(member_account, 500)
    before = row_counts()
    with django_assert_max_num_queries(25):
        result = post_entries(treasurer, own, batch)
    assert result.posted == 500
    after = row_counts()
    assert after["entries"] - before["entries"] == 500
    assert after["lines"] - before["lines"] == 1000
    assert after["audit_events"] - before["audit_events"] == 1
    expected = sum(100 + i for i in range(500))
    assert account(own, "1101").debit_total == expected
    assert account(own, "4101").credit_total == expected
    assert account(own, member_account).credit_total == expected
    assert list(
        Entry.objects.filter(pk__in=result.entry_ids).values_list("idempotency_key", flat=True).order_by("id")
    ) == [e.key for e in batch]

    again = post_entries(treasurer, own, batch)
    assert (again.posted, again.entry_ids, again.replayed) == (0, result.entry_ids, True)
    assert row_counts() == after
    assert verify_all() == []


def _shared(member_account: str, n: int, templates: list[tuple[Posting, ...]]) -> list[EntryRecord]:
    """An import's batch: many entries sharing one memo and a few postings objects."""
    memo = "เงินสัจจะ สมาชิก 000001 (เงินสด)"
    return [
        EntryRecord(
            JAN + datetime.timedelta(days=i % 40),
            memo,
            templates[i % len(templates)],
            "contribution",
            f"s-{i}",
        )
        for i in range(n)
    ]


def test_a_large_batch_of_shared_templates_counts_every_entry(treasurer, own, member_account):
    """1,500 entries sharing two postings objects (checked and resolved once each by the bulk path): the
    totals count every entry, the lines are each entry's own, and the bulk write's settings (the
    cycle collector paused, SQLite's larger cache) are put back afterwards."""
    templates = [
        (Posting("1101", 3000), Posting(member_account, -3000)),
        (Posting("1101", 5000), Posting(member_account, -5000)),
    ]
    cache = cache_size()
    result = post_entries(treasurer, own, _shared(member_account, 1500, templates))
    assert result.posted == 1500
    total = 750 * 3000 + 750 * 5000
    assert account(own, "1101").debit_total == total
    assert account(own, "4101").credit_total == account(own, member_account).credit_total == total
    assert Line.objects.filter(entry__fund=own).count() == 3000
    assert gc.isenabled() and cache_size() == cache
    assert verify_all() == []


def test_a_shared_template_that_is_wrong_is_refused_for_every_entry_carrying_it(
    treasurer, own, member_account
):
    """Judging a template once must not hide its problem after the first entry, nor the closed month
    of an entry whose template is good; nothing is written and the settings are put back."""
    close_period(treasurer, own, 2025, 1)
    good = (Posting("1101", 3000), Posting(member_account, -3000))
    unbalanced = (Posting("1101", 3000), Posting(member_account, -2000))
    batch = _shared(member_account, 1200, [good, unbalanced])
    before = row_counts()
    with pytest.raises(ValidationFailed) as caught:
        post_entries(treasurer, own, batch)
    codes = [(e.code, e.where) for e in caught.value.errors]
    unbalanced_at = [n for n, e in enumerate(batch, start=1) if e.postings is unbalanced]
    closed_at = [n for n, e in enumerate(batch, start=1) if e.date.month == 1]
    assert sorted(n for c, w in codes for n in [int(w.split()[1])] if c == "unbalanced") == unbalanced_at
    assert sorted(n for c, w in codes for n in [int(w.split()[1])] if c == "period_closed") == closed_at
    assert row_counts() == before and gc.isenabled()


def test_a_batch_overlapping_an_earlier_one_posts_only_the_new_entries(treasurer, own, member_account):
    """Resending a file that was half imported posts the missing half and nothing twice."""
    first = post_entries(treasurer, own, _batch(member_account, 100))
    result = post_entries(treasurer, own, _batch(member_account, 100, start=50))
    assert result.posted == 50
    assert result.entry_ids[:50] == first.entry_ids[50:]
    assert Entry.objects.filter(fund=own).count() == 150
    assert verify_all() == []


def test_a_batch_with_one_bad_entry_writes_nothing(treasurer, own, member_account):
    """All or nothing: one entry with an unknown account refuses the whole batch, and the error says
    which entry, which line and why."""
    batch = _batch(member_account, 20)
    batch[6] = EntryRecord(JAN, "x", (Posting("1101", 100), Posting("9999", -100)), "general", "bad-one")
    before = row_counts()
    with pytest.raises(ValidationFailed) as caught:
        post_entries(treasurer, own, batch)
    (error,) = caught.value.errors
    assert error.code == "unknown_account"
    assert error.where == "entry 7 [bad-one] line 2"
    assert "9999" in error.message_en and "9999" in error.message_th
    assert row_counts() == before
    assert (account(own, "1101").debit_total, account(own, "4101").credit_total) == (0, 0)


def test_every_problem_of_a_batch_is_listed(treasurer, own, member_account):
    """A rejected batch lists every bad entry, not only the first, so a file is fixed in one pass."""
    batch = _batch(member_account, 5)
    batch[1] = batch[1]._replace(postings=(Posting("1101", 100), Posting(member_account, -90)))
    batch[3] = batch[3]._replace(postings=(Posting("1101", 0), Posting(member_account, 0)))
    batch[4] = batch[4]._replace(key=batch[0].key)
    with pytest.raises(ValidationFailed) as caught:
        post_entries(treasurer, own, batch)
    assert [(e.code, e.where) for e in caught.value.errors] == [
        ("unbalanced", "entry 2 [bulk-1]"),
        ("zero_amount", "entry 4 [bulk-3] line 1"),
        ("zero_amount", "entry 4 [bulk-3] line 2"),
        ("key_repeated", "entry 5 [bulk-0]"),
    ]
    assert Entry.objects.filter(fund=own).count() == 0


@pytest.mark.parametrize("role", [Role.COMMITTEE, Role.AUDITOR, Role.MEMBER, Role.COORDINATOR])
def test_roles_without_the_right_cannot_post_reverse_or_close(users, own, member_account, role):
    """Only treasurers and administrators write to the books; the others are refused and nothing is written."""
    user = users[role.value]
    entry = post_entry(users[Role.TREASURER.value], own, contribution("c-1", member_account=member_account))
    before = row_counts()
    with pytest.raises(NotPermitted, match="your role does not allow this$"):
        post_entry(user, own, contribution("c-2", member_account=member_account))
    with pytest.raises(NotPermitted, match="your role does not allow this$"):
        post_entries(user, own, _batch(member_account, 3))
    with pytest.raises(NotPermitted, match="your role does not allow this$"):
        reverse_entry(user, entry, MAR, key="rev-1")
    with pytest.raises(NotPermitted, match="your role does not allow this$"):
        close_period(user, own, 2025, 1)
    assert row_counts() == before


def test_an_administrator_may_post(users, own, member_account):
    """The administrator role is a bookkeeper too."""
    entry = post_entry(users[Role.ADMIN.value], own, contribution("c-1", member_account=member_account))
    assert entry.created_by_id == users[Role.ADMIN.value].pk


def test_a_user_of_another_fund_gets_not_found(treasurer, own, foreign, member_account):
    """A treasurer of one fund cannot tell another fund exists: every write there answers 'not found'."""
    outsider = get_user_model().objects.create_user("foreign-treasurer", password="x-2569-long-enough")
    RoleAssignment.objects.create(user=outsider, role=Role.TREASURER, fund=foreign)
    entry = post_entry(treasurer, own, contribution("c-1", member_account=member_account))
    before = row_counts()
    with pytest.raises(NotFound, match="fund not found$"):
        post_entry(outsider, own, contribution("c-2", member_account=member_account))
    with pytest.raises(NotFound, match="fund not found$"):
        reverse_entry(outsider, entry, MAR, key="rev-1")
    with pytest.raises(NotFound, match="fund not found$"):
        close_period(outsider, own, 2025, 1)
    with pytest.raises(NotFound, match="fund not found$"):
        post_entry(treasurer, foreign, contribution("c-3", member_account="4201"))
    assert row_counts() == before


def test_the_api_posts_once_per_idempotency_key(client, treasurer, own, member_account):
    """Through the API: the first request posts (201); the retry gets the same answer and posts nothing."""
    headers = {"Authorization": f"Bearer {token_for(treasurer)}", "Idempotency-Key": "api-1"}
    body = {
        "date": "2025-02-16",
        "memo": "สัจจะรายเดือน",
        "kind": "contribution",
        "lines": [{"account": "1101", "debit": 3000}, {"account": member_account, "credit": 3000}],
    }
    url = f"/api/funds/{own.code}/entries"
    first = client.post(url, body, content_type="application/json", headers=headers)
    assert first.status_code == 201, first.content
    before = row_counts()
    again = client.post(url, body, content_type="application/json", headers=headers)
    assert again.status_code == first.status_code
    assert again.json() == first.json()
    assert first.json()["lines"] == [
        {"account": "1101", "amount": 3000},
        {"account": member_account, "amount": -3000},
    ]
    assert row_counts() == before


def _large(member_account: str, n: int, prefix: str) -> list[EntryRecord]:
    """A large batch of one template, spread over February 2025 and the start of March."""
    template = (Posting("1101", 3000), Posting(member_account, -3000))
    memo = "เงินสัจจะ สมาชิก 000001 (เงินสด)"
    days = [FEB + datetime.timedelta(days=i) for i in range(20)]
    return [EntryRecord(days[i % 20], memo, template, "contribution", f"{prefix}-{i}") for i in range(n)]


def test_a_large_batch_refused_late_leaves_nothing_of_what_was_written_ahead(treasurer, own, member_account):
    """A large batch is written while it is checked, a few thousand entries at a time: an entry that
    fails among the last ones (after thousands went to the database) still refuses the whole batch,
    and nothing stays, account totals and audit chain included."""
    close_period(treasurer, own, 2025, 1)
    batch = _large(member_account, 9000, "late")
    batch[8500] = batch[8500]._replace(date=JAN)
    before = row_counts()
    with pytest.raises(ValidationFailed) as caught:
        post_entries(treasurer, own, batch)
    assert [(e.code, e.where.split(" [")[0]) for e in caught.value.errors] == [
        ("period_closed", "entry 8501")
    ]
    assert row_counts() == before
    assert (account(own, "1101").debit_total, account(own, member_account).credit_total) == (0, 0)
    assert verify_all() == []


def test_a_large_batch_is_one_audit_event_naming_all_its_entries(treasurer, own, member_account):
    """Entries written ahead carry the number their audit event takes once they are all digested."""
    result = post_entries(treasurer, own, _large(member_account, 5000, "big"))
    (event,) = AuditEvent.objects.filter(object_type=ENTRIES_OBJECT)
    assert set(Entry.objects.filter(pk__in=result.entry_ids).values_list("audit_seq", flat=True)) == {
        event.seq
    }
    assert Line.objects.filter(entry__fund=own).count() == 10_000
    assert account(own, member_account).credit_total == 5000 * 3000
    assert verify_all() == []


def test_a_large_batch_half_posted_before_posts_only_the_rest(treasurer, own, member_account):
    """A large file sent again with more rows: the rows posted before are found (same ids), only the
    new ones are written, and the totals count each entry once."""
    first = post_entries(treasurer, own, _large(member_account, 3000, "half"))
    again = post_entries(treasurer, own, _large(member_account, 4500, "half"))
    assert (again.posted, again.entry_ids[:3000]) == (1500, first.entry_ids)
    assert len(set(again.entry_ids)) == 4500
    assert Entry.objects.filter(fund=own).count() == 4500
    assert account(own, "1101").debit_total == 4500 * 3000
    assert post_entries(treasurer, own, _large(member_account, 4500, "half")).replayed
    assert verify_all() == []


@pytest.mark.parametrize("size", [999, 1500], ids=["small", "written ahead"])
def test_an_amount_that_is_not_whole_satang_is_refused_alike_in_a_small_or_large_batch(
    treasurer, own, member_account, size
):
    """The large batch's rows are made before its checks: an amount of the wrong type must still get the
    checks' answer, not a crash."""
    batch = _large(member_account, size, "typed")
    batch[size - 2] = batch[size - 2]._replace(
        postings=(Posting("1101", "3000"), Posting(member_account, -3000))
    )
    before = row_counts()
    with pytest.raises(ValidationFailed) as caught:
        post_entries(treasurer, own, batch)
    assert {(e.code, e.where.split(" [")[0]) for e in caught.value.errors} >= {
        ("not_whole_satang", f"entry {size - 1}")
    }
    assert row_counts() == before


def test_an_empty_call_inside_a_bulk_write_records_nothing(treasurer, own):
    from django.db import transaction

    from sajja.ledger.bulk import bulk_write

    before = row_counts()
    with transaction.atomic(), bulk_write(3000):
        assert post_entries(treasurer, own, []).entry_ids == []
    assert row_counts() == before
    assert verify_all() == []
