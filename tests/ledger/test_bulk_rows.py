"""What the bulk paths write comes back as it was sent, on SQLite and PostgreSQL alike, whichever way the
rows travel (at once, or behind on a second thread) and however many statements they take; a bulk write that fails behind fails the whole write; and the books' one-time
links (an entry reversed once, a receipt cancelled once) are still enforced by the database itself."""

from __future__ import annotations

import datetime
import gc
import sys
import threading
import time
from collections import Counter

import pytest
from django.db import IntegrityError, connection, transaction
from django.utils import timezone

from sajja.ledger import bulk
from sajja.ledger.bulk import Statements, StatementsBehind, add_to_columns, bulk_write, insert_rows
from sajja.ledger.models import Account, Entry
from tests.ledger.factories import cache_size

pytestmark = pytest.mark.django_db

# What the database says of a key given twice in a fund, and of an entry reversed twice (SQLite names the
# columns, PostgreSQL the constraint).
KEY_TWICE = r"(?i)unique constraint.*(idempotency_key|entry_key_unique_in_fund)"
REVERSED_TWICE = r"(?i)unique constraint.*(reverses_id|entry_reversed_once)"

DAY = datetime.date(2026, 11, 26)


def _rows(n: int) -> list[tuple]:
    memos = ["เงินสัจจะ สมาชิก 000001 (เงินสด)", 'it\'s "quoted" \\ and \t tabbed', "", "x" * 300]
    return [
        (
            9000 + i,
            connection.ops.adapt_datefield_value(DAY - datetime.timedelta(days=i)),
            202611,
            memos[i % len(memos)],
            "contribution",
            f"bulk:{i}",
            "d" * 64,
            None,
        )
        for i in range(n)
    ]


COLUMNS = ["id", "date", "period", "memo", "kind", "idempotency_key", "digest", "reverses_id"]


# Statements run behind on SQLite only (PostgreSQL's executemany is one pipeline already).
WAYS = {"at once": False, "behind": True} if connection.vendor == "sqlite" else {"at once": False}


@pytest.mark.parametrize("behind", list(WAYS.values()), ids=list(WAYS))
def test_rows_come_back_as_they_were_sent(own, behind, monkeypatch):
    """Seven rows, three to a statement (the limit made small, so that the chunks show)."""
    monkeypatch.setattr(bulk, "_BOUND_PER_STATEMENT", 3 * len(COLUMNS))
    sent = _rows(7)
    now = timezone.now()
    with transaction.atomic():
        statements = StatementsBehind() if behind else Statements()
        constants = {"fund_id": own.pk, "audit_seq": 0, "created_by_id": None, "created_at": now.isoformat()}
        try:
            insert_rows(statements, Entry._meta.db_table, COLUMNS, sent, constants)
            statements.wait()
        finally:
            if behind:
                statements.close()
    back = list(
        Entry.objects.filter(fund=own, idempotency_key__startswith="bulk:")
        .order_by("id")
        .values_list(*COLUMNS)
    )
    assert back == [(r[0], DAY - datetime.timedelta(days=i), *r[2:]) for i, r in enumerate(sent)]
    assert {e.created_at for e in Entry.objects.filter(pk__in=[r[0] for r in sent])} == {now}
    assert set(Entry.objects.filter(pk__in=[r[0] for r in sent]).values_list("created_by_id", flat=True)) == {
        None
    }


def _entry(fund, key: str, reverses=None) -> Entry:
    return Entry.objects.create(
        fund=fund,
        date=DAY,
        period=202611,
        memo="m",
        kind="general",
        idempotency_key=key,
        digest="d",
        audit_seq=0,
        created_at=timezone.now(),
        reverses=reverses,
    )


def test_an_entry_is_reversed_once_at_most_by_the_database_itself(own):
    """The unique index covers only the reversals: any number of entries reverse nothing."""
    original = _entry(own, "a")
    _entry(own, "b")
    _entry(own, "c")
    _entry(own, "r1", reverses=original)
    with pytest.raises(IntegrityError, match=REVERSED_TWICE), transaction.atomic():
        _entry(own, "r2", reverses=original)
    assert original.reversed_by.idempotency_key == "r1"
    assert Entry.objects.get(idempotency_key="b").reversed_by is None


def test_amounts_are_added_to_the_rows_named(own):
    """The account totals of a bulk posting: each account's own amounts added, the others untouched."""
    cash, income = Account.objects.get(fund=own, code="1101"), Account.objects.get(fund=own, code="4101")
    untouched = Account.objects.get(fund=own, code="1102")
    before = {a.pk: (a.debit_total, a.credit_total) for a in (cash, income, untouched)}
    with transaction.atomic():
        add_to_columns(
            Statements(),
            Account._meta.db_table,
            ["debit_total", "credit_total"],
            [(cash.pk, 700, 0), (income.pk, 0, 700)],
        )
    after = {a.pk: (a.debit_total, a.credit_total) for a in Account.objects.filter(pk__in=before)}
    assert after[cash.pk] == (before[cash.pk][0] + 700, before[cash.pk][1])
    assert after[income.pk] == (before[income.pk][0], before[income.pk][1] + 700)
    assert after[untouched.pk] == before[untouched.pk]


def test_a_query_made_during_a_bulk_write_sees_what_was_given_before_it(own):
    """On SQLite the write's statements run on a second thread; a query of this thread waits for them."""
    sent = _rows(3000)
    with transaction.atomic(), bulk_write(len(sent)) as statements:
        assert statements.behind == (connection.vendor == "sqlite")
        constants = {"fund_id": own.pk, "audit_seq": 0, "created_by_id": None, "created_at": timezone.now()}
        insert_rows(statements, Entry._meta.db_table, COLUMNS, sent, constants)
        assert Entry.objects.filter(fund=own, idempotency_key__startswith="bulk:").count() == 3000


