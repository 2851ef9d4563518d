"""Every read of the contributions area, scoped through the access policy and the registry's selectors.

A member's paid-through date, arrears and standing are derived from what they paid (their
sub-account in the books), never typed in.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from django.db.models import Q, QuerySet, Sum
from django.db.models.functions import ExtractYear

from sajja.access.policy import require
from sajja.contributions import reasons
from sajja.contributions.fresh_start import restarts
from sajja.contributions.models import Purpose, Receipt, StandingChoice
from sajja.contributions.rules import FundRules, RuleBook, paid_through_date, rule_book
from sajja.contributions.validation import FEES, fee_due, fee_rules, fee_settled
from sajja.core import thai_dates
from sajja.ledger.models import Account, Line
from sajja.ledger.selectors import period_end
from sajja.registry.models import Group, Member, MemberStatus
from sajja.registry.selectors import member_for, members_for
from sajja.schemes.contributions import Standing

ENDED = {MemberStatus.RESIGNED, MemberStatus.DECEASED}


@dataclass(frozen=True)
class MemberPosition:
    """Where a member stands on `as_of`, from what they paid."""

    paid_total: int  # satang paid in, net of cancellations
    paid_through: datetime.date
    as_of: datetime.date
    arrears: int  # satang owed to be paid through `as_of`
    standing: str  # paid_up / in_arrears / lapsed (StandingChoice), or the ended membership's status

    @property
    def days_paid_ahead(self) -> int:
        return max((self.paid_through - self.as_of).days, 0)

    @property
    def in_grace(self) -> bool:
        """Paid up with days unpaid: within the grace period."""
        return self.standing == Standing.PAID_UP and self.arrears > 0

    @property
    def label(self) -> str:
        """The standing in words, in the active language (an ended membership: its registry status)."""
        if self.standing in StandingChoice.values:
            return str(StandingChoice(self.standing).label)
        return str(MemberStatus(self.standing).label)


def standing_of(
    rules: FundRules,
    member: Member,
    paid_total: int,
    as_of: datetime.date,
    restart: tuple[datetime.date, int] | None = None,
) -> MemberPosition:
    """`restart`: after a fresh start, (the day paid membership counts from, satang paid since)."""
    start, counted = restart or (member.joined_on, paid_total)
    paid_to = paid_through_date(rules, start, counted)
    if member.status in ENDED:
        return MemberPosition(paid_total, paid_to, as_of, 0, member.status)
    c = rules.contributions
    if member.status == MemberStatus.LAPSED and c.reinstatement.fresh_start:  # the missed days are not owed
        return MemberPosition(paid_total, paid_to, as_of, 0, Standing.LAPSED.value)
    return MemberPosition(
        paid_total, paid_to, as_of, c.arrears(paid_to, as_of), c.standing(paid_to, as_of).value
    )


def owed_through(rules: FundRules, member: Member, standing: MemberPosition, day: datetime.date) -> int:
    """Satang the member pays to be covered through `day`; under a fresh start a lapsed member owes
    only the days from `standing.as_of` (coming back), not the ones they missed."""
    if member.status in ENDED:
        return 0
    paid_to = standing.paid_through
    if member.status == MemberStatus.LAPSED and rules.contributions.reinstatement.fresh_start:
        paid_to = max(paid_to, standing.as_of - datetime.timedelta(days=1))
    return rules.contributions.arrears(paid_to, day)


def paid_totals(members) -> dict[int, int]:
    """Satang each member paid in (credits less debits on their sub-account), one query for all."""
    rows = Account.objects.filter(member__in=members).values_list("member_id", "debit_total", "credit_total")
    return {member_id: credit - debit for member_id, debit, credit in rows}


@dataclass(frozen=True)
class Statement:
    member: Member
    standing: MemberPosition
    receipts: list[Receipt]
    due_month_end: int  # satang to be paid through the end of the month of `as_of`
    entry_fee_due: int = 0  # satang: the fund's entry fee, while the member has no receipt for it
    reinstatement_fee_due: int = 0  # satang: while the member is lapsed and has not paid it since
    paid_each_year: dict[int, int] = field(default_factory=dict)  # year -> satang, from the books

    @property
    def paid_by_year(self) -> list[tuple[int, int, int]]:
        """(year, satang, receipts) for each year, newest first. The satang are the books' (what the
        year's entries put on the member's sub-account, as the total paid is), so the years add up to
        the total even where contributions were brought in without receipts (balances carried over from
        a paper ledger) or a receipt was cancelled in a later year; the receipts are the year's
        contribution receipts not cancelled (a fee buys no days)."""
        counts: dict[int, int] = {}
        for r in self.receipts:
            if not r.is_cancelled and r.purpose == Purpose.CONTRIBUTION:
                counts[r.paid_on.year] = counts.get(r.paid_on.year, 0) + 1
        years = sorted(self.paid_each_year.keys() | counts.keys(), reverse=True)
        return [(year, self.paid_each_year.get(year, 0), counts.get(year, 0)) for year in years]


def paid_each_year(member) -> dict[int, int]:
    """Satang the member paid in each year: credits less debits on their sub-account, by the entries'
    year, in one query."""
    rows = (
        Line.objects.filter(account__member=member)
        .annotate(year=ExtractYear("entry__date"))
        .values("year")
        .annotate(total=Sum("amount"))
        .values_list("year", "total")
    )
    return {year: -total for year, total in rows if total}


def statement_for(user, fund, number: str, as_of: datetime.date | None = None) -> Statement:
    """A member's contributions: their standing and their receipts (a member: only their own)."""
    member = member_for(user, fund, number)
    as_of = as_of or thai_dates.today()
    paid = paid_totals([member]).get(member.pk, 0)
    receipts = list(Receipt.objects.filter(member=member).order_by("-paid_on", "-number"))
    for r in receipts:  # every receipt is this member's, of this fund: no query (nor join) per receipt
        r.member, r.fund = member, fund
    book = rule_book(fund)
    rules = book.on(thai_dates.today())
    restart = restarts([member], rules.contributions, as_of).get(member.pk)
    standing = standing_of(rules, member, paid, as_of, restart)
    due = owed_through(rules, member, standing, period_end(as_of.year, as_of.month))
    fees = _fees_due(book, rules, member, receipts)
    return Statement(member, standing, receipts, due, *fees, paid_each_year=paid_each_year(member))


