"""`sajja pooling ...`: pooling in a network at the command line, run as the system.

sajja pooling rule --network CODE --from-fy 2569 --pool-fund CODE --basis contributions|surplus|per_member
      --rate 10% [--top-up-threshold BAHT --top-up-percent N --top-up-cap BAHT] [--note TEXT]
                                         the network's rule from a fiscal year on (per_member: --rate in baht)
sajja pooling remit --fund CODE --fy 2569 --amount BAHT --paid-on 2026-11-01 --key K [--from bank|cash]
      [--into bank|cash] [--note TEXT]   money a fund sent to its network's pool (an entry in each fund)
sajja pooling top-up --network CODE --claim ID [--amount BAHT] --paid-on DATE --key K [--from ...] [--into ...]
                                         the pool pays back part of a paid claim (no amount: the rule's most)
sajja pooling status --network CODE --fy 2569 [--format table|json|csv]
                                         each fund's due, remitted and outstanding; the top-ups; the
                                         consolidated accounts with the money between the funds eliminated

A fiscal year is typed in the Buddhist era (2569) or the common era (2026, the year it ends in); every
command says which it read. Amounts are baht (1,234.50); dates YYYY-MM-DD in either era. A write is
idempotent: the same --key again records nothing.
"""

from __future__ import annotations

import csv
import io
import json

from django.core.management.base import BaseCommand, CommandError
from django.core.serializers.json import DjangoJSONEncoder

from sajja.access.policy import SYSTEM
from sajja.cofunding.selectors import read_fiscal_year
from sajja.core import thai_dates
from sajja.core.errors import DomainError
from sajja.core.money import MoneyError, format_baht, parse_baht
from sajja.pooling import selectors, services
from sajja.pooling.api import year_out
from sajja.pooling.forms import parse_rate
from sajja.pooling.reasons import BasisChoice
from sajja.registry.selectors import fund_for

ACCOUNTS = ["bank", "cash"]


def _day(text: str, option: str):
    try:
        return thai_dates.parse_day(text)
    except ValueError as wrong:
        raise CommandError(f"{option} {text}: {wrong}") from None


def _baht(text: str | None, option: str) -> int | None:
    if text is None:
        return None
    try:
        return parse_baht(text)
    except MoneyError as wrong:
        raise CommandError(f"{option} {text}: {wrong}") from None


def _json(data) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2, cls=DjangoJSONEncoder)


