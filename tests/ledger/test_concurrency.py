"""Idempotency under concurrency: many clients retrying the same keys at the same moment, each on its
own database connection, still leave exactly one entry per key and books that verify."""

from __future__ import annotations

import random

import pytest

from sajja.access.policy import SYSTEM
from sajja.audit.models import AuditEvent, ChainHead
from sajja.audit.verify import verify_all
from sajja.ledger.models import Account, Entry, Line
from sajja.ledger.services import close_period, post_entries, post_entry
from tests.factories import contribution, make_fund
from tests.ledger.factories import THREADS, run_together

KEYS = [f"same-{n}" for n in range(20)]


def assert_books_sound(fund, member_account: str, satang_per_key: int):
    """One entry per key, totals equal the sum of lines, and the audit chain and books verify."""
    entries = Entry.objects.filter(fund=fund)
    assert sorted(entries.values_list("idempotency_key", flat=True)) == sorted(KEYS)
    assert Line.objects.filter(entry__fund=fund).count() == 2 * len(KEYS)
    expected = satang_per_key * len(KEYS)
    cash = Account.objects.get(fund=fund, code="1101")
    sub = Account.objects.get(fund=fund, code=member_account)
    control = Account.objects.get(fund=fund, code="4101")
    assert (cash.debit_total, cash.credit_total) == (expected, 0)
    assert (sub.debit_total, sub.credit_total) == (0, expected)
    assert (control.debit_total, control.credit_total) == (0, expected)
    assert verify_all() == []


@pytest.mark.django_db(transaction=True)
def test_the_same_keys_sent_at_once_post_one_entry_each(treasurer, own, member_account):
    """8 clients send the same 20 entries, each in its own order, at the same moment: every client
    gets the same entry for a key, each key is posted once, and one audit event records each post."""
    events_before = AuditEvent.objects.count()

    def work(i: int) -> dict[str, int]:
        keys = KEYS[:]
        random.Random(i).shuffle(keys)
        return {
            key: post_entry(treasurer, own, contribution(key, member_account=member_account)).pk
            for key in keys
        }

    results = run_together(work)
    for result in results[1:]:
        assert result == results[0]
    assert len(set(results[0].values())) == len(KEYS)
    assert AuditEvent.objects.count() - events_before == len(KEYS)
    assert_books_sound(own, member_account, 3000)


@pytest.mark.django_db(transaction=True)
def test_the_same_batch_sent_at_once_is_posted_once(treasurer, own, member_account):
    """8 clients send the same batch of 20 entries at once (as an importer retrying would): exactly one
    call posts it, the others get its ids back and post nothing."""
    batch = [contribution(key, satang=1234, member_account=member_account) for key in KEYS]
    results = run_together(lambda i: post_entries(treasurer, own, batch))
    assert sorted(r.posted for r in results) == [0] * (THREADS - 1) + [len(KEYS)]
    assert all(r.entry_ids == results[0].entry_ids for r in results)
    assert_books_sound(own, member_account, 1234)


@pytest.mark.django_db(transaction=True)
def test_overlapping_batches_and_closes_at_once(treasurer, own, member_account):
    """Clients posting overlapping halves of the same keys while others close other months at the same
    moment: each key is posted once, each month closed once, and the chain verifies."""
    batch = [contribution(key, satang=500, member_account=member_account) for key in KEYS]

    def work(i: int):
        if i % 4 == 3:
            return close_period(treasurer, own, 2025, 3 + i // 4)  # the entries are dated in February
        half = batch[:12] if i % 2 else batch[8:]
        return post_entries(treasurer, own, half)

    run_together(work)
    assert own.closed_periods.count() == 2
    assert AuditEvent.objects.filter(action="ledger.period.close").count() == 2
    assert_books_sound(own, member_account, 500)


@pytest.mark.django_db(transaction=True)
def test_the_first_writes_of_a_new_database_race_safely(db):
    """On a database whose audit chain has no head yet, 8 clients post the same keys at once: the chain
    head is created once and every key is posted once."""
    fund = make_fund("fresh-fund", "net-fresh")
    assert not ChainHead.objects.exists()
    entries = [contribution(key, member_account="4201") for key in KEYS]
    results = run_together(lambda i: post_entries(SYSTEM, fund, entries[i:] + entries[:i]))
    assert sum(r.posted for r in results) == len(KEYS)
    assert ChainHead.objects.count() == 1
    assert sorted(Entry.objects.filter(fund=fund).values_list("idempotency_key", flat=True)) == sorted(KEYS)
    assert verify_all() == []