def _fees_due(book: RuleBook, rules: FundRules, member: Member, receipts: list[Receipt]) -> tuple[int, int]:
    """Satang of the entry fee while the member has no receipt for it, and of the reinstatement fee
    while they are lapsed and have none since they lapsed (0: nothing due, or not charged)."""
    settled = {
        r.purpose
        for r in receipts
        if r.purpose in FEES and not r.is_cancelled and fee_settled(r.purpose, r.paid_on, member.status_since)
    }
    entry = member.status not in ENDED and Purpose.ENTRY_FEE not in settled
    again = member.status == MemberStatus.LAPSED and Purpose.REINSTATEMENT_FEE not in settled

    def due(purpose: str, owed: bool) -> int:
        return fee_due(fee_rules(book, rules, purpose, member.joined_on), purpose) if owed else 0

    return due(str(Purpose.ENTRY_FEE), entry), due(str(Purpose.REINSTATEMENT_FEE), again)


def receipt_for(user, fund, number: int) -> Receipt:
    """One receipt: officers see every receipt of the fund, a member only their own."""
    visible = members_for(user, fund)
    receipt = (
        Receipt.objects.filter(fund=fund, number=number, member__in=visible)
        .select_related("fund", "member__person", "entry", "cancel_entry")
        .first()
    )
    if receipt is None:
        raise reasons.RECEIPT_NOT_FOUND.not_found()
    return receipt


def receipts_for(user, fund, query: str = "") -> QuerySet[Receipt]:
    """The fund's receipts, newest first; `query` finds them by receipt number, paper receipt number, or
    the member (number, national ID or name, as the member search reads them)."""
    require(user, fund, "view_books")
    receipts = Receipt.objects.filter(fund=fund).select_related("member__person").order_by("-number")
    query = query.strip()
    if not query:
        return receipts
    found = Q(book_number=query) | Q(member__in=members_for(user, fund, query).values("pk"))
    if query.isdigit() and len(query) < 10:  # int() reads Thai digits too
        found |= Q(number=int(query))
    return receipts.filter(found)


def group_for(user, fund, code: str) -> Group:
    require(user, fund, "view_members")
    group = Group.objects.filter(fund=fund, code=code).first()
    if group is None:
        raise reasons.GROUP_NOT_FOUND.not_found()
    return group


@dataclass(frozen=True)
class SheetRow:
    member: Member
    standing: MemberPosition
    due: int  # satang to be paid through the end of the meeting's month
    fee: str = ""  # a fee still due (entry_fee, reinstatement_fee), taken on the sheet when ticked
    fee_amount: int = 0  # satang


def meeting_sheet_rows(user, fund, group: Group, day: datetime.date) -> list[SheetRow]:
    """The group's members who may pay, each with what they owe to be paid through the month's end."""
    require(user, fund, "view_members")
    members = list(
        Member.objects.filter(fund=fund, group=group, joined_on__lte=day)
        .exclude(status__in=ENDED)
        .select_related("person")
        .order_by("number")
    )
    book = rule_book(fund)
    rules = book.on(thai_dates.today())
    standings = standings_on(rules, members, paid_totals(members), day)
    fees = _fee_receipts(members)
    rows = []
    for m, standing, owed in standings:
        entry, again = _fees_due(book, rules, m, fees.get(m.pk, []))
        fee, amount = (str(Purpose.ENTRY_FEE), entry) if entry else (str(Purpose.REINSTATEMENT_FEE), again)
        rows.append(SheetRow(m, standing, owed, fee if amount else "", amount))
    return rows


def _fee_receipts(members: list[Member]) -> dict[int, list[Receipt]]:
    """The fee receipts of these members (a group's: one query), by member id."""
    found: dict[int, list[Receipt]] = {}
    for r in Receipt.objects.filter(member__in=members, purpose__in=list(FEES)).only(
        "member_id", "purpose", "paid_on", "cancelled_on"
    ):
        found.setdefault(r.member_id, []).append(r)
    return found


def standings_on(
    rules: FundRules, members: list[Member], paid: dict[int, int], day: datetime.date
) -> list[tuple[Member, MemberPosition, int]]:
    """Each member's standing on `day` (a fresh start counted from the day they came back) and the
    satang that cover them through the month's end; `paid`: what each paid in all."""
    back = restarts(members, rules.contributions, day)
    month_end = period_end(day.year, day.month)
    out = []
    for m in members:
        standing = standing_of(rules, m, paid.get(m.pk, 0), day, back.get(m.pk))
        out.append((m, standing, owed_through(rules, m, standing, month_end)))
    return out


def groups_for(user, fund) -> QuerySet[Group]:
    require(user, fund, "view_members")
    return Group.objects.filter(fund=fund).order_by("code")
