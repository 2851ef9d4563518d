"""What the ledger's checks refuse, and what they let through, written as the entries a treasurer posts.

An entry is written as a small ledger: its first line is the date, the kind and the memo, then one line
per posting (account, baht; a debit is positive, a credit negative). The fund's chart has the cash box
1101, the bank 1102 and the member account 4101-000001; January 2026 is closed.
"""

from __future__ import annotations

import datetime
import shlex

import pytest

from sajja.core.ledger.checks import BatchChecker, LedgerContext, check_entry
from sajja.core.ledger.records import KIND_MAX, MAX_AMOUNT, MEMO_MAX, Entry, Posting
from sajja.core.money import parse_baht

FUND = LedgerContext(
    accounts=frozenset({"1101", "1102", "4101-000001"}), closed_periods=frozenset({(2026, 1)})
)
OPEN_BOOKS = LedgerContext(accounts=FUND.accounts)


def entry(text: str) -> Entry:
    """The entry a small ledger text describes (see the module's docstring)."""
    head, *lines = [line for line in text.strip().splitlines() if line.strip()]
    day, kind, memo = shlex.split(head)
    postings = tuple(Posting(account, parse_baht(baht)) for account, baht in (line.split() for line in lines))
    return Entry(datetime.date.fromisoformat(day), memo, postings, kind)


def problems(e: Entry, ctx: LedgerContext = FUND) -> list[tuple[str, str]]:
    return [(p.code, p.where) for p in check_entry(e, ctx)]


def english(e: Entry, ctx: LedgerContext = FUND) -> list[str]:
    return [p.message_en for p in check_entry(e, ctx)]


def thai(e: Entry, ctx: LedgerContext = FUND) -> list[str]:
    return [p.message_th for p in check_entry(e, ctx)]


CONTRIBUTION = entry("""
    2026-02-16 contribution "เงินสัจจะ สมาชิก 000001"
      1101          30.00
      4101-000001  -30.00
""")


def test_a_balanced_entry_into_known_accounts_of_an_open_month_passes():
    assert check_entry(CONTRIBUTION, FUND) == []


# --- accounts --------------------------------------------------------------------------------------


def test_an_entry_whose_every_account_is_unknown_is_refused_line_by_line():
    e = entry("""
        2026-02-16 general "ฝากธนาคาร"
          9998   30.00
          9999  -30.00
    """)
    assert problems(e) == [("unknown_account", "line 1"), ("unknown_account", "line 2")]
    assert english(e) == ["unknown account 9998 in this fund", "unknown account 9999 in this fund"]
    assert thai(e) == ["ไม่พบบัญชี 9998 ในกองทุนนี้", "ไม่พบบัญชี 9999 ในกองทุนนี้"]


def test_one_unknown_account_is_named_on_its_own_line():
    e = entry("""
        2026-02-16 general "ฝากธนาคาร"
          1101   30.00
          9999  -30.00
    """)
    assert problems(e) == [("unknown_account", "line 2")]


# --- the date, the memo and the kind ------------------------------------------------------------


@pytest.mark.parametrize("day", [datetime.datetime(2026, 2, 16, 9, 30), "2026-02-16", None])
def test_an_entry_must_be_dated_by_a_calendar_day(day):
    e = CONTRIBUTION._replace(date=day)
    assert problems(e) == [("invalid_date", "date")]
    assert english(e) == [f"not a calendar date: {day!r}"]
    assert thai(e) == [f"วันที่ไม่ถูกต้อง: {day!r}"]


def test_an_undated_entry_is_not_judged_against_the_closed_months():
    e = CONTRIBUTION._replace(date=datetime.datetime(2026, 1, 15, 9, 30))  # in the closed January
    assert problems(e) == [("invalid_date", "date")]


@pytest.mark.parametrize("memo", ["", "x" * MEMO_MAX, "ค่าสมัคร\u00a0(เงินสด)", "tab-free ~ text"])
def test_a_memo_may_be_empty_or_as_long_as_is_stored(memo):
    assert check_entry(CONTRIBUTION._replace(memo=memo), FUND) == []


@pytest.mark.parametrize("memo", ["x" * (MEMO_MAX + 1), 7, None])
def test_a_memo_too_long_to_store_or_not_text_is_refused(memo):
    e = CONTRIBUTION._replace(memo=memo)
    assert problems(e) == [("memo_too_long", "memo")]
    assert english(e) == [f"the memo must be text of at most {MEMO_MAX} characters"]
    assert thai(e) == [f"คำอธิบายต้องเป็นข้อความไม่เกิน {MEMO_MAX} ตัวอักษร"]


@pytest.mark.parametrize(
    ("memo", "code_point"),
    [("memo\x00", "U+0000"), ("\x1fmemo", "U+001F"), ("me\x7fmo", "U+007F"), ("memo\x9f", "U+009F")],
)
def test_a_control_character_in_the_memo_is_named(memo, code_point):
    e = CONTRIBUTION._replace(memo=memo)
    assert problems(e) == [("control_character", "memo")]
    assert english(e) == [f"the memo contains the control character {code_point}, which cannot be stored"]
    assert thai(e) == [f"memo มีอักขระควบคุม {code_point} ซึ่งบันทึกไม่ได้"]


