"""`sajja audit verify`: check the audit chain and the books; exit 1 naming the first broken record."""

from django.core.management.base import BaseCommand, CommandError

from sajja.audit.models import AuditEvent
from sajja.audit.verify import verify_all


class Command(BaseCommand):
    help = "Verify the audit chain and the books (exit status 1 on the first broken record)"

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        sub.add_parser("verify", help="walk the chain, re-digest every entry, rebuild every account total")

    def handle(self, *args, action, **options):
        problems = verify_all()
        if problems:
            for p in problems[:20]:
                self.stderr.write(f"BROKEN {p.record}: {p.message}")
            raise CommandError(f"audit verify failed: first broken record is {problems[0].record}")
        events = AuditEvent.objects.count()
        self.stdout.write(
            self.style.SUCCESS(
                f"audit verify: chain intact ({events} events), every entry and account total checks out"
            )
        )
