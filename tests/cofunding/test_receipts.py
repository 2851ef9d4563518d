"""Money received against a request, as a treasurer records it: a party paying less, late, or twice; the
overpayment kept as a liability and refunded; after every step the books balance and the fund's money by
source adds up to its balance.

    the request: local government and CODI owe 730 baht each (two members, 365 each)
    local government pays 500 on 1 Nov 2569, then 230 on 1 Oct 2570 (after the due date, 30 Sep 2570)
    CODI pays 730 on 1 Dec 2569, and 730 again on 5 Dec 2569: 730 overpaid, refunded in two parts
"""

from __future__ import annotations

import pytest

from sajja.access.policy import SYSTEM
from sajja.cofunding import selectors, services, services_money
from sajja.cofunding.selectors_sources import money_by_source
from sajja.core.errors import Conflict, ValidationFailed
from sajja.ledger.services import close_period
from sajja.schemes.cofunding import Party
from tests.cofunding.factories import (
    TODAY,
    D,
    balance_of,
    books_balance,
    close_year,
    member,
    pay,
    ready_fund,
    written,
)

pytestmark = pytest.mark.django_db

LATER = D(2027, 12, 1)  # the day the receipts are recorded: everything before it has happened


@pytest.fixture
def requested():
    fund = ready_fund()
    for moo in (1, 2):
        pay(fund, member(fund, D(2025, 9, 30), moo), 400_00, D(2025, 10, 5))
    close_year(fund)
    made, _ = services.request(fund, 2569, SYSTEM, "req", today=TODAY)
    return made


def _standing(made, party: Party):
    return selectors.standing_of(made, party)


def _adds_up(fund) -> None:
    assert books_balance(fund) == (0, 0)
    money = money_by_source(fund)
    assert money.adds_up, money


def test_a_party_that_pays_less_still_owes_the_rest_and_paying_it_late_settles_it(requested):
    fund = requested.fund
    part, _ = services_money.receive(
        requested, "local_government", 500_00, D(2026, 11, 1), SYSTEM, "lg-1", today=LATER
    )
    assert (part.applied, part.overpaid) == (500_00, 0)
    standing = _standing(requested, Party.LOCAL_GOVERNMENT)
    assert (standing.received, standing.outstanding, standing.settled) == (500_00, 230_00, False)
    assert balance_of(fund, "1201") == 230_00 and balance_of(fund, "1102") == 500_00
    _adds_up(fund)

    rest, _ = services_money.receive(
        requested, "local_government", 230_00, D(2027, 10, 1), SYSTEM, "lg-2", today=LATER
    )
    standing = _standing(requested, Party.LOCAL_GOVERNMENT)
    assert standing.settled and standing.late == 230_00  # after the due date, 30 Sep 2570
    assert rest.received_on > requested.due_on
    assert balance_of(fund, "1201") == 0
    _adds_up(fund)


def test_a_party_that_pays_twice_is_recorded_as_overpaid_and_refunded(requested):
    fund = requested.fund
    services_money.receive(
        requested, "central_government", 730_00, D(2026, 12, 1), SYSTEM, "codi-1", today=LATER
    )
    twice, _ = services_money.receive(
        requested, "central_government", 730_00, D(2026, 12, 5), SYSTEM, "codi-2", today=LATER
    )
    assert (twice.applied, twice.overpaid) == (0, 730_00)
    assert balance_of(fund, "2201") == -730_00  # a liability: the fund owes it back
    assert _standing(requested, Party.CENTRAL_GOVERNMENT).to_refund == 730_00
    _adds_up(fund)

    services_money.refund(
        requested, "central_government", 500_00, D(2026, 12, 10), SYSTEM, "back-1", today=LATER
    )
    _adds_up(fund)
    services_money.refund(
        requested, "central_government", 230_00, D(2026, 12, 11), SYSTEM, "back-2", today=LATER
    )
    standing = _standing(requested, Party.CENTRAL_GOVERNMENT)
    assert (standing.overpaid, standing.refunded, standing.to_refund, standing.settled) == (
        730_00,
        730_00,
        0,
        True,
    )
    assert balance_of(fund, "2201") == 0 and balance_of(fund, "1202") == 0
    _adds_up(fund)

    before = written()
    with pytest.raises(Conflict) as refused:
        services_money.refund(
            requested, "central_government", 1, D(2026, 12, 12), SYSTEM, "back-3", today=LATER
        )
    assert (refused.value.code, refused.value.where) == ("cofunding_nothing_to_refund", "amount")
    assert written() == before


