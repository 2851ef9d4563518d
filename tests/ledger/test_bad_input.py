"""Bad input gets a clear error, in Thai and English, saying what and where, and nothing is written."""

from __future__ import annotations

import datetime
import re
from decimal import Decimal

import pytest

from sajja.access.policy import SYSTEM
from sajja.core.errors import ValidationFailed
from sajja.core.ledger.records import MAX_AMOUNT, Posting
from sajja.core.ledger.records import Entry as EntryRecord
from sajja.ledger.selectors import parse_period
from sajja.ledger.services import close_period, post_entries, post_entry
from sajja.registry.services import Enrolment, PersonData, enrol_member
from tests.factories import contribution, token_for
from tests.ledger.factories import row_counts

THAI = re.compile(r"[\u0E00-\u0E7F]")
JAN = datetime.date(2025, 1, 20)


def assert_clear(error, code: str, where: str | None = None):
    """The error has the expected code, a Thai message, an English message and (if given) a place."""
    assert error.code == code
    assert THAI.search(error.message_th), error.message_th
    assert error.message_en and not THAI.search(error.message_en), error.message_en
    if where is not None:
        assert error.where == where


def refused(treasurer, fund, entry: EntryRecord) -> ValidationFailed:
    """Post `entry`, expect it refused, check nothing was written, and return the error."""
    before = row_counts()
    with pytest.raises(ValidationFailed) as caught:
        post_entry(treasurer, fund, entry)
    assert row_counts() == before
    return caught.value


def test_wrong_thai_id_checksum_is_refused_at_enrolment(own):
    """A national ID whose 13th digit does not match its checksum enrols nobody."""
    before = row_counts()
    person = PersonData("1101400000007", "สมชาย", "ใจดี", datetime.date(1970, 1, 1), "M")
    with pytest.raises(ValidationFailed) as caught:
        enrol_member(SYSTEM, own, Enrolment(person, datetime.date(2025, 1, 1), "G01"))
    (error,) = caught.value.errors
    assert_clear(error, "invalid_national_id", "national_id")
    assert "1101400000007" in error.message_en
    assert "checksum" in error.message_en
    assert "เลขตรวจสอบ" in error.message_th
    assert row_counts() == before


def test_unbalanced_entry(treasurer, own, member_account):
    """Debits and credits that differ are refused, saying by how much."""
    entry = EntryRecord(JAN, "x", (Posting("1101", 3000), Posting(member_account, -2000)), "general", "k")
    (error,) = refused(treasurer, own, entry).errors
    assert_clear(error, "unbalanced", "entry 1 [k]")
    assert "10.00" in error.message_en and "10.00" in error.message_th


@pytest.mark.parametrize("amount", [10.5, 3000.0, Decimal("10.5"), Decimal("3000")])
def test_amount_that_is_not_whole_satang(treasurer, own, member_account, amount):
    """Floats and Decimals are not satang: the books take integers only, so each is refused."""
    entry = EntryRecord(JAN, "x", (Posting("1101", amount), Posting(member_account, -amount)), "general", "k")
    errors = refused(treasurer, own, entry).errors
    assert [e.where for e in errors] == ["entry 1 [k] line 1", "entry 1 [k] line 2"]
    for error in errors:
        assert_clear(error, "not_whole_satang")


def test_zero_amount(treasurer, own, member_account):
    """A line of zero satang is refused."""
    entry = EntryRecord(
        JAN, "x", (Posting("1101", 3000), Posting(member_account, -3000), Posting("1102", 0)), "general", "k"
    )
    (error,) = refused(treasurer, own, entry).errors
    assert_clear(error, "zero_amount", "entry 1 [k] line 3")


def test_absurdly_large_amount(treasurer, own, member_account):
    """An amount too large to be real (a slip of the keyboard) is refused before it can overflow a total."""
    big = MAX_AMOUNT + 1
    entry = EntryRecord(JAN, "x", (Posting("1101", big), Posting(member_account, -big)), "general", "k")
    errors = refused(treasurer, own, entry).errors
    assert [e.code for e in errors] == ["amount_too_large", "amount_too_large"]
    assert_clear(errors[0], "amount_too_large", "entry 1 [k] line 1")


def test_posting_into_a_closed_period(treasurer, own, member_account):
    """Once January is closed, nothing more can be posted into it."""
    close_period(treasurer, own, 2025, 1)
    (error,) = refused(treasurer, own, contribution("k", day=JAN, member_account=member_account)).errors
    assert_clear(error, "period_closed", "entry 1 [k]")
    assert "2025-01" in error.message_en
    assert "2568" in error.message_th  # the Thai message names the month in the Buddhist era


def test_unknown_account(treasurer, own):
    """An account the fund does not have is refused, naming it and the line."""
    entry = EntryRecord(JAN, "x", (Posting("1101", 3000), Posting("4999", -3000)), "general", "k")
    (error,) = refused(treasurer, own, entry).errors
    assert_clear(error, "unknown_account", "entry 1 [k] line 2")
    assert "4999" in error.message_en and "4999" in error.message_th


def test_control_account_cannot_be_posted_directly(treasurer, own):
    """4101 is the sum of the members' sub-accounts: a line must name a member's sub-account instead."""
    (error,) = refused(treasurer, own, contribution("k", member_account="4101")).errors
    assert_clear(error, "unknown_account", "entry 1 [k] line 2")


