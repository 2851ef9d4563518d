"""`sajja report trial-balance --fund CODE [--period YYYY-MM] [--format table|csv|json]`."""

import csv
import json

from django.core.management.base import BaseCommand, CommandError

from sajja.access.policy import SYSTEM
from sajja.core.errors import DomainError
from sajja.core.money import format_number
from sajja.ledger.selectors import parse_period, period_end, trial_balance
from sajja.registry.selectors import fund_for


class Command(BaseCommand):
    help = "Reports on a fund's books"

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="report", required=True)
        tb = sub.add_parser("trial-balance", help="debit and credit totals per account")
        tb.add_argument("--fund", required=True, help="fund code")
        tb.add_argument("--period", help="YYYY-MM: as of the end of that month (default: everything to date)")
        tb.add_argument("--format", choices=["table", "csv", "json"], default="table")

    def handle(self, *args, report, fund, period=None, format="table", **options):
        try:
            fund_obj = fund_for(SYSTEM, fund)
            as_of = period_end(*parse_period(period)) if period else None
        except DomainError as exc:
            raise CommandError(str(exc)) from exc
        tb = trial_balance(SYSTEM, fund_obj, as_of)
        rows = [r for r in tb.rows if r.debit or r.credit]
        if format == "json":
            self.stdout.write(
                json.dumps(
                    {
                        "fund": tb.fund_code,
                        "as_of": as_of.isoformat() if as_of else None,
                        "total_debit": tb.total_debit,
                        "total_credit": tb.total_credit,
                        "balanced": tb.is_balanced,
                        "rows": [
                            {
                                "code": r.code,
                                "name_th": r.name_th,
                                "name_en": r.name_en,
                                "kind": r.kind,
                                "debit": r.debit,
                                "credit": r.credit,
                            }
                            for r in rows
                        ],
                    },
                    ensure_ascii=False,
                    indent=2,
                )
            )
        elif format == "csv":
            writer = csv.writer(self.stdout)
            writer.writerow(["code", "name_th", "name_en", "kind", "debit_satang", "credit_satang"])
            for r in rows:
                writer.writerow([r.code, r.name_th, r.name_en, r.kind, r.debit, r.credit])
        else:
            title = f"Trial balance {tb.fund_code}" + (
                f" as of {as_of.isoformat()}" if as_of else " (to date)"
            )
            self.stdout.write(title)
            self.stdout.write(f"{'code':<8} {'account':<40} {'debit':>16} {'credit':>16}")
            for r in rows:
                self.stdout.write(
                    f"{r.code:<8} {r.name_en[:40]:<40} {format_number(r.debit):>16} {format_number(r.credit):>16}"
                )
            self.stdout.write(
                f"{'':<8} {'TOTAL':<40} {format_number(tb.total_debit):>16} {format_number(tb.total_credit):>16}"
            )
            self.stdout.write("balanced" if tb.is_balanced else "NOT BALANCED")
        if not tb.is_balanced:
            raise CommandError("the trial balance does not balance")
