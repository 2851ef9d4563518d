"""`sajja rollup --network CODE | --province CODE | --national [--format table|json|csv]`, and
`sajja rollup refresh [--fund CODE | --network CODE | --province CODE | --national]`."""

from __future__ import annotations

import csv
import datetime
import json

from django.core.management.base import BaseCommand, CommandError

from sajja.access.policy import SYSTEM
from sajja.core import thai_dates
from sajja.core.errors import DomainError
from sajja.core.money import format_number
from sajja.registry.models import Fund
from sajja.rollup import selectors, services
from sajja.rollup.assembly import FUND, Rollup
from sajja.rollup.shapes import CSV_COLUMNS, csv_rows, rollup_data


class Command(BaseCommand):
    help = "A network's, a province's or the nation's figures: the sums of their funds' (and refreshing them)"

    def add_arguments(self, parser):
        parser.add_argument(
            "action",
            nargs="?",
            choices=("show", "refresh"),
            default="show",
            help="show the figures (default), or work them out again from the books",
        )
        where = parser.add_mutually_exclusive_group()
        where.add_argument("--network", help="a network's code: its funds side by side")
        where.add_argument("--province", help="a province's two-digit code: its networks")
        where.add_argument("--national", action="store_true", help="every province")
        where.add_argument("--fund", help="refresh: one fund's figures")
        parser.add_argument("--format", choices=["table", "json", "csv"], default="table")
        parser.add_argument("--as-of", help="YYYY-MM-DD (Buddhist-era years too): the day (default today)")

    def handle(self, *args, action="show", network=None, province=None, national=False, fund=None, **options):
        today = _day(options.get("as_of"))
        try:
            if action == "refresh":
                count = services.refresh(_fund_ids(fund, network, province, national), today)
                self.stdout.write(f"refreshed the figures of {count} fund(s) as of {today.isoformat()}")
                return
            if fund:
                raise CommandError(
                    "--fund is for `sajja rollup refresh`; show a --network, --province or --national"
                )
            rollup = _rollup(network, province, national, today)
        except DomainError as exc:
            raise CommandError(str(exc)) from exc
        fmt = options.get("format") or "table"
        if fmt == "json":
            self.stdout.write(json.dumps(rollup_data(rollup), ensure_ascii=False, indent=2, default=str))
        elif fmt == "csv":
            writer = csv.writer(self.stdout)
            writer.writerow(CSV_COLUMNS)
            writer.writerows(csv_rows(rollup))
        else:
            self.stdout.write(table(rollup))


def _day(text: str | None) -> datetime.date:
    if not text:
        return thai_dates.today()
    try:
        return thai_dates.parse_day(text)
    except ValueError as wrong:
        raise CommandError(str(wrong)) from None


def _rollup(network, province, national, today) -> Rollup:
    if network:
        return selectors.network_figures(SYSTEM, network, today)
    if province:
        return selectors.province_figures(SYSTEM, province, today)
    if national:
        return selectors.national_figures(SYSTEM, today)
    raise CommandError("say which: --network CODE, --province CODE or --national")


def _fund_ids(fund, network, province, national) -> list[int] | None:
    if national:
        return None
    if fund:
        funds = Fund.objects.filter(code=fund)
    elif network:
        funds = Fund.objects.filter(network__code=network)
    elif province:
        funds = Fund.objects.filter(province_code=province)
    else:
        raise CommandError("say which: --fund CODE, --network CODE, --province CODE or --national")
    ids = list(funds.values_list("pk", flat=True))
    if not ids:
        raise CommandError("ไม่พบกองทุน / no fund found")
    return ids


def _share(value: int | None) -> str:
    return "-" if value is None else f"{value}%"


def table(r: Rollup) -> str:
    """The table as text: one line per row, the total, the co-funding of the fiscal year claimed, then the
    funds needing attention with why."""
    heading = f"{r.name_en or r.name_th} ({r.level}{' ' + r.code if r.code else ''})"
    lines = [
        f"{heading}: {r.month} as of {r.today.isoformat()}, fiscal year {r.fiscal_year.be} BE",
        f"{'code':<24} {'funds':>5} {'members':>8} {'arrears':>7} {'month %':>7} {'year %':>6}"
        f" {'benefits':>14} {'reserve':>16} {'attention':>9}",
    ]
    for row in [*r.rows, None]:
        f = r.total if row is None else row.figures
        code = "TOTAL" if row is None else row.code or "-"
        lines.append(
            f"{code[:24]:<24} {f.funds:>5} {f.members_active:>8} {_share(f.arrears_percent):>7}"
            f" {_share(f.month_percent):>7} {_share(f.year_percent):>6}"
            f" {format_number(f.benefits_paid.amount):>14} {format_number(f.reserve):>16}"
            f" {f.funds_needing_attention:>9}"
        )
    lines += ["", *cofunding_table(r)]
    if r.attention:
        lines.append("")
        lines.append("needing attention first:")
        for row in r.attention:
            reasons = "; ".join(flag.words()[1] for flag in row.flags)
            lines.append(f"  {row.code}: {reasons}")
    return "\n".join(lines)


def cofunding_table(r: Rollup) -> list[str]:
    """The co-funding of the fiscal year claimed: per row and the total, then the total by party."""
    lines = [
        f"co-funding of fiscal year {r.cofunding_year.be} BE (received: against what was requested):",
        f"{'code':<24} {'requested':>9} {'requested (baht)':>16} {'received':>16} {'outstanding':>16}"
        f" {'to refund':>14}",
    ]
    for row in [*r.rows, None]:
        f = r.total if row is None else row.figures
        code = "TOTAL" if row is None else row.code or "-"
        c = f.cofunding_total
        if row is not None and row.kind == FUND:
            asked = "yes" if f.funds_cofunding_requested else "no"
        else:  # funds that requested, of all
            asked = f"{f.funds_cofunding_requested}/{f.funds}"
        lines.append(
            f"{code[:24]:<24} {asked:>9} {format_number(c.requested):>16} {format_number(c.received):>16}"
            f" {format_number(c.outstanding):>16} {format_number(c.to_refund):>14}"
        )
    for party, c in r.total.cofunding.items():  # the total by party, as the CSV's columns name them
        lines.append(
            f"  {party[:32]:<32} {format_number(c.requested):>16}"
            f" {format_number(c.received):>16} {format_number(c.outstanding):>16} {format_number(c.to_refund):>14}"
        )
    return lines
