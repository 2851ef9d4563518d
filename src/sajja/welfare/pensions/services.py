"""Recurring pensions: each month (or year) the fund's rules say who is due, the claims are entered
together as one batch, and the monthly meeting verifies, approves and pays the batch at once.

A batch is only a way of handling many claims together: each claim in it keeps its own amount,
explanation, approvals and payout entry, under the same rules as any claim (two committee members,
neither the one who entered it nor the pensioner). An approver approves the batch as they saw it:
if a claim was added or changed since, the batch's digest differs and the approval is refused.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from django.db import transaction

from sajja.access.policy import require
from sajja.audit.chain import digest_of
from sajja.core.errors import Conflict, DomainError
from sajja.registry.models import Member, MemberStatus
from sajja.schemes.benefits import Pension
from sajja.schemes.vocabulary import Frequency
from sajja.welfare import reasons
from sajja.welfare.assess import assess_claim
from sajja.welfare.claims import services as workflow
from sajja.welfare.models import Claim
from sajja.welfare.reasons import OPEN_STATUSES, ClaimStatus
from sajja.welfare.selectors import require_scheme

PREFIX = "pension-"


@dataclass
class BatchResult:
    done: list[int] = field(default_factory=list)
    skipped: list[tuple[int, str]] = field(default_factory=list)  # (claim, why), in the actor's words


def batch_name(day: datetime.date) -> str:
    """The batch of a payment day's pensions.

    >>> batch_name(datetime.date(2026, 11, 16))
    'pension-2026-11'
    """
    return f"{PREFIX}{day:%Y-%m}"


def _period(benefit: Pension, day: datetime.date) -> str:
    return f"{day:%Y-%m}" if benefit.frequency == Frequency.MONTHLY else f"{day:%Y}"


def _old_enough(fund, day: datetime.date, age: int):
    try:
        born_by = day.replace(year=day.year - age)
    except ValueError:  # 29 February
        born_by = day.replace(year=day.year - age, day=28)
    return Member.objects.filter(fund=fund, person__birth_date__lte=born_by).exclude(
        status__in=[MemberStatus.DECEASED, MemberStatus.RESIGNED]
    )


def generate_pensions(actor, fund, day: datetime.date) -> list[Claim]:
    """Enter the pension claims due on `day`: one per pensioner and pension, once per month (monthly
    pensions) or per year (yearly ones). Running it again enters nothing more. Members the rules do
    not give a pension (too young, too short a membership, in arrears) get no claim."""
    require(actor, fund, "enter_claims")
    scheme = require_scheme(fund)
    version = scheme.version_on(day)
    pensions = [b for b in (version.benefits if version else ()) if isinstance(b, Pension)]
    made = []
    for benefit in pensions:
        for member in _old_enough(fund, day, benefit.from_age).select_related("person").order_by("number"):
            token = f"pension:{benefit.code}:{_period(benefit, day)}:{member.pk}"
            if Claim.objects.filter(fund=fund, token=token).exists():
                continue
            if assess_claim(fund, member, benefit.code, day).amount <= 0:
                continue
            data = workflow.ClaimData(benefit.code, day)
            try:
                claim, created = workflow.enter_claim(
                    actor, fund, member, data, token=token, batch=batch_name(day)
                )
            except Conflict:  # already claimed for that day by hand
                continue
            if created:
                made.append(claim)
    return made


def batch_claims(fund, batch: str):
    return (
        Claim.objects.filter(fund=fund, batch=batch)
        .select_related("member__person")
        .order_by("member__number")
    )


def batches(fund) -> list[dict]:
    """Each pension batch of the fund with its counts, newest first."""
    names = (
        Claim.objects.filter(fund=fund, batch__startswith=PREFIX)
        .values_list("batch", flat=True)
        .distinct()
        .order_by("-batch")
    )
    out = []
    for name in names:
        claims = list(Claim.objects.filter(fund=fund, batch=name).values_list("status", "amount"))
        out.append(
            {
                "name": name,
                "count": len(claims),
                "total": sum(a for _, a in claims),
                "open": sum(1 for s, _ in claims if s in OPEN_STATUSES),
            }
        )
    return out


def batch_digest(fund, batch: str) -> str:
    """The batch as an approver sees it: every open claim and its content."""
    rows = batch_claims(fund, batch).filter(status__in=OPEN_STATUSES).values_list("pk", "digest")
    return digest_of(sorted(rows))


def _each(actor, fund, batch: str, digest: str | None, status: str, act) -> BatchResult:
    if digest is not None and digest != batch_digest(fund, batch):
        raise reasons.BATCH_CHANGED.conflict()
    result = BatchResult()
    with transaction.atomic():
        for claim in batch_claims(fund, batch).filter(status=status):
            try:
                act(claim)
            except DomainError as exc:
                result.skipped.append((claim.pk, str(exc)))
            else:
                result.done.append(claim.pk)
    return result


def verify_batch(actor, fund, batch: str, digest: str) -> BatchResult:
    require(actor, fund, "verify_claims")
    return _each(
        actor, fund, batch, digest, str(ClaimStatus.ENTERED), lambda c: workflow.verify_claim(actor, c)
    )


def approve_batch(actor, fund, batch: str, digest: str) -> BatchResult:
    """Approve every verified claim of the batch, each bound to its own content."""
    require(actor, fund, "approve_claims")
    return _each(
        actor,
        fund,
        batch,
        digest,
        str(ClaimStatus.VERIFIED),
        lambda c: workflow.approve_claim(actor, c, c.digest),
    )


def pay_batch(actor, fund, batch: str, source: str, day: datetime.date | None = None) -> BatchResult:
    require(actor, fund, "pay_claims")
    return _each(
        actor,
        fund,
        batch,
        None,
        str(ClaimStatus.APPROVED),
        lambda c: workflow.pay_claim(actor, c, source, day),
    )
