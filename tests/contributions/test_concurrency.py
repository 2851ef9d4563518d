"""Receipts numbered without gaps when many clients record and retry at the same moment, each on its
own database connection."""

from __future__ import annotations

import datetime
import doctest
import random

import pytest

from sajja.access.policy import SYSTEM
from sajja.audit.verify import verify_all
from sajja.contributions import reading, words
from sajja.contributions.models import Receipt
from sajja.contributions.services import record_payment
from sajja.contributions.validation import Payment
from tests.contributions.factories import TODAY
from tests.ledger.factories import run_together

KEYS = [f"pay-{n}" for n in range(12)]


@pytest.mark.django_db(transaction=True)
def test_payments_sent_at_once_get_one_receipt_each_numbered_without_gaps(own, own_member):
    def work(i: int) -> dict[str, int]:
        keys = KEYS[:]
        random.Random(i).shuffle(keys)
        return {
            key: record_payment(
                SYSTEM, own, Payment("000001", 3000, datetime.date(2026, 11, 16), key=key), today=TODAY
            ).number
            for key in keys
        }

    results = run_together(work, n=6)
    assert all(r == results[0] for r in results)
    assert sorted(Receipt.objects.filter(fund=own).values_list("number", flat=True)) == list(
        range(1, len(KEYS) + 1)
    )
    assert verify_all() == []


@pytest.mark.parametrize("module", [reading, words])
def test_the_examples_in_the_docstrings_hold(module):
    result = doctest.testmod(module)
    assert result.attempted > 0 and result.failed == 0
