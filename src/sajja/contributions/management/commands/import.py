"""`sajja import payments --fund CODE FILE`: import a CSV or XLSX file of payments, all or nothing."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from sajja.contributions.imports import ImportRefused, import_payments
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
        add_by_argument(payments)

    def handle(self, *args, what, fund, file, by, **options):
        actor = acting_user(by)
        target = Fund.objects.filter(code=fund).first()
        if target is None:
            raise CommandError(f"ไม่พบกองทุน / fund not found: {fund}")
        path = Path(file)
        if not path.is_file():
            raise CommandError(f"ไม่พบไฟล์ / no such file: {file}")
        try:
            result = import_payments(actor, target, path.name, path.read_bytes())
        except ImportRefused as refused:
            for r in refused.report:
                where = f"row {r.row}" if r.row else "file"  # row 0: the file as a whole
                self.stderr.write(
                    f"{r.file}\t{where}\t{r.column}\t{r.value}\t{r.message_th} / {r.message_en}"
                )
            rows = len({r.row for r in refused.report if r.row})
            raise CommandError(
                f"ไม่นำเข้าไฟล์: มีปัญหา {rows} แถว / file refused: {rows} bad row{'s' if rows != 1 else ''}"
                if rows
                else "ไม่นำเข้าไฟล์ / file refused"
            ) from None
        except DomainError as exc:
            raise CommandError(str(exc)) from None
        self.stdout.write(
            self.style.SUCCESS(
                f"{path.name}: {result.count} rows, {result.created} new receipts"
                f" ({result.count - result.created} already imported), {format_number(result.total)} baht"
            )
        )
