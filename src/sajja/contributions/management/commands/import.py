"""`sajja import payments --fund CODE FILE`: import a CSV or XLSX file of payments, all or nothing."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from sajja.contributions.imports import (
    CHANGED_EN,
    CHANGED_TH,
    CONFIRM,
    SKIP,
    ImportHeld,
    ImportRefused,
    already_imported_text,
    import_payments,
)
from sajja.contributions.management.acting import acting_user, add_by_argument
from sajja.core.errors import DomainError
from sajja.core.money import format_number
from sajja.registry.models import Fund


class Command(BaseCommand):
    help = "Import payments from a CSV or XLSX file (a file with any bad row is refused whole)"

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="what", required=True)
        payments = sub.add_parser(
            "payments", help="members' contributions: member, date, amount, channel, receipt"
        )
        payments.add_argument("--fund", required=True, help="the fund's code")
        payments.add_argument("file", help="a .csv (UTF-8) or .xlsx file")
        decide = payments.add_mutually_exclusive_group()
        decide.add_argument(
            "--confirm-duplicates",
            action="store_const",
            const=CONFIRM,
            dest="duplicates",
            help="record rows that repeat a payment already recorded (or an earlier row) as new payments",
        )
        decide.add_argument(
            "--skip-duplicates",
            action="store_const",
            const=SKIP,
            dest="duplicates",
            help="leave out rows that repeat a payment already recorded (or an earlier row)",
        )
        payments.add_argument(
            "--duplicates-token",
            dest="token",
            help="the token a held file or a file imported before was answered with: the decision stands"
            " for that report only (needed to record a file imported before anew, with --confirm-duplicates)",
        )
        add_by_argument(payments)

    def handle(self, *args, what, fund, file, by, duplicates=None, token=None, **options):
        actor = acting_user(by)
        target = Fund.objects.filter(code=fund).first()
        if target is None:
            raise CommandError(f"ไม่พบกองทุน / fund not found: {fund}")
        path = Path(file)
        if not path.is_file():
            raise CommandError(f"ไม่พบไฟล์ / no such file: {file}")
        try:
            result = import_payments(
                actor, target, path.name, path.read_bytes(), duplicates=duplicates, token=token
            )
        except ImportHeld as held:
            self._report(held.report)
            if held.changed:
                self.stderr.write(self.style.WARNING(f"{CHANGED_TH} / {CHANGED_EN}"))
            rows = len(held.report)
            raise CommandError(
                f"ไม่นำเข้าไฟล์: {rows} แถวอาจซ้ำกับรายการที่บันทึกแล้ว ส่งใหม่พร้อม --confirm-duplicates"
                f" (ชำระซ้ำจริง) หรือ --skip-duplicates (ข้ามแถวเหล่านั้น) / file held: {rows} possible"
                f" duplicate row{'s' if rows != 1 else ''}; run again with --confirm-duplicates (real second"
                " payments) or --skip-duplicates (leave them out)"
                f" [--duplicates-token {held.token}]"
            ) from None
        except ImportRefused as refused:
            self._report(refused.report)
            rows = len({r.row for r in refused.report if r.row})
            raise CommandError(
                f"ไม่นำเข้าไฟล์: มีปัญหา {rows} แถว / file refused: {rows} bad row{'s' if rows != 1 else ''}"
                if rows
                else "ไม่นำเข้าไฟล์ / file refused"
            ) from None
        except DomainError as exc:
            raise CommandError(str(exc)) from None
        if result.earlier is not None:
            # nothing recorded: said prominently, with the way to record the rows anew
            how = f"--confirm-duplicates --duplicates-token {result.token}"
            th, en = already_imported_text(
                result, f"สั่งคำสั่งเดิมอีกครั้งพร้อม {how}", f"run the same command again with {how}"
            )
            self.stderr.write(self.style.WARNING(th))
            self.stderr.write(self.style.WARNING(en))
        skipped = f", {len(result.skipped)} skipped as duplicates" if result.skipped else ""
        confirmed = f", {result.confirmed} possible duplicates confirmed" if result.confirmed else ""
        self.stdout.write(
            self.style.SUCCESS(
                f"{path.name}: {result.count} rows, {result.created} new receipts"
                f" ({result.count - result.created} already imported{skipped}{confirmed}),"
                f" {format_number(result.total)} baht"
            )
        )

    def _report(self, report):
        for r in report:
            where = f"row {r.row}" if r.row else "file"  # row 0: the file as a whole
            self.stderr.write(f"{r.file}\t{where}\t{r.column}\t{r.value}\t{r.message_th} / {r.message_en}")
