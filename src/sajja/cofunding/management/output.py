"""The co-funding commands' tables, as a treasurer reads them on a terminal: an entitlement, a request with
the money against it, the fund's money by source (amounts in baht, Thai with English)."""

from __future__ import annotations

from sajja.cofunding.models import CofundingRequest
from sajja.cofunding.selectors import Computed, standings
from sajja.cofunding.selectors_sources import METHOD_EN, METHOD_TH, MoneyBySource, WelfareBySource
from sajja.cofunding.writing import ratio_text
from sajja.core.money import format_number
from sajja.core.thai_dates import format_thai_date
from sajja.schemes.cofunding import Exclusion, FiscalYear


def _baht(satang: int) -> str:
    return format_number(satang)


def entitlement_table(computed: Computed, language: str = "th", *, members: bool = False) -> str:
    result = computed.result
    en = language.startswith("en")
    lines = []
    if computed.provisional:
        lines.append(
            "provisional: the fiscal year is not over, the figures may still change"
            if en
            else "ประมาณการ: ปีงบประมาณยังไม่สิ้นสุด ตัวเลขยังเปลี่ยนได้"
        )
    policy = computed.policy
    lines.append(
        f"{'policy' if en else 'นโยบาย'}: {policy.name(language)} ({policy.code}, "
        f"{result.version.years_text(language)})"
    )
    lines.append("rules:" if en else "เกณฑ์ของกองทุน:")
    for rule in result.rules:
        mark = "PASS" if rule.passed else "FAIL"
        lines.append(f"  {mark}  {rule.code:<14} {rule.message(language)}")
    excluded = "; ".join(f"{e.label(language)}: {n}" for e, n in sorted(result.excluded_by.items()))
    lines.append(
        f"{'members' if en else 'สมาชิก'}: {len(result.lines)} "
        f"{'listed' if en else 'คนในทะเบียน'}, {result.counted} {'counted' if en else 'คนนับได้'}"
        + (f" ({excluded})" if excluded else "")
    )
    width = max(len(t.party.label(language)) for t in result.totals)
    head = (
        ("party", "ratio", "cap/member", "amount", "would be")
        if en
        else ("ฝ่าย", "อัตราส่วน", "เพดาน/คน", "จำนวนเงิน", "ถ้าผ่านเกณฑ์")
    )
    lines.append(f"{head[0]:<{width}}  {head[1]:>8}  {head[2]:>12}  {head[3]:>14}  {head[4]:>14}")
    for t in result.totals:
        cap = "-" if t.rule.cap_per_member is None else _baht(t.rule.cap_per_member)
        lines.append(
            f"{t.party.label(language):<{width}}  {ratio_text(t.rule.ratio):>8}  {cap:>12}  "
            f"{_baht(t.amount):>14}  {_baht(t.would_be):>14}"
        )
    if members:
        lines.append("")
        for line in result.lines:
            why = "; ".join(result.why(line, language))
            amounts = " ".join(_baht(a) for a in line.amounts)
            lines.append(
                f"{line.row.number}  {_baht(line.row.paid):>10}  {'+' if line.counted else '-'}  {amounts}  {why}"
            )
    lines.append(f"digest {computed.lines_digest[:16]} · {result.rounding}")
    return "\n".join(lines)


def status_table(request: CofundingRequest) -> str:
    fy = FiscalYear(request.fiscal_year)
    lines = [
        f"คำขอเลขที่ / request #{request.pk} · {fy.label('th')} · ยื่น / requested "
        f"{format_thai_date(request.requested_on)} · ครบกำหนด / due {format_thai_date(request.due_on)}",
        f"สมาชิกที่นับได้ / counted {request.counted} of {request.members_listed}"
        + "".join(f" · {Exclusion(code).label('th')}: {n}" for code, n in request.excluded_by.items()),
        f"{'party':<20} {'requested':>12} {'received':>12} {'outstanding':>12} {'overpaid':>10} {'to refund':>10} late",
    ]
    for s in standings(request):
        lines.append(
            f"{s.party.value:<20} {_baht(s.requested):>12} {_baht(s.received):>12} {_baht(s.outstanding):>12} "
            f"{_baht(s.overpaid):>10} {_baht(s.to_refund):>10} {_baht(s.late) if s.late else '-'}"
        )
    return "\n".join(lines)


def money_table(money: MoneyBySource, welfare: WelfareBySource) -> str:
    lines = [
        f"{'source':<20} {'income':>14} {'outstanding':>12} {'received':>14} {'spent':>14} {'welfare':>14} {'held':>14}"
    ]
    for r in money.rows:
        lines.append(
            f"{r.source.value:<20} {_baht(r.income):>14} {_baht(r.outstanding):>12} {_baht(r.received):>14} "
            f"{_baht(r.spent):>14} {_baht(r.welfare):>14} {_baht(r.held):>14}"
        )
    state = "adds up" if money.adds_up else "DOES NOT add up"
    lines.append(
        f"ยอดกองทุน / fund balance {_baht(money.balance)} = held {_baht(money.held)} + "
        f"owed to the fund {_baht(money.outstanding)} ({state})"
    )
    lines.append("")
    lines.append(f"สวัสดิการที่จ่าย / welfare paid {_baht(welfare.total)}, by source:")
    for source, amount in welfare.by_source.items():
        lines.append(f"  {source:<20} {_baht(amount):>14}  {welfare.share(source):6.2f} %")
    lines.append("")
    lines.append(f"วิธีคำนวณ: {METHOD_TH}")
    lines.append(f"method: {METHOD_EN}")
    return "\n".join(lines)