@pytest.mark.parametrize("kind", ["general", "k", "k" * KIND_MAX])
def test_a_kind_of_one_to_32_characters_passes(kind):
    assert check_entry(CONTRIBUTION._replace(kind=kind), FUND) == []


@pytest.mark.parametrize("kind", ["", "k" * (KIND_MAX + 1), None, 5])
def test_an_empty_overlong_or_missing_kind_is_refused(kind):
    e = CONTRIBUTION._replace(kind=kind)
    assert problems(e) == [("invalid_kind", "kind")]
    assert english(e) == [f"the entry kind must be text of 1-{KIND_MAX} characters"]
    assert thai(e) == [f"ประเภทรายการต้องเป็นข้อความ 1-{KIND_MAX} ตัวอักษร"]


def test_a_control_character_in_the_kind_is_named():
    e = CONTRIBUTION._replace(kind="general\x0a")
    assert problems(e) == [("control_character", "kind")]
    assert english(e) == ["the kind contains the control character U+000A, which cannot be stored"]
    assert thai(e) == ["kind มีอักขระควบคุม U+000A ซึ่งบันทึกไม่ได้"]


def test_a_control_character_in_both_memo_and_kind_is_named_twice():
    e = CONTRIBUTION._replace(memo="memo\x00", kind="general\x07")
    assert problems(e) == [("control_character", "memo"), ("control_character", "kind")]


def test_a_memo_of_the_longest_length_is_not_blamed_for_a_wrong_kind():
    e = CONTRIBUTION._replace(memo="x" * MEMO_MAX, kind="")
    assert problems(e) == [("invalid_kind", "kind")]


def test_a_kind_of_the_longest_length_is_not_blamed_for_a_wrong_date():
    e = CONTRIBUTION._replace(kind="k" * KIND_MAX, date="2026-02-16")
    assert problems(e) == [("invalid_date", "date")]


def test_every_field_problem_is_told_at_once():
    e = Entry(datetime.datetime(2026, 2, 16), "memo\x00", CONTRIBUTION.postings, "")
    assert problems(e) == [("invalid_date", "date"), ("control_character", "memo"), ("invalid_kind", "kind")]


# --- lines and amounts ---------------------------------------------------------------------------


def test_an_entry_of_one_line_is_refused():
    e = entry("""
        2026-02-16 general "ครึ่งรายการ"
          1101  30.00
    """)
    assert ("too_few_postings", "") in problems(e)
    assert "an entry needs at least two lines" in english(e)
    assert "รายการต้องมีอย่างน้อย 2 บรรทัด" in thai(e)


@pytest.mark.parametrize("amount", [3000.0, True])
def test_an_amount_that_is_not_whole_satang_is_refused_on_its_line(amount):
    e = CONTRIBUTION._replace(postings=(Posting("1101", 3000), Posting("4101-000001", amount)))
    assert problems(e) == [("not_whole_satang", "line 2")]
    assert english(e) == [f"amount must be a whole number of satang: {amount!r}"]
    assert thai(e) == [f"จำนวนเงินต้องเป็นสตางค์เต็มหน่วย: {amount!r}"]


def test_a_zero_line_is_refused_on_its_line():
    e = entry("""
        2026-02-16 general "ศูนย์บาท"
          1101          0.00
          4101-000001   0.00
    """)
    assert problems(e) == [("zero_amount", "line 1"), ("zero_amount", "line 2")]
    assert english(e) == ["amount is zero", "amount is zero"]
    assert thai(e) == ["จำนวนเงินเป็นศูนย์", "จำนวนเงินเป็นศูนย์"]


def test_one_trillion_baht_on_a_line_is_the_most_a_line_may_hold():
    at_limit = (Posting("1101", MAX_AMOUNT), Posting("4101-000001", -MAX_AMOUNT))
    assert check_entry(CONTRIBUTION._replace(postings=at_limit), FUND) == []


@pytest.mark.parametrize("line", [1, 2])
def test_a_line_over_one_trillion_baht_is_a_typing_error(line):
    over = MAX_AMOUNT + 1
    postings = (Posting("1101", over), Posting("4101-000001", -over))
    e = CONTRIBUTION._replace(postings=postings)
    assert problems(e) == [("amount_too_large", "line 1"), ("amount_too_large", "line 2")]
    assert english(e)[line - 1] == "amount exceeds the limit of 1,000,000,000,000.00 baht per line"
    assert thai(e)[line - 1] == "จำนวนเงินเกินขีดจำกัด (1,000,000,000,000.00 บาทต่อบรรทัด)"


def test_a_line_of_exactly_the_limit_is_not_blamed_for_another_lines_fault():
    postings = (Posting("1101", MAX_AMOUNT), Posting("4101-000001", -MAX_AMOUNT), Posting("1102", 0))
    assert problems(CONTRIBUTION._replace(postings=postings)) == [("zero_amount", "line 3")]


