"""A fiscal year's co-funding request (the money received and refunded against it: services_money.py).

Like every co-funding write, it checks who may do it and every input first (a refusal names its field and
writes nothing), then runs in one transaction behind the write lock: its entries through the ledger, its
record, its audit event. It is idempotent by its key: the same key for the same year returns the first
request and writes nothing; the same key for another year is refused.

When a year may be requested: the entitlement can be computed at any time (selectors.entitlement says
when it is provisional), but a request waits until the fiscal year is over (from 1 October after its 30
September), when the members who count and what they paid are known for good, and the fund must meet
every fund-level rule of the policy: a fund under a year old, unregistered, short of coverage, with months
not closed, a broken audit chain or fewer basic welfare types than the policy asks is refused, each failed
rule named with its reason.
"""

from __future__ import annotations

import datetime

from django.db import transaction
from django.utils import timezone

from sajja.access.policy import require
from sajja.audit.records import digest_of_record
from sajja.audit.services import record, serialise_audited_writes
from sajja.cofunding import reasons
from sajja.cofunding.books import request_entry, request_key
from sajja.cofunding.models import CofundingRequest, RequestLine, RequestParty
from sajja.cofunding.records import REQUEST
from sajja.cofunding.selectors import Computed, entitlement, read_fiscal_year, request_of
from sajja.cofunding.writing import actor_id, checked_key, day_said, ratio_text
from sajja.core import thai_dates
from sajja.core.errors import Problem, ValidationFailed
from sajja.ledger.services import post_entries
from sajja.schemes.cofunding import Party, fiscal_year_of

_BATCH = 2000


# --- the request -----------------------------------------------------------------------------------


def request(
    fund,
    fy: object,
    by,
    key: str,
    *,
    today: datetime.date | None = None,
    due_on: datetime.date | None = None,
) -> tuple[CofundingRequest, bool]:
    """Request the fund's co-funding for fiscal year `fy` (2569 or 2026): the entitlement as computed now,
    a receivable per party that owes something. (The request, whether it is new.)"""
    require(by, fund, "request_cofunding")
    year = read_fiscal_year(fy).fiscal_year
    today = today or thai_dates.today()
    key, problems = checked_key(key)
    if today <= year.end:
        first = year.end + datetime.timedelta(days=1)
        problems.append(
            reasons.YEAR_NOT_OVER.problem(
                "fiscal_year", year=year.be, end=day_said(year.end), first=day_said(first)
            )
        )
    due = due_on or fiscal_year_of(today).end  # paid from the budget of the year it is asked in
    if not isinstance(due, datetime.date) or due < today:
        problems.append(reasons.DUE_BEFORE_REQUEST.problem("due_on"))
    if problems:
        raise ValidationFailed(problems)
    with transaction.atomic():
        serialise_audited_writes()  # a retry racing its first attempt waits here, then finds it
        first_made = CofundingRequest.objects.filter(fund=fund, key=key).first()
        if first_made is not None:
            if first_made.fiscal_year == year.ce:
                return first_made, False
            raise reasons.KEY_REUSED.conflict("key", key=key)
        done = request_of(fund, year)
        if done is not None:
            raise reasons.ALREADY_REQUESTED.conflict(
                "fiscal_year", year=year.be, day=day_said(done.requested_on), id=done.pk
            )
        computed = entitlement(fund, year, today=today)
        _check_requestable(computed)
        made = _write_request(fund, computed, by, key, today, due)
        return made, True


def _check_requestable(computed: Computed) -> None:
    result, year = computed.result, computed.fiscal_year
    failed = [r for r in result.rules if not r.passed]
    if failed:
        raise ValidationFailed(
            [reasons.RULES_NOT_MET.problem("rules", year=year.be)]
            + [
                Problem(f"cofunding_rule_{r.code}", r.message_th, r.message_en, f"rules.{r.code}")
                for r in failed
            ]
        )
    if not result.counted or not any(result.total(p) for p in computed.matching_parties):
        raise reasons.NOTHING_TO_REQUEST.invalid("fiscal_year", year=year.be)


def _write_request(fund, computed: Computed, by, key: str, today: datetime.date, due: datetime.date):
    result, year = computed.result, computed.fiscal_year
    made = CofundingRequest.objects.create(
        fund=fund,
        fiscal_year=year.ce,
        policy_code=computed.policy.code,
        policy_from_fy=result.version.from_fy.be,
        requested_on=today,
        due_on=due,
        members_listed=len(result.lines),
        counted=result.counted,
        excluded_by={reason.value: n for reason, n in sorted(result.excluded_by.items())},
        rules=[
            {"code": r.code, "passed": r.passed, "message_th": r.message_th, "message_en": r.message_en}
            for r in result.rules
        ],
        lines_digest=computed.lines_digest,
        key=key,
        made_by_id=actor_id(by),
        made_at=timezone.now(),
    )
    owing = [t for t in result.totals if t.party is not Party.MEMBERS and t.amount > 0]
    entries = [
        request_entry(
            t.party,
            t.amount,
            today,
            f"เงินสมทบ{t.party.label('th')} {year.label('th')} ตามคำขอเลขที่ {made.pk}",
            request_key(fund.pk, year.ce, t.party),
        )
        for t in owing
    ]
    posted = post_entries(by, fund, entries, action="cofunding.request") if entries else None
    entry_of = dict(zip([t.party for t in owing], posted.entry_ids if posted else [], strict=True))
    RequestParty.objects.bulk_create(
        RequestParty(
            request=made,
            party=t.party.value,
            ratio=ratio_text(t.rule.ratio),
            cap_per_member=t.rule.cap_per_member,
            amount=t.amount,
            would_be=t.would_be,
            members_capped=t.members_capped,
            entry_id=entry_of.get(t.party),
        )
        for t in result.totals
    )
    matching = [i for i, p in enumerate(result.parties) if p is not Party.MEMBERS]
    RequestLine.objects.bulk_create(
        (
            RequestLine(
                request=made,
                member_id=line.row.member_id,
                paid=line.row.paid,
                reasons=",".join(r.value for r in line.reasons),
                amounts=list(line.amounts),
                matched=sum(line.amounts[i] for i in matching),
            )
            for line in result.lines
        ),
        batch_size=_BATCH,
    )
    record(
        by,
        "cofunding.request",
        REQUEST.object_type,
        made.pk,
        fund_id=fund.pk,
        digest=digest_of_record(REQUEST, made.pk),
    )
    return made