class Command(BaseCommand):
    help = "Pooling in a network: its rule, remittances to the pool, top-ups of large claims, the status"

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        rule = sub.add_parser("rule", help="the network's pooling rule from a fiscal year on")
        rule.add_argument("--network", required=True)
        rule.add_argument("--from-fy", dest="from_fy", required=True, help="2569 (BE) or 2026 (CE)")
        rule.add_argument("--pool-fund", dest="pool_fund", required=True, help="the fund holding the pool")
        rule.add_argument("--basis", required=True, choices=BasisChoice.values)
        rule.add_argument("--rate", required=True, help="a percentage (10%%), or baht per member")
        rule.add_argument("--top-up-threshold", dest="top_up_threshold", help="baht")
        rule.add_argument("--top-up-percent", dest="top_up_percent", type=int, default=0)
        rule.add_argument("--top-up-cap", dest="top_up_cap", help="baht per claim (default: no cap)")
        rule.add_argument("--note", default="")
        remit = sub.add_parser("remit", help="money a fund sent to its network's pool")
        remit.add_argument("--fund", required=True)
        self._year(remit)
        remit.add_argument("--amount", required=True, help="baht, e.g. 36,500 or 365.50")
        remit.add_argument("--note", default="")
        self._money(remit)
        top = sub.add_parser("top-up", help="the pool pays back part of a paid claim")
        top.add_argument("--network", required=True)
        top.add_argument("--claim", required=True, type=int)
        top.add_argument("--amount", help="baht (default: the most the rule allows)")
        self._money(top)
        status = sub.add_parser("status", help="due, remitted, outstanding; top-ups; consolidated accounts")
        status.add_argument("--network", required=True)
        self._year(status)
        status.add_argument("--format", choices=["table", "json", "csv"], default="table")

    @staticmethod
    def _year(parser) -> None:
        parser.add_argument(
            "--fy", required=True, help="fiscal year: 2569 (BE) or 2026 (CE, the year it ends)"
        )

    @staticmethod
    def _money(parser) -> None:
        parser.add_argument("--paid-on", dest="paid_on", required=True, help="YYYY-MM-DD, either era")
        parser.add_argument("--key", required=True, help="the same key again records nothing")
        parser.add_argument("--from", dest="paid_from", choices=ACCOUNTS, default="bank")
        parser.add_argument("--into", dest="paid_into", choices=ACCOUNTS, default="bank")

    def handle(self, *args, action, **options):
        try:
            getattr(self, f"_{action.replace('-', '_')}")(**options)
        except DomainError as exc:
            for error in getattr(exc, "errors", None) or [exc]:
                where = f"{error.where}: " if error.where else ""
                self.stderr.write(f"{where}{error.message_th} / {error.message_en}")
            raise CommandError("ไม่สำเร็จ ไม่มีการบันทึก / refused, nothing was recorded") from None

    def _said(self, read) -> None:
        self.stdout.write(f"{read.said('th')} / {read.said('en')}")

    def _rule(
        self,
        network,
        from_fy,
        pool_fund,
        basis,
        rate,
        top_up_threshold,
        top_up_percent,
        top_up_cap,
        note,
        **_,
    ):
        target = selectors.network_for(SYSTEM, network, "manage_pooling")
        read = read_fiscal_year(from_fy, "from_fy")
        self._said(read)
        try:
            points = parse_rate(rate, basis)
        except ValueError:
            raise CommandError(f"--rate {rate}: a percentage (10%) or, per member, baht (20)") from None
        data = services.RuleData(
            pool_fund=pool_fund,
            basis=basis,
            rate=points,
            top_up_threshold=_baht(top_up_threshold, "--top-up-threshold") or 0,
            top_up_percent=top_up_percent,
            top_up_cap=_baht(top_up_cap, "--top-up-cap"),
            note=note,
        )
        rule = services.set_rule(SYSTEM, target, read.fiscal_year, data)
        self.stdout.write(self.style.SUCCESS(f"ตั้งกติกา / rule set: #{rule.pk} {rule.basis} {rule.rate}"))

    def _remit(self, fund, fy, amount, note, paid_on, key, paid_from, paid_into, **_):
        target = fund_for(SYSTEM, fund)
        read = read_fiscal_year(fy, "fy")
        self._said(read)
        row, new = services.remit(
            SYSTEM,
            target,
            read.fiscal_year,
            _baht(amount, "--amount"),
            _day(paid_on, "--paid-on"),
            key,
            paid_from=paid_from,
            paid_into=paid_into,
            note=note,
        )
        if not new:
            self.stdout.write("บันทึกไว้แล้ว ไม่บันทึกซ้ำ / already recorded, nothing new")
        self.stdout.write(
            self.style.SUCCESS(
                f"ส่งเงิน / remitted {format_baht(row.amount)} {row.fund.code} -> {row.pool_fund.code}"
                f" · entries #{row.out_entry_id} #{row.in_entry_id}"
            )
        )

    def _top_up(self, network, claim, amount, paid_on, key, paid_from, paid_into, **_):
        target = selectors.network_for(SYSTEM, network, "manage_pooling")
        found = selectors.network_claim(target, claim)
        if found is None:
            raise CommandError(f"ไม่พบคำขอ {claim} ในเครือข่าย / no claim {claim} in network {network}")
        row, new = services.pay_top_up(
            SYSTEM,
            target,
            found,
            _baht(amount, "--amount"),
            _day(paid_on, "--paid-on"),
            key,
            paid_from=paid_from,
            paid_into=paid_into,
        )
        if not new:
            self.stdout.write("บันทึกไว้แล้ว ไม่บันทึกซ้ำ / already recorded, nothing new")
        self.stdout.write(
            self.style.SUCCESS(
                f"จ่ายเงินช่วยเหลือ / topped up {format_baht(row.amount)} {row.pool_fund.code} -> {row.fund.code}"
                f" · entries #{row.out_entry_id} #{row.in_entry_id}"
            )
        )

    def _status(self, network, fy, format, **_):
        target = selectors.network_for(SYSTEM, network, "view_pooling")
        read = read_fiscal_year(fy, "fy")
        year = selectors.pooling_year(target, read.fiscal_year)
        if format == "json":
            self.stdout.write(_json(year_out(year, read)))
            return
        if format == "csv":
            out = io.StringIO()
            writer = csv.writer(out)
            writer.writerow(["fund", "holds_pool", "contributions", "surplus", "members", "due", "remitted",
                             "outstanding", "topped_up"])  # fmt: skip
            for f in year.funds:
                b = f.base
                writer.writerow([f.fund.code, f.is_pool, b.contributions, b.surplus, b.members, f.due,
                                 f.remitted, f.outstanding, f.topped_up])  # fmt: skip
            self.stdout.write(out.getvalue().rstrip("\r\n"))
            return
        self._said(read)
        self.stdout.write(self._table(year))

    @staticmethod
    def _table(year) -> str:
        rule = year.rule
        lines = []
        if rule is None:
            lines.append("ไม่มีกติกาที่ใช้ในปีนี้ / no rule in force this year")
        else:
            lines.append(f"กติกา / rule: {rule.basis} {rule.rate} · กองกลาง / pool: {rule.pool_fund.code}")
        lines.append(f"{'fund':<16} {'due':>18} {'remitted':>18} {'outstanding':>18}")
        for f in year.funds:
            mark = " *" if f.is_pool else ""
            lines.append(
                f"{f.fund.code + mark:<16} {format_baht(f.due):>18} {format_baht(f.remitted):>18}"
                f" {format_baht(f.outstanding):>18}"
            )
        lines.append(
            f"{'รวม / total':<16} {format_baht(year.due):>18} {format_baht(year.remitted):>18}"
            f" {format_baht(year.outstanding):>18}"
        )
        lines.append(f"เงินช่วยเหลือ / top-ups: {len(year.top_ups)} · {format_baht(year.topped_up)}")
        c = year.consolidated
        lines.append(
            f"รวมเครือข่าย / consolidated: รายรับ / income {format_baht(c.income)}"
            f" · รายจ่าย / expenses {format_baht(c.expenses)}"
            f" · ตัดรายการระหว่างกองทุน / eliminated {format_baht(c.eliminated_income)}"
        )
        lines.append(
            "ตัดรายการตรงกัน / eliminations match"
            if c.matched
            else "ตัดรายการไม่ตรงกัน / eliminations do NOT match"
        )
        return "\n".join(lines)
