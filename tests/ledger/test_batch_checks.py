"""The bulk path judges once what a batch's entries share (memo, kind and postings objects): every entry
must still get exactly check_entry's errors and entry_digest's digest, whatever mix of good and bad
entries, shared and unshared parts, dates and closed months the batch holds."""

from __future__ import annotations

import datetime
from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

from sajja.core.ledger.checks import BatchChecker, LedgerContext, check_entry
from sajja.core.ledger.records import MAX_AMOUNT, MEMO_MAX, BatchDigests, Entry, Posting, entry_digest

ACCOUNTS = frozenset({"1101", "1102", "4101-000001", "4101-000002"})
CLOSED = frozenset({(2025, 1), (2025, 3)})

# Pools of objects that entries share, as a file's template entries do: good ones and bad ones.
MEMOS = ["เงินสัจจะ สมาชิก 000001 (เงินสด)", "", "x" * MEMO_MAX, "x" * (MEMO_MAX + 1), "memo\x00", 7]
KINDS = ["contribution", "general", "", "k" * 33, "kind\x1f", None]
POSTINGS = [
    (Posting("1101", 3000), Posting("4101-000001", -3000)),
    (Posting("1102", 3000), Posting("4101-000002", -3000)),
    (Posting("1101", 3000), Posting("4101-000001", -2000)),  # unbalanced
    (Posting("1101", 3000.0), Posting("4101-000001", -3000.0)),  # not satang
    (Posting("1101", Decimal("30")), Posting("4101-000001", Decimal("-30"))),
    (Posting("1101", True), Posting("4101-000001", -1)),
    (Posting("1101", 0), Posting("4101-000001", 0)),
    (Posting("1101", MAX_AMOUNT + 1), Posting("4101-000001", -MAX_AMOUNT - 1)),
    (Posting("9999", 3000), Posting("4101-000001", -3000)),  # unknown account
    (Posting("1101", 3000),),  # one line
]
DATES = [
    datetime.date(2025, 1, 20),  # closed month
    datetime.date(2025, 2, 1),
    datetime.date(2025, 3, 31),  # closed month
    datetime.date(2026, 11, 26),
    datetime.datetime(2025, 2, 1, 9, 0),  # not a calendar date
    "2025-02-01",
]


def pick(pool):
    """An object of the pool (shared), or a fresh copy equal to it (not shared)."""
    return st.sampled_from(pool).flatmap(
        lambda value: (
            st.sampled_from([value, _copy(value)]) if isinstance(value, str | tuple) else st.just(value)
        )
    )


def _copy(value):
    if isinstance(value, tuple):
        return tuple(Posting("".join(p.account), p.amount) for p in value)
    return "".join(list(value))


entries = st.lists(
    st.builds(Entry, st.sampled_from(DATES), pick(MEMOS), pick(POSTINGS), pick(KINDS), st.just("k")),
    max_size=40,
)


@settings(max_examples=300, deadline=None)
@given(entries, st.booleans())
def test_a_batch_gets_the_errors_of_each_entry_alone(batch, closed):
    ctx = LedgerContext(accounts=ACCOUNTS, closed_periods=CLOSED if closed else frozenset())
    check = BatchChecker(ctx)
    assert [check(e) for e in batch] == [check_entry(e, ctx) for e in batch]


@settings(max_examples=200, deadline=None)
@given(entries)
def test_a_batch_gets_the_digest_of_each_entry_alone(batch):
    ctx = LedgerContext(accounts=ACCOUNTS)
    good = [e for e in batch if not check_entry(e, ctx)]
    digest = BatchDigests()
    assert [digest(e) for e in good] == [entry_digest(e) for e in good]


def test_a_shared_template_is_judged_by_its_own_objects_not_by_equal_ones():
    """3000.0 equals 3000 and hashes alike: a float template after an int one is still refused."""
    ctx = LedgerContext(accounts=ACCOUNTS)
    day = datetime.date(2025, 2, 1)
    good = (Posting("1101", 3000), Posting("4101-000001", -3000))
    floats = (Posting("1101", 3000.0), Posting("4101-000001", -3000.0))
    assert good == floats
    check = BatchChecker(ctx)
    batch = [Entry(day, "m", good, "general", "a"), Entry(day, "m", floats, "general", "b")]
    assert [len(check(e)) for e in batch] == [0, 2]


@settings(max_examples=300, deadline=None)
@given(entries, st.booleans())
def test_a_batch_passes_whole_exactly_when_every_entry_alone_passes(batch, closed):
    """all_pass is the one-pass judgment of a whole batch: it may never let through an entry that
    check_entry refuses, nor refuse a batch of entries that all pass."""
    ctx = LedgerContext(accounts=ACCOUNTS, closed_periods=CLOSED if closed else frozenset())
    assert BatchChecker(ctx).all_pass(batch) == all(not check_entry(e, ctx) for e in batch)


@settings(max_examples=200, deadline=None)
@given(entries)
def test_many_digests_at_once_are_each_entrys_own(batch):
    ctx = LedgerContext(accounts=ACCOUNTS)
    good = [e for e in batch if not check_entry(e, ctx)]
    assert BatchDigests().many(good) == [entry_digest(e) for e in good]
