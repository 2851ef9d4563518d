"""`sajja cofunding ...`: co-funding (1:1:1) at the command line.

sajja cofunding policy check FILE        validate a policy file; exit 1 listing every error (file:line: field)
sajja cofunding fund --fund CODE [--area tambon|municipality] [--registered-on DATE] [--registered-with TEXT]
      [--registration-number TEXT] [--villages FILE.csv] [--policy NAME|FILE]
                                         what the rules need to know of the fund (villages: number,name rows)
sajja cofunding entitlement --fund CODE --fy 2569 [--format table|json|csv] [--members] [--language th|en]
      [--verify]                         who counts, why the others do not, what each party owes
sajja cofunding request --fund CODE --fy 2569 [-o FILE.pdf] [-o FILE.xlsx] [--due DATE] [--key K] [--by USER]
                                         record the request (a receivable per party) and write its documents
sajja cofunding receive --fund CODE --fy 2569 --party local_government --amount BAHT [--on DATE]
      [--into bank|cash] [--note TEXT] [--key K] [--by USER]
sajja cofunding refund --fund CODE --fy 2569 --party PARTY --amount BAHT [--on DATE] [--from bank|cash] ...
sajja cofunding status --fund CODE --fy 2569 [--format table|json]      the request and the money against it
sajja cofunding sources --fund CODE [--fy 2569] [--format table|json|csv] the fund's money by source, and
                                         the welfare it paid by source (in the year, or ever)

A fiscal year is typed in the Buddhist era (2569) or the common era (2026, the year it ends in); every
command says which it read. Amounts are baht (1,234.50); dates YYYY-MM-DD in either era (default today).
A write is idempotent: its key (`--key`, or else one made from its content) makes a repeat record nothing;
two receipts alike in every way on one day need a `--key` each.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
from dataclasses import replace
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.core.serializers.json import DjangoJSONEncoder

from sajja.access.policy import SYSTEM
from sajja.cofunding import documents, selectors, services, services_money, shapes
from sajja.cofunding.management.output import entitlement_table, money_table, status_table
from sajja.cofunding.selectors_sources import money_by_source, welfare_by_source
from sajja.cofunding.services_fund import ProfileData, profile_data, set_policy, set_profile
from sajja.contributions.management.acting import acting_user, add_by_argument
from sajja.core import thai_dates
from sajja.core.errors import DomainError
from sajja.core.money import MoneyError, format_baht, parse_baht
from sajja.registry.selectors import fund_for
from sajja.schemes.cofunding import PolicyInvalid, load_policy_file


def _day(text: str | None, option: str):
    if not text:
        return thai_dates.today()
    try:
        return thai_dates.parse_day(text)
    except ValueError as wrong:
        raise CommandError(f"{option} {text}: {wrong}") from None


def _amount(text: str) -> int:
    try:
        return parse_baht(text)
    except MoneyError as wrong:
        raise CommandError(f"--amount {text}: {wrong}") from None


def _json(data) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2, cls=DjangoJSONEncoder)


class Command(BaseCommand):
    help = "Co-funding (1:1:1): check policies, compute the entitlement, request, receive and refund"

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        policy = sub.add_parser("policy", help="co-funding policy files")
        policy.add_argument("policy_action", choices=["check"])
        policy.add_argument("file")
        fund = sub.add_parser("fund", help="the fund's area, villages, registration and policy")
        fund.add_argument("--fund", required=True)
        fund.add_argument("--area", choices=["tambon", "municipality"])
        fund.add_argument("--registered-on", dest="registered_on")
        fund.add_argument("--registered-with", dest="registered_with")
        fund.add_argument("--registration-number", dest="registration_number")
        fund.add_argument("--villages", help="CSV of number,name (a header row is skipped)")
        fund.add_argument("--policy", help="a shipped policy's name (national) or a policy file")
        ent = sub.add_parser("entitlement", help="who counts, why the others do not, each party's amount")
        self._fund_year(ent)
        ent.add_argument("--format", choices=["table", "json", "csv"], default="table")
        ent.add_argument("--members", action="store_true", help="list every member's line (table, json)")
        ent.add_argument("--language", choices=["th", "en"], default="th")
        ent.add_argument("--verify", action="store_true", help="run the full `audit verify` first")
        req = sub.add_parser("request", help="record the year's request and write its documents")
        self._fund_year(req)
        req.add_argument("-o", "--output", action="append", default=[], help="FILE.pdf or FILE.xlsx")
        req.add_argument(
            "--due",
            help="when the parties are due to pay (default: the end of the fiscal year it is requested in)",
        )
        req.add_argument("--key", default="")
        add_by_argument(req)
        for name, place, default in (("receive", "--into", "bank"), ("refund", "--from", "bank")):
            money = sub.add_parser(name, help=f"{name} money against the year's request")
            self._fund_year(money)
            money.add_argument("--party", required=True)
            money.add_argument("--amount", required=True, help="baht, e.g. 36,500 or 365.50")
            money.add_argument("--on", help="the day (default today)")
            money.add_argument(place, dest="account", choices=["bank", "cash"], default=default)
            money.add_argument("--note", default="")
            money.add_argument("--key", default="")
            add_by_argument(money)
        status = sub.add_parser("status", help="the year's request and the money against it")
        self._fund_year(status)
        status.add_argument("--format", choices=["table", "json"], default="table")
        sources = sub.add_parser("sources", help="the fund's money by source, and welfare paid by source")
        sources.add_argument("--fund", required=True)
        sources.add_argument("--fy", help="the welfare paid in this fiscal year (default: ever)")
        sources.add_argument("--format", choices=["table", "json", "csv"], default="table")

    @staticmethod
    def _fund_year(parser) -> None:
        parser.add_argument("--fund", required=True, help="the fund's code")
        parser.add_argument(
            "--fy", required=True, help="fiscal year: 2569 (BE) or 2026 (CE, the year it ends)"
        )

    def handle(self, *args, action, **options):
        try:
            getattr(self, f"_{action}")(**options)
        except PolicyInvalid as exc:
            for error in exc.errors:
                self.stderr.write(str(error))
            raise CommandError(f"{len(exc.errors)} error(s) / พบข้อผิดพลาด {len(exc.errors)} รายการ") from exc
        except DomainError as exc:
            for error in getattr(exc, "errors", None) or [exc]:
                where = f"{error.where}: " if error.where else ""
                self.stderr.write(f"{where}{error.message_th} / {error.message_en}")
            raise CommandError("ไม่สำเร็จ ไม่มีการบันทึก / refused, nothing was recorded") from None

    def _said(self, read) -> None:
        self.stdout.write(f"{read.said('th')} / {read.said('en')}")

    # --- policy and the fund's profile ----------------------------------------------------------------

    def _policy(self, policy_action, file, **_):
        path = Path(file)
        if not path.is_file():
            raise CommandError(f"ไม่พบไฟล์ / no such file: {file}")
        policy = load_policy_file(path)
        years = ", ".join(v.years_text("en") for v in policy.versions)
        self.stdout.write(
            self.style.SUCCESS(
                f"OK {file}: policy '{policy.code}', {len(policy.versions)} version(s): {years}"
            )
        )

    def _fund(self, fund, area, registered_on, registered_with, registration_number, villages, policy, **_):
        target = fund_for(SYSTEM, fund)
        data = profile_data(target)
        changes = {}
        if area:
            changes["area_kind"] = area
        if registered_on:
            changes["registered_on"] = _day(registered_on, "--registered-on")
        if registered_with is not None:
            changes["registered_with"] = registered_with
        if registration_number is not None:
            changes["registration_number"] = registration_number
        if villages:
            changes["villages"] = self._villages(villages)
        if changes:
            set_profile(SYSTEM, target, replace(data, **changes))
        if policy:
            path = Path(policy)
            text = path.read_text(encoding="utf-8") if path.is_file() else policy
            set_policy(SYSTEM, target, text, source=path.name if path.is_file() else "policy.yaml")
        now: ProfileData = profile_data(target)
        profile = selectors.profile_of(target)
        chosen = selectors.policy_of(profile)
        self.stdout.write(
            f"{target.code}: {now.area_kind}, {len(now.villages)} village(s)/community(ies), "
            f"registered {now.registered_on or '-'} {now.registered_with}; policy '{chosen.code}' ({chosen.name_th})"
        )

    def _villages(self, name: str) -> tuple[tuple[int, str], ...]:
        path = Path(name)
        if not path.is_file():
            raise CommandError(f"ไม่พบไฟล์ / no such file: {name}")
        found = []
        for n, row in enumerate(csv.reader(io.StringIO(path.read_text(encoding="utf-8-sig"))), start=1):
            if not row or not row[0].strip():
                continue
            number = row[0].strip()
            if not number.isdigit():
                if n == 1:
                    continue  # a header
                raise CommandError(f"{name}:{n}: ไม่ใช่เลขหมู่ / not a village number: {number}")
            found.append((int(number), (row[1] if len(row) > 1 else "").strip()))
        return tuple(found)

    # --- the entitlement and the request ----------------------------------------------------------

    def _entitlement(self, fund, fy, format, members, language, verify, **_):
        target = fund_for(SYSTEM, fund)
        intact = None
        if verify:
            from sajja.audit.verify import verify_all

            problems = verify_all()
            intact = not problems
            for problem in problems[:5]:
                self.stderr.write(f"audit verify: {problem.record}: {problem.message}")
        computed = selectors.entitlement(target, fy, chain_intact=intact)
        if format == "json":
            self.stdout.write(_json(shapes.entitlement_out(computed, lines=members)))
            return
        if format == "csv":
            self.stdout.write(documents.entitlement_csv(computed).decode("utf-8-sig").rstrip("\r\n"))
            return
        self._said(computed.read)
        self.stdout.write(entitlement_table(computed, language, members=members))

    def _request(self, fund, fy, output, due, key, by, **_):
        target = fund_for(SYSTEM, fund)
        read = selectors.read_fiscal_year(fy)
        self._said(read)
        for name in output:
            if Path(name).suffix.lower() not in (".pdf", ".xlsx"):
                raise CommandError(f"-o {name}: .pdf หรือ .xlsx เท่านั้น / a .pdf or .xlsx file only")
        made = selectors.request_of(target, read.fiscal_year)
        if made is not None:
            self.stdout.write(
                f"ยื่นคำขอไว้แล้วเมื่อ {thai_dates.format_thai_date(made.requested_on)} ไม่บันทึกซ้ำ / "
                f"already requested on {made.requested_on} (request #{made.pk}): nothing new recorded"
            )
        else:
            key = key or f"cli:request:{target.code}:{read.fiscal_year.ce}"
            due_on = _day(due, "--due") if due else None
            made, _ = services.request(target, read.fiscal_year, acting_user(by), key, due_on=due_on)
            self.stdout.write(self.style.SUCCESS(f"คำขอเลขที่ / request #{made.pk} recorded"))
        self.stdout.write(status_table(made))
        for name in output:
            data = (
                documents.request_pdf(made) if name.lower().endswith(".pdf") else documents.request_xlsx(made)
            )
            Path(name).write_bytes(data)
            self.stdout.write(f"เขียน / wrote {name} ({len(data):,} bytes)")

    def _status(self, fund, fy, format, **_):
        target = fund_for(SYSTEM, fund)
        made = selectors.request_for(SYSTEM, target, fy)
        if format == "json":
            self.stdout.write(_json(shapes.request_out(made)))
            return
        self._said(selectors.read_fiscal_year(fy))
        self.stdout.write(status_table(made))

    def _money(self, act, fund, fy, party, amount, on, account, note, key, by, **_):
        target = fund_for(SYSTEM, fund)
        read = selectors.read_fiscal_year(fy)
        self._said(read)
        made = selectors.request_for(SYSTEM, target, read.fiscal_year)
        satang, day = _amount(amount), _day(on, "--on")
        content = f"{act}\x1f{made.pk}\x1f{party}\x1f{satang}\x1f{day.isoformat()}\x1f{account}\x1f{note}"
        key = key or f"cli:{act}:{hashlib.sha256(content.encode()).hexdigest()[:40]}"
        if act == "receive":
            row, new = services_money.receive(
                made, party, satang, day, acting_user(by), key, into=account, note=note
            )
            said = f"รับ / received {format_baht(row.amount)} (ตัดลูกหนี้ / settles {format_baht(row.applied)}"
            said += f", รับเกิน / overpaid {format_baht(row.overpaid)})" if row.overpaid else ")"
        else:
            row, new = services_money.refund(
                made, party, satang, day, acting_user(by), key, paid_from=account, note=note
            )
            said = f"คืน / refunded {format_baht(row.amount)}"
        if not new:
            self.stdout.write("บันทึกไว้แล้ว ไม่บันทึกซ้ำ / already recorded, nothing new")
        self.stdout.write(self.style.SUCCESS(f"{said} · entry #{row.entry_id}"))
        self.stdout.write(status_table(made))

    def _receive(self, **options):
        self._money("receive", **options)

    def _refund(self, **options):
        self._money("refund", **options)

    def _sources(self, fund, fy, format, **_):
        target = fund_for(SYSTEM, fund)
        first = last = None
        if fy:
            read = selectors.read_fiscal_year(fy)
            self._said(read)
            first, last = read.fiscal_year.start, read.fiscal_year.end
        money = money_by_source(target, last)
        welfare = welfare_by_source(target, first, last)
        if format == "json":
            self.stdout.write(_json(shapes.money_out(money, welfare)))
        elif format == "csv":
            out = io.StringIO()
            writer = csv.writer(out)
            writer.writerow(["source", "income", "outstanding", "received", "spent", "welfare", "held"])
            for r in money.rows:
                writer.writerow(
                    [r.source.value, r.income, r.outstanding, r.received, r.spent, r.welfare, r.held]
                )
            self.stdout.write(out.getvalue().rstrip("\n"))
        else:
            self.stdout.write(money_table(money, welfare))