def test_a_too_large_credit_alone_is_refused():
    postings = (Posting("1101", 3000), Posting("4101-000001", -MAX_AMOUNT - 1))
    assert ("amount_too_large", "line 2") in problems(CONTRIBUTION._replace(postings=postings))


@pytest.mark.parametrize(("credit", "difference"), [("-20.00", "10.00"), ("-45.50", "-15.50")])
def test_an_unbalanced_entry_says_by_how_much(credit, difference):
    e = entry(f"""
        2026-02-16 general "ไม่ลงตัว"
          1101          30.00
          4101-000001   {credit}
    """)
    assert problems(e) == [("unbalanced", "")]
    assert english(e) == [f"debits and credits differ by {difference} baht"]
    assert thai(e) == [f"เดบิตและเครดิตไม่เท่ากัน (ต่างกัน {difference} บาท)"]


def test_the_balance_is_not_judged_when_an_amount_is_not_whole_satang():
    e = CONTRIBUTION._replace(postings=(Posting("1101", 3000.5), Posting("4101-000001", -2000)))
    assert problems(e) == [("not_whole_satang", "line 1")]


# --- closed months -------------------------------------------------------------------------------


def test_nothing_is_posted_into_a_closed_month():
    e = CONTRIBUTION._replace(date=datetime.date(2026, 1, 31))
    assert problems(e) == [("period_closed", "")]
    assert english(e) == ["period 2026-01 is closed; nothing can be posted into it"]
    assert thai(e) == ["งวด ม.ค. 2569 ปิดแล้ว ลงรายการไม่ได้"]


@pytest.mark.parametrize(
    "day", [datetime.date(2025, 12, 31), datetime.date(2026, 2, 1), datetime.date(2025, 1, 15)]
)
def test_the_months_around_a_closed_one_stay_open(day):
    assert check_entry(CONTRIBUTION._replace(date=day), FUND) == []


def test_every_month_is_open_in_books_never_closed():
    assert check_entry(CONTRIBUTION._replace(date=datetime.date(2026, 1, 15)), OPEN_BOOKS) == []


# --- a batch built from templates ----------------------------------------------------------------


def from_template(template: Entry, *days) -> list[Entry]:
    """Entries that share the template's memo, kind and postings objects, as a payments file's do."""
    return [template._replace(date=day, key=f"k{n}") for n, day in enumerate(days)]


def test_a_batch_that_reuses_a_template_checks_the_date_of_every_later_entry():
    batch = from_template(
        CONTRIBUTION,
        datetime.date(2026, 2, 16),
        datetime.date(2026, 1, 20),  # closed
        datetime.datetime(2026, 2, 17, 8, 0),  # not a calendar day
        datetime.date(2026, 2, 18),
    )
    check = BatchChecker(FUND)
    assert [[p.code for p in check(e)] for e in batch] == [[], ["period_closed"], ["invalid_date"], []]


@pytest.mark.parametrize(
    "days",
    [
        (datetime.date(2026, 2, 16), datetime.date(2026, 1, 20)),
        (datetime.date(2026, 2, 16), datetime.datetime(2026, 2, 17, 8, 0)),
        (datetime.date(2026, 2, 16), "2026-02-17"),
    ],
)
def test_a_whole_batch_fails_when_a_later_entry_of_a_template_has_a_bad_date(days):
    assert BatchChecker(FUND).all_pass(from_template(CONTRIBUTION, *days)) is False


def test_a_whole_batch_of_good_dates_passes():
    days = [datetime.date(2026, 2, d) for d in (16, 17, 16, 28)]
    assert BatchChecker(FUND).all_pass(from_template(CONTRIBUTION, *days)) is True
    assert BatchChecker(OPEN_BOOKS).all_pass(from_template(CONTRIBUTION, datetime.date(2026, 1, 5))) is True


def test_a_template_first_met_in_a_closed_month_still_passes_in_an_open_one():
    """The first entry fails for its month alone: the template's content is good for the next ones."""
    batch = from_template(CONTRIBUTION, datetime.date(2026, 1, 20), datetime.date(2026, 2, 16))
    check = BatchChecker(FUND)
    assert [[p.code for p in check(e)] for e in batch] == [["period_closed"], []]
    assert BatchChecker(FUND).all_pass(batch[1:]) is True


def test_a_bad_template_fails_every_entry_built_on_it():
    unbalanced = entry("""
        2026-02-16 general "ไม่ลงตัว"
          1101          30.00
          4101-000001  -20.00
    """)
    batch = from_template(unbalanced, datetime.date(2026, 2, 16), datetime.date(2026, 2, 17))
    check = BatchChecker(FUND)
    assert [[p.code for p in check(e)] for e in batch] == [["unbalanced"], ["unbalanced"]]
    assert BatchChecker(FUND).all_pass(batch) is False
    checked_once = BatchChecker(FUND)
    checked_once(batch[0])
    assert checked_once.all_pass(batch[1:]) is False
