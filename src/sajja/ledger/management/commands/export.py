"""`sajja export beancount --fund CODE -o FILE`: the books as a beancount ledger for outside checking."""

from django.core.management.base import BaseCommand, CommandError

from sajja.access.policy import SYSTEM
from sajja.core.errors import DomainError
from sajja.ledger.beancount import export_fund
from sajja.registry.selectors import fund_for


class Command(BaseCommand):
    help = "Export a fund's books"

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="format", required=True)
        bc = sub.add_parser("beancount", help="a ledger that bean-check (beancount 3) accepts")
        bc.add_argument("--fund", required=True)
        bc.add_argument("-o", "--output", required=True, help="file to write ('-' for standard output)")

    def handle(self, *args, format, fund, output, **options):
        try:
            fund_obj = fund_for(SYSTEM, fund)
        except DomainError as exc:
            raise CommandError(str(exc)) from exc
        if output == "-":
            for line in export_fund(fund_obj):
                self.stdout.write(line)
            return
        with open(output, "w", encoding="utf-8") as handle:
            for line in export_fund(fund_obj):
                handle.write(line + "\n")
        self.stderr.write(f"wrote {output}")