def test_missing_key_and_overlong_memo(treasurer, own, member_account):
    """An entry without an idempotency key, or with a memo longer than the books keep, is refused
    rather than cut short."""
    (error,) = refused(treasurer, own, contribution("", member_account=member_account)).errors
    assert_clear(error, "key_required", "entry 1")
    long_memo = contribution("k", member_account=member_account)._replace(memo="ก" * 301)
    (error,) = refused(treasurer, own, long_memo).errors
    assert_clear(error, "memo_too_long", "entry 1 [k] memo")


@pytest.mark.parametrize("field", ["memo", "kind", "key"])
def test_control_characters_are_refused(treasurer, own, member_account, field):
    """A NUL (which PostgreSQL cannot store) or another control character in the memo, kind or key is
    refused with a clear error on every database, instead of failing deep inside one of them."""
    entry = contribution("k", member_account=member_account)
    entry = entry._replace(**{field: getattr(entry, field) + "\x00"})
    (error,) = refused(treasurer, own, entry).errors
    if field == "key":
        assert_clear(error, "key_required", "entry 1")
    else:
        assert_clear(error, "control_character", f"entry 1 [k] {field}")
        assert "U+0000" in error.message_en


def test_a_single_line_entry(treasurer, own):
    """An entry needs at least two lines."""
    entry = EntryRecord(JAN, "x", (Posting("1101", 3000),), "general", "k")
    errors = refused(treasurer, own, entry).errors
    assert_clear(errors[0], "too_few_postings", "entry 1 [k]")


def test_bulk_refuses_a_bad_entry_in_a_closed_period(treasurer, own, member_account):
    """A batch mixing good entries with one into a closed month posts none of them."""
    close_period(treasurer, own, 2025, 1)
    batch = [contribution(f"k{i}", member_account=member_account) for i in range(5)]
    batch.append(contribution("late", day=JAN, member_account=member_account))
    before = row_counts()
    with pytest.raises(ValidationFailed) as caught:
        post_entries(treasurer, own, batch)
    (error,) = caught.value.errors
    assert_clear(error, "period_closed", "entry 6 [late]")
    assert row_counts() == before


@pytest.mark.parametrize("text", ["2025-13", "2025/01", "January", "99999-01"])
def test_a_malformed_period_is_bad_input_not_a_missing_object(text):
    """A period that is not YYYY-MM (or a Buddhist-era year) is refused as invalid input (400)."""
    with pytest.raises(ValidationFailed) as caught:
        parse_period(text)
    (error,) = caught.value.errors
    assert_clear(error, "invalid_period", "period")
    assert caught.value.status == 400
    assert parse_period("2568-01") == (2025, 1)


# Through the API: amounts are integer satang in `debit` or `credit`, both >= 0.


def _post(client, user, fund, lines, key="api-1"):
    headers = {"Authorization": f"Bearer {token_for(user)}", "Idempotency-Key": key}
    body = {"date": "2025-02-16", "memo": "สัจจะ", "kind": "contribution", "lines": lines}
    return client.post(
        f"/api/funds/{fund.code}/entries", body, content_type="application/json", headers=headers
    )


@pytest.mark.parametrize(
    ("lines", "field"),
    [
        ([{"account": "1101", "debit": -3000}, {"account": "MEMBER", "credit": -3000}], "debit"),
        ([{"account": "1101", "debit": 10.5}, {"account": "MEMBER", "credit": 10.5}], "debit"),
        ([{"account": "1101", "debit": "3000"}, {"account": "MEMBER", "credit": 3000}], "debit"),
    ],
    ids=["negative", "fractional", "text"],
)
def test_api_refuses_a_negative_or_fractional_amount_with_422(
    client, treasurer, own, member_account, lines, field
):
    """A negative debit or a fraction of a satang is rejected by the API (422), naming the field;
    nothing is written, not even the idempotency record."""
    token_for(treasurer)
    lines = [
        {**line, "account": member_account if line["account"] == "MEMBER" else line["account"]}
        for line in lines
    ]
    before = row_counts()
    response = _post(client, treasurer, own, lines)
    assert response.status_code == 422, response.content
    body = response.json()
    assert body["code"] == "invalid"
    assert THAI.search(body["message_th"]) and body["message_en"]
    assert any(field in item["where"] and "lines" in item["where"] for item in body["errors"]), body
    assert row_counts() == before


def test_api_refuses_an_unbalanced_entry_with_400_listing_the_errors(client, treasurer, own, member_account):
    """An unbalanced entry sent to the API answers 400 with every problem listed (what and where);
    nothing is written."""
    token_for(treasurer)
    before = row_counts()
    lines = [
        {"account": "1101", "debit": 3000},
        {"account": member_account, "credit": 2000},
        {"account": "4999", "credit": 500},
    ]
    response = _post(client, treasurer, own, lines)
    assert response.status_code == 400, response.content
    body = response.json()
    assert body["code"] == "unbalanced"
    assert [(item["code"], item["where"]) for item in body["errors"]] == [
        ("unbalanced", "entry 1 [api-1]"),
        ("unknown_account", "entry 1 [api-1] line 3"),
    ]
    for item in body["errors"]:
        assert THAI.search(item["message_th"]) and item["message_en"]
    assert row_counts() == before
