"""Every write of pooling: a network's rule, a fund's remittance to the pool, the pool's top-up of a claim.

Money between two funds is two entries, one in each fund's books (books.py), posted in one transaction with
the record that names both and its audit event: both stand or neither does. Each write is checked whole
first (every problem named, nothing written); a retry with the same key returns the first record and
writes nothing; the same key with other content is refused.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone

from sajja.access.policy import require
from sajja.audit.records import digest_of_record
from sajja.audit.services import record, serialise_audited_writes
from sajja.cofunding.writing import baht_said
from sajja.core import thai_dates
from sajja.core.errors import Problem, ValidationFailed
from sajja.core.ledger.checks import control_character
from sajja.core.ledger.records import MAX_AMOUNT
from sajja.ledger.models import Account
from sajja.ledger.services import post_entries
from sajja.pooling import books, reasons
from sajja.pooling.models import PoolingRule, Remittance, TopUp
from sajja.pooling.records import REMITTANCE, RULE, TOP_UP
from sajja.pooling.selectors import fund_bases, remittance_due, rule_in_force
from sajja.reasons import Both
from sajja.registry.models import Fund, Network
from sajja.schemes.cofunding.fiscal import FiscalYear, fiscal_year_of
from sajja.schemes.pooling import Basis, top_up
from sajja.welfare.models import Claim
from sajja.welfare.reasons import ClaimStatus

TEXT_LIMIT = 200
KEY_LIMIT = 100
RIGHT = "manage_pooling"


@dataclass(frozen=True)
class RuleData:
    pool_fund: str  # the code of the fund that holds the pool
    basis: str
    rate: int  # basis points, or satang per member
    top_up_threshold: int = 0
    top_up_percent: int = 0
    top_up_cap: int | None = None
    note: str = ""


def _rule_problems(network: Network, data: RuleData) -> tuple[Fund | None, list[Problem]]:
    problems = []
    pool = Fund.objects.filter(code=data.pool_fund).first()
    if pool is None or pool.network_id != network.pk:
        problems.append(
            reasons.POOL_NOT_IN_NETWORK.problem("pool_fund", fund=data.pool_fund, network=network.code)
        )
    if data.basis not in Basis.__members__.values():
        problems.append(reasons.RULE_INVALID.problem("basis", field="basis", why=", ".join(Basis)))
    numbers = {
        "rate": (data.rate, 0, MAX_AMOUNT),
        "top_up_threshold": (data.top_up_threshold, 0, MAX_AMOUNT),
        "top_up_percent": (data.top_up_percent, 0, 100),
    }
    if data.basis != Basis.PER_MEMBER:
        numbers["rate"] = (data.rate, 0, 10_000)  # at most 100 %
    if data.top_up_cap is not None:
        numbers["top_up_cap"] = (data.top_up_cap, 0, MAX_AMOUNT)
    for name, (value, low, high) in numbers.items():
        if type(value) is not int or not low <= value <= high:
            problems.append(reasons.RULE_INVALID.problem(name, field=name, why=f"{low}-{high}"))
    if not isinstance(data.note, str) or len(data.note) > TEXT_LIMIT or control_character(data.note):
        problems.append(reasons.NOTE_TOO_LONG.problem("note", limit=TEXT_LIMIT))
    return pool, problems


def set_rule(actor, network: Network, from_fy: FiscalYear, data: RuleData) -> PoolingRule:
    """The network's rule from a fiscal year on. Setting it again for the same year replaces it while no
    remittance or top-up was recorded under it; the same rule again writes nothing."""
    require(actor, network, RIGHT)
    pool, problems = _rule_problems(network, data)
    if problems:
        raise ValidationFailed(problems)
    fields = dict(
        pool_fund=pool,
        basis=data.basis,
        rate=data.rate,
        top_up_threshold=data.top_up_threshold,
        top_up_percent=data.top_up_percent,
        top_up_cap=data.top_up_cap,
        note=data.note.strip(),
    )
    with transaction.atomic():
        serialise_audited_writes()
        kept = PoolingRule.objects.filter(network=network, from_fiscal_year=from_fy.ce).first()
        if kept is not None:
            if all(getattr(kept, k) == v for k, v in fields.items()):
                return kept
            if kept.remittances.exists() or kept.top_ups.exists():
                raise reasons.RULE_IN_USE.conflict("from_fiscal_year", year=from_fy.be)
        rule, _ = PoolingRule.objects.update_or_create(
            network=network,
            from_fiscal_year=from_fy.ce,
            defaults=fields | {"set_by_id": getattr(actor, "pk", None), "set_at": timezone.now()},
        )
        record(actor, "pooling.rule", RULE.object_type, rule.pk, digest=digest_of_record(RULE, rule.pk))
        return rule


def _key(key: object) -> tuple[str, list[Problem]]:
    if not isinstance(key, str) or not key.strip() or len(key) > KEY_LIMIT or control_character(key):
        return "", [reasons.KEY_REQUIRED.problem("key", limit=KEY_LIMIT)]
    return key.strip(), []


def _money_problems(amount, day, fy: FiscalYear | None, paid_from, paid_into, note, today) -> list[Problem]:
    problems = []
    if type(amount) is not int or not 0 < amount <= MAX_AMOUNT:
        problems.append(reasons.AMOUNT_INVALID.problem("amount", max=baht_said(MAX_AMOUNT)))
    if not isinstance(day, datetime.date) or day > today or (fy is not None and day < fy.start):
        said = (
            Both(thai_dates.format_thai_date(day), day.isoformat())
            if isinstance(day, datetime.date)
            else str(day)
        )
        problems.append(reasons.DAY_INVALID.problem("paid_on", day=said, year=fy.be if fy else "-"))
    for where, value in (("paid_from", paid_from), ("paid_into", paid_into)):
        if value not in books.MONEY_ACCOUNTS:
            problems.append(reasons.ACCOUNT_INVALID.problem(where, into=str(value)))
    if not isinstance(note, str) or len(note) > TEXT_LIMIT or control_character(note):
        problems.append(reasons.NOTE_TOO_LONG.problem("note", limit=TEXT_LIMIT))
    return problems


def _holds(fund: Fund, account: str, amount: int) -> None:
    row = Account.objects.get(fund=fund, code=books.MONEY_ACCOUNTS[account])
    if row.balance < amount:
        raise reasons.INSUFFICIENT_FUNDS.conflict(
            account,
            fund=fund.code,
            account=Both(row.name_th, row.name_en),
            balance=baht_said(row.balance),
            amount=baht_said(amount),
        )


def _stamp(actor) -> dict:
    return {"recorded_by_id": getattr(actor, "pk", None), "recorded_at": timezone.now()}


def remit(
    actor,
    fund: Fund,
    fy: FiscalYear,
    amount: int,
    paid_on: datetime.date,
    key: str,
    *,
    paid_from: str = "bank",
    paid_into: str = "bank",
    note: str = "",
    today: datetime.date | None = None,
) -> tuple[Remittance, bool]:
    """Record money a fund sent to its network's pool for a fiscal year. Returns (the remittance, whether
    it is new). Refused: a fund outside the rule's network, the pool itself, no rule in force, money the
    fund does not hold."""
    network = fund.network
    require(actor, fund, RIGHT)
    key, problems = _key(key)
    problems += _money_problems(amount, paid_on, fy, paid_from, paid_into, note, today or thai_dates.today())
    if problems:
        raise ValidationFailed(problems)
    rule = rule_in_force(network, fy)
    if rule is None:
        raise reasons.NO_RULE.invalid("fiscal_year", network=network.code, year=fy.be)
    if rule.pool_fund_id == fund.pk:
        raise reasons.POOL_REMITS.invalid("fund", fund=fund.code)
    with transaction.atomic():
        serialise_audited_writes()
        first = Remittance.objects.filter(fund=fund, key=key).first()
        if first is not None:
            same = (
                first.fiscal_year,
                first.amount,
                first.paid_on,
                first.paid_from,
                first.paid_into,
                first.note,
            )
            if same == (fy.ce, amount, paid_on, paid_from, paid_into, note.strip()):
                return first, False
            raise reasons.KEY_REUSED.conflict("key", key=key)
        _holds(fund, paid_from, amount)
        pool = rule.pool_fund
        memo = f"เงินสมทบเครือข่าย {network.code} {fy.label('th')}"
        out, into = books.remittance_entries(
            fund.code, pool.code, paid_on, amount, paid_from, paid_into, memo, key
        )
        posted_out = post_entries(actor, fund, [out], action="pooling.remit.out", right=RIGHT)
        posted_in = post_entries(actor, pool, [into], action="pooling.remit.in", right=RIGHT)
        row = Remittance.objects.create(
            fund=fund,
            pool_fund=pool,
            rule=rule,
            fiscal_year=fy.ce,
            due=remittance_due(rule, fund_bases([fund.pk], fy)[fund.pk]),
            amount=amount,
            paid_on=paid_on,
            paid_from=paid_from,
            paid_into=paid_into,
            note=note.strip(),
            out_entry_id=posted_out.entry_ids[0],
            in_entry_id=posted_in.entry_ids[0],
            key=key,
            **_stamp(actor),
        )
        record(
            actor, "pooling.remit", REMITTANCE.object_type, row.pk, fund_id=fund.pk,
            digest=digest_of_record(REMITTANCE, row.pk),
        )  # fmt: skip
        return row, True


def remit_to(actor, fund: Fund, network: Network, *args, **kwargs) -> tuple[Remittance, bool]:
    """A remittance to a named network: refused unless the fund belongs to it."""
    if fund.network_id != network.pk:
        require(actor, fund, RIGHT)
        raise reasons.NOT_IN_NETWORK.invalid(
            "network", fund=fund.code, own=fund.network.code, network=network.code
        )
    return remit(actor, fund, *args, **kwargs)


def most_for(claim: Claim, rule: PoolingRule) -> int:
    return top_up(
        claim.amount, threshold=rule.top_up_threshold, percent=rule.top_up_percent, cap=rule.top_up_cap
    )


def pay_top_up(
    actor,
    network: Network,
    claim: Claim,
    amount: int | None,
    paid_on: datetime.date,
    key: str,
    *,
    paid_from: str = "bank",
    paid_into: str = "bank",
    today: datetime.date | None = None,
) -> tuple[TopUp, bool]:
    """The pool pays back part of a large claim of one of the network's funds (the rule's most when
    `amount` is None). One top-up per claim."""
    require(actor, network, RIGHT)
    fund = claim.fund
    if fund.network_id != network.pk:
        raise reasons.CLAIM_NOT_IN_NETWORK.invalid("claim", claim=claim.pk, network=network.code)
    day_fy = fiscal_year_of(paid_on) if isinstance(paid_on, datetime.date) else None
    rule = rule_in_force(network, day_fy) if day_fy else None
    if day_fy is not None and rule is None:
        raise reasons.NO_RULE.invalid("paid_on", network=network.code, year=day_fy.be)
    assert rule is not None or day_fy is None
    most = most_for(claim, rule) if rule else 0
    amount = most if amount is None else amount
    key, problems = _key(key)
    problems += _money_problems(amount, paid_on, None, paid_from, paid_into, "", today or thai_dates.today())
    if problems:
        raise ValidationFailed(problems)
    assert rule is not None
    with transaction.atomic():
        serialise_audited_writes()
        pool = rule.pool_fund
        first = TopUp.objects.filter(pool_fund=pool, key=key).first()
        if first is not None:
            if (first.claim_id, first.amount, first.paid_on, first.paid_from, first.paid_into) == (
                claim.pk, amount, paid_on, paid_from, paid_into,
            ):  # fmt: skip
                return first, False
            raise reasons.KEY_REUSED.conflict("key", key=key)
        claim = Claim.objects.get(pk=claim.pk)
        if claim.status != ClaimStatus.PAID:
            raise reasons.CLAIM_NOT_PAID.invalid("claim", claim=claim.pk)
        done = TopUp.objects.filter(claim=claim).first()
        if done is not None:
            raise reasons.CLAIM_TOPPED_UP.conflict("claim", claim=claim.pk, amount=baht_said(done.amount))
        if amount > most:
            raise reasons.TOP_UP_TOO_MUCH.invalid(
                "amount", claim=claim.pk, most=baht_said(most), amount=baht_said(amount)
            )
        _holds(pool, paid_from, amount)
        memo = f"เงินช่วยเหลือสวัสดิการรายใหญ่ คำขอเลขที่ {claim.pk}"
        out, into = books.top_up_entries(
            fund.code, pool.code, paid_on, amount, paid_from, paid_into, memo, key
        )
        posted_out = post_entries(actor, pool, [out], action="pooling.top_up.out", right=RIGHT)
        posted_in = post_entries(actor, fund, [into], action="pooling.top_up.in", right=RIGHT)
        row = TopUp.objects.create(
            fund=fund,
            pool_fund=pool,
            rule=rule,
            claim=claim,
            amount=amount,
            paid_on=paid_on,
            paid_from=paid_from,
            paid_into=paid_into,
            out_entry_id=posted_out.entry_ids[0],
            in_entry_id=posted_in.entry_ids[0],
            key=key,
            **_stamp(actor),
        )
        record(
            actor, "pooling.top_up", TOP_UP.object_type, row.pk, fund_id=fund.pk,
            digest=digest_of_record(TOP_UP, row.pk),
        )  # fmt: skip
        return row, True
