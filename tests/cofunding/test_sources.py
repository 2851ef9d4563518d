"""The fund's money by source, and the welfare it paid by source, read from its books.

2 Jan 2568   balance brought forward             1,000 baht   (3101)
5 Oct 2568   two members pay                       800        (4101)
15 Oct 2569  co-funding requested: 730 + 730                  (1201/4201, 1202/4202)
1 Nov 2569   local government pays its 730; a donation of 470 (4301)
2 Nov 2569   interest 30                                      (4401)
10 Nov 2569  a funeral benefit paid, 1,000 baht               (5104)
11 Nov 2569  administration, 100 baht                         (5201)
"""

from __future__ import annotations

import datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sajja.access.policy import SYSTEM
from sajja.cofunding import services, services_money
from sajja.cofunding.books import Source
from sajja.cofunding.selectors_sources import METHOD_EN, money_by_source, welfare_by_source
from sajja.cofunding.sources import UNFUNDED, Day, run_pool, split
from tests.cofunding.factories import TODAY, D, books_balance, close_year, member, pay, post, ready_fund

LATER = D(2027, 12, 1)


@pytest.fixture
def books(db):
    fund = ready_fund()
    post(fund, D(2025, 1, 2), "opening", ("1101", 1000_00), ("3101", -1000_00), kind="opening")
    for moo in (1, 2):
        pay(fund, member(fund, D(2025, 9, 30), moo), 400_00, D(2025, 10, 5))
    close_year(fund)
    made, _ = services.request(fund, 2569, SYSTEM, "req", today=TODAY)
    services_money.receive(made, "local_government", 730_00, D(2026, 11, 1), SYSTEM, "lg", today=LATER)
    post(fund, D(2026, 11, 1), "donation", ("1101", 470_00), ("4301", -470_00))
    post(fund, D(2026, 11, 2), "interest", ("1102", 30_00), ("4401", -30_00))
    post(fund, D(2026, 11, 10), "funeral", ("5104", 1000_00), ("1101", -1000_00), kind="benefit")
    post(fund, D(2026, 11, 11), "admin", ("5201", 100_00), ("1101", -100_00))
    return fund


def test_each_source_is_told_apart_and_together_they_make_the_fund_balance(books):
    money = money_by_source(books)
    rows = {r.source: r for r in money.rows}
    assert rows[Source.MEMBERS].received == 800_00
    assert rows[Source.LOCAL_GOVERNMENT].received == 730_00
    central = rows[Source.CENTRAL_GOVERNMENT]
    assert (central.income, central.outstanding, central.received, central.held) == (730_00, 730_00, 0, 0)
    assert rows[Source.DONATIONS].received == 470_00
    assert rows[Source.OTHER].received == 30_00
    assert rows[Source.OPENING].received == 1000_00
    # everything spent (the benefit and the administration) was drawn from the sources that held money
    assert sum(r.spent for r in money.rows) == 1100_00
    assert all(r.received == r.spent + r.held for r in money.rows)
    assert books_balance(books) == (0, 0)
    assert money.balance == 3030_00 + 730_00 - 1100_00  # cash, bank and what CODI still owes
    assert money.held + money.outstanding == money.balance and money.adds_up


def test_welfare_paid_is_shared_among_the_sources_by_what_each_held_on_the_day(books):
    report = welfare_by_source(books)
    assert report.total == 1000_00
    shares = report.by_source
    held = {
        "opening": 1000_00,
        "members": 800_00,
        "local_government": 730_00,
        "donations": 470_00,
        "other": 30_00,
    }
    total = sum(held.values())
    for source, amount in held.items():
        assert abs(shares[source] - 1000_00 * amount / total) < 1  # to the satang
    assert sum(shares.values()) == 1000_00
    assert "central_government" not in shares  # its money has not come yet: it paid for nothing
    assert [row.code for row in report.rows] == ["5104"]
    assert round(sum(report.share(s) for s in shares), 6) == 100


def test_welfare_in_a_fiscal_year_leaves_out_what_was_paid_outside_it(books):
    fy2570 = welfare_by_source(books, D(2026, 10, 1), D(2027, 9, 30))
    fy2569 = welfare_by_source(books, D(2025, 10, 1), D(2026, 9, 30))
    assert (fy2570.total, fy2569.total) == (1000_00, 0)


def test_money_as_of_a_day_reads_the_books_to_that_day(books):
    money = money_by_source(books, D(2026, 10, 31))
    assert {r.source: r.received for r in money.rows if r.received} == {
        Source.MEMBERS: 800_00,
        Source.OPENING: 1000_00,
    }
    assert money.outstanding == 1460_00 and money.adds_up


def test_the_method_is_said_with_the_figures():
    assert "in proportion to what each still held on the day of the payment" in METHOD_EN


def test_spending_before_any_money_came_in_is_unfunded(db):
    fund = ready_fund("early")
    post(fund, D(2026, 1, 5), "early-benefit", ("5102", 100_00), ("2101", -100_00), kind="benefit")
    pay(fund, member(fund, D(2025, 9, 30)), 300_00, D(2026, 1, 6))
    money = money_by_source(fund)
    assert money.row(Source.UNFUNDED).held == -100_00
    assert money.row(Source.MEMBERS).held == 300_00
    assert money.adds_up
    assert welfare_by_source(fund).by_source == {UNFUNDED: 100_00}


# --- the method itself, for any books ------------------------------------------------------------

SOURCES = ["a", "b", "c", "d"]
amounts = st.integers(min_value=0, max_value=10**9)


@given(st.integers(min_value=-(10**9), max_value=10**9), st.dictionaries(st.sampled_from(SOURCES), amounts))
def test_a_split_adds_up_to_the_payment_and_takes_no_more_than_a_source_holds(amount, held):
    parts = split(amount, held, SOURCES)
    assert sum(parts.values()) == amount
    if amount > 0:
        assert all(0 <= parts.get(s, 0) <= held.get(s, 0) for s in SOURCES)
        assert parts.get(UNFUNDED, 0) == max(0, amount - sum(h for h in held.values() if h > 0))


days = st.lists(
    st.tuples(
        st.dictionaries(st.sampled_from(SOURCES), st.integers(min_value=0, max_value=10**7)),
        st.lists(st.tuples(st.sampled_from(["5101", "5104", "5201"]), st.integers(0, 10**7)), max_size=3),
    ),
    max_size=20,
)


@given(days)
def test_every_source_brought_in_what_it_paid_for_and_still_holds(walk):
    start = datetime.date(2026, 1, 1)
    books = [
        Day(start + datetime.timedelta(days=n), money_in, spent) for n, (money_in, spent) in enumerate(walk)
    ]
    pool = run_pool(books, SOURCES)
    spent: dict[str, int] = {}
    for by_source in pool.spent.values():
        for source, amount in by_source.items():
            spent[source] = spent.get(source, 0) + amount
    for source in {*pool.received, *spent, *pool.held}:
        assert pool.received.get(source, 0) == spent.get(source, 0) + pool.held.get(source, 0)
    assert sum(pool.held.values()) == sum(sum(m.values()) for m, _ in walk) - sum(
        a for _, s in walk for _, a in s
    )
    assert all(v >= 0 for s, v in pool.held.items() if s != UNFUNDED)