def test_a_statement_that_fails_behind_fails_the_whole_write(own):
    """A row that breaks a constraint, written behind on SQLite: the block ends with Django's own
    IntegrityError (as a write at once would), and the transaction keeps nothing of the write."""
    sent = _rows(3000)
    clash = [(r[0] + 10_000, *r[1:5], "bulk:5", *r[6:]) for r in sent[:1]]  # key bulk:5 again
    later = [(r[0] + 20_000, *r[1:5], f"later:{i}", *r[6:]) for i, r in enumerate(sent[:10])]
    constants = {"fund_id": own.pk, "audit_seq": 0, "created_by_id": None, "created_at": timezone.now()}
    with (
        pytest.raises(IntegrityError, match=KEY_TWICE),
        transaction.atomic(),
        bulk_write(len(sent)) as statements,
    ):
        insert_rows(statements, Entry._meta.db_table, COLUMNS, sent, constants)
        insert_rows(statements, Entry._meta.db_table, COLUMNS, clash, constants)
        insert_rows(statements, Entry._meta.db_table, COLUMNS, later, constants)
    assert not Entry.objects.filter(fund=own, idempotency_key__regex=r"^(bulk|later):").exists()
    assert gc.isenabled()


def _give(statements: Statements, fund, prefix: str, n: int, first_id: int) -> None:
    rows = [(first_id + i, *r[1:5], f"{prefix}:{i}", *r[6:]) for i, r in enumerate(_rows(n))]
    constants = {"fund_id": fund.pk, "audit_seq": 0, "created_by_id": None, "created_at": timezone.now()}
    insert_rows(statements, Entry._meta.db_table, COLUMNS, rows, constants)


def _keys_by_prefix(fund) -> dict[str, int]:
    keys = Entry.objects.filter(fund=fund).values_list("idempotency_key", flat=True)
    return dict(Counter(k.split(":")[0] for k in keys if ":" in k))


def test_a_block_that_fails_inside_a_bulk_write_drops_its_own_statements_only(own):
    """A failed inner block (a savepoint, as the ledger's posting inside a payments import) gives up what
    it gave; what the outer block gave before and after it is written. The write's settings come back."""
    switch = sys.getswitchinterval()
    with transaction.atomic(), bulk_write(3000) as statements:
        _give(statements, own, "before", 3000, 50_000)
        with (
            pytest.raises(RuntimeError, match="a check failed"),
            transaction.atomic(),
            bulk_write(3000) as inner,
        ):
            assert inner is statements
            _give(inner, own, "inner", 3000, 60_000)
            raise RuntimeError("a check failed after the rows were given")
        _give(statements, own, "after", 2000, 70_000)
        if connection.vendor == "sqlite":
            assert sys.getswitchinterval() < switch
    assert _keys_by_prefix(own) == {"before": 3000, "after": 2000}
    assert gc.isenabled() and sys.getswitchinterval() == switch
    assert not [t for t in threading.enumerate() if t.name.startswith("sajja-bulk")]


def test_an_error_in_the_middle_of_a_bulk_write_leaves_nothing(own):
    sent = _rows(5000)
    constants = {"fund_id": own.pk, "audit_seq": 0, "created_by_id": None, "created_at": timezone.now()}
    with (
        pytest.raises(ZeroDivisionError, match="division by zero"),
        transaction.atomic(),
        bulk_write(len(sent)) as statements,
    ):
        insert_rows(statements, Entry._meta.db_table, COLUMNS, sent, constants)
        1 / 0  # noqa: B018 - the error of a row being built
    assert not Entry.objects.filter(fund=own, idempotency_key__startswith="bulk:").exists()
    assert not [t for t in threading.enumerate() if t.name.startswith("sajja-bulk")]


def test_a_clash_caught_around_an_inner_block_is_raised_once_and_the_write_goes_on(own):
    """As with statements run at once: the inner block's IntegrityError reaches the code that catches it
    around that block, the savepoint is undone, and what the outer block gives afterwards is written."""
    cache = cache_size()
    with transaction.atomic(), bulk_write(3000) as statements:
        _give(statements, own, "before", 3000, 50_000)
        with pytest.raises(IntegrityError, match=KEY_TWICE), transaction.atomic(), bulk_write(3000) as inner:
            _give(inner, own, "inner", 1500, 60_000)
            _give(inner, own, "before", 1, 65_000)  # key before:0 again
            _give(inner, own, "lost", 1500, 62_000)
            inner.wait()
        _give(statements, own, "after", 2000, 70_000)
    assert _keys_by_prefix(own) == {"before": 3000, "after": 2000}
    assert cache_size() == cache


def test_a_clash_behind_is_not_hidden_by_a_later_error(own):
    """A statement that failed behind is raised even when the block fails for another reason later: the
    caller catching that other error must not go on without the rows that were never written."""
    cache = cache_size()
    with pytest.raises(IntegrityError, match=KEY_TWICE), transaction.atomic(), bulk_write(3000) as statements:
        _give(statements, own, "once", 3000, 50_000)
        _give(statements, own, "once", 1, 60_000)  # key once:0 again
        if (
            statements.behind
        ):  # let it fail behind before this thread fails (a statement not run yet is dropped)
            deadline = time.monotonic() + 30
            while not statements._given[-1].done() and time.monotonic() < deadline:
                time.sleep(0.01)
        raise ValueError("a row that could not be built")
    assert _keys_by_prefix(own) == {}
    assert cache_size() == cache