def test_one_payment_may_settle_the_debt_and_overpay_at_once(requested):
    row, _ = services_money.receive(
        requested, "local_government", 800_00, D(2026, 11, 1), SYSTEM, "lg", today=LATER
    )
    assert (row.applied, row.overpaid) == (730_00, 70_00)
    assert balance_of(requested.fund, "2201") == -70_00
    _adds_up(requested.fund)


def test_a_retry_records_the_money_once(requested):
    first, _ = services_money.receive(
        requested, "local_government", 500_00, D(2026, 11, 1), SYSTEM, "lg-1", today=LATER
    )
    before = written()
    again, new = services_money.receive(
        requested, "local_government", 500_00, D(2026, 11, 1), SYSTEM, "lg-1", today=LATER
    )
    assert (again.pk, new) == (first.pk, False)
    assert written() == before
    with pytest.raises(Conflict) as refused:
        services_money.receive(
            requested, "local_government", 600_00, D(2026, 11, 1), SYSTEM, "lg-1", today=LATER
        )
    assert refused.value.code == "cofunding_key_reused"
    assert written() == before
    assert _standing(requested, Party.LOCAL_GOVERNMENT).received == 500_00


@pytest.mark.parametrize(
    ("change", "code", "where"),
    [
        ({"party": "province"}, "cofunding_party_not_in_request", "party"),
        ({"party": "members"}, "cofunding_party_not_in_request", "party"),
        ({"amount": 0}, "cofunding_amount_invalid", "amount"),
        ({"amount": -5}, "cofunding_amount_invalid", "amount"),
        ({"amount": 10.5}, "cofunding_amount_invalid", "amount"),
        ({"received_on": D(2027, 12, 2)}, "cofunding_day_in_future", "received_on"),
        ({"received_on": D(2026, 10, 14)}, "cofunding_received_before_request", "received_on"),
        ({"into": "pocket"}, "cofunding_account_invalid", "into"),
        ({"note": "x" * 201}, "cofunding_note_too_long", "note"),
        ({"key": " "}, "cofunding_key_required", "key"),
    ],
)
def test_bad_input_is_refused_naming_its_field_and_nothing_is_written(requested, change, code, where):
    asked = {"party": "local_government", "amount": 100_00, "received_on": D(2026, 11, 1), "into": "bank"}
    asked |= {"note": "", "key": "k"} | change
    before = written()
    with pytest.raises(ValidationFailed) as refused:
        services_money.receive(
            requested,
            asked["party"],
            asked["amount"],
            asked["received_on"],
            SYSTEM,
            asked["key"],
            into=asked["into"],
            note=asked["note"],
            today=LATER,
        )
    assert [(p.code, p.where) for p in refused.value.errors] == [(code, where)]
    assert refused.value.errors[0].message_th and refused.value.errors[0].message_en
    assert written() == before


def test_money_received_in_a_closed_month_is_refused(requested):
    close_period(SYSTEM, requested.fund, 2026, 11, today=LATER)
    before = written()
    with pytest.raises(ValidationFailed) as refused:
        services_money.receive(
            requested, "local_government", 100_00, D(2026, 11, 20), SYSTEM, "k", today=LATER
        )
    assert [(p.code, p.where) for p in refused.value.errors] == [("cofunding_month_closed", "received_on")]
    assert written() == before


def test_a_refund_is_paid_only_from_money_the_fund_holds(requested):
    services_money.receive(requested, "local_government", 2000_00, D(2026, 11, 1), SYSTEM, "lg", today=LATER)
    assert balance_of(requested.fund, "1101") == 800_00  # the members' contributions, in the cash box
    with pytest.raises(Conflict) as refused:
        services_money.refund(
            requested, "local_government", 1270_00, D(2026, 11, 2), SYSTEM, "r", paid_from="cash", today=LATER
        )
    assert (refused.value.code, refused.value.where) == ("cofunding_insufficient_funds", "paid_from")
    done, _ = services_money.refund(
        requested, "local_government", 1270_00, D(2026, 11, 2), SYSTEM, "r", today=LATER
    )
    assert done.paid_from == "bank"
