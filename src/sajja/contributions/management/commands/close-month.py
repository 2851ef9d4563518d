"""`sajja close-month --fund CODE --period YYYY-MM`: the month-end close of one fund, all or nothing.

Running it again for a closed month changes nothing, says when it was closed and prints the same summary.
"""

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from sajja.access.policy import SYSTEM
from sajja.contributions.month_end.selectors import summaries_of
from sajja.contributions.month_end.services import close_month, fault_point
from sajja.core.errors import DomainError
from sajja.core.money import format_number
from sajja.registry.models import Fund


class Command(BaseCommand):
    help = "Close a month of a fund: lock it, derive members' standing, write the collection summary"

    def add_arguments(self, parser):
        parser.add_argument("--fund", required=True, help="the fund's code")
        parser.add_argument("--period", required=True, help="the month, YYYY-MM (2026-10 or 2569-10)")

    def handle(self, *args, fund, period, **options):
        target = Fund.objects.filter(code=fund).first()
        if target is None:
            raise CommandError(f"ไม่พบกองทุน / fund not found: {fund}")
        self.stderr.write(f"ปิดงวด / closing {target.code} {period} ...")
        started = timezone.now()
        try:
            close = close_month(SYSTEM, target, period)
        except DomainError as exc:
            raise CommandError(str(exc)) from None
        fault_point("committed")
        month = f"{close.period // 100}-{close.period % 100:02d}"
        if close.closed_at < started:  # closed by an earlier run: nothing was done now
            when = timezone.localtime(close.closed_at).strftime("%Y-%m-%d %H:%M")
            self.stdout.write(f"{target.code} {month} ปิดงวดไปแล้วเมื่อ / was already closed on {when}")
        else:
            self.stdout.write(f"{target.code} {month} closed")
        self.stdout.write("group\texpected\tcollected\tpaid_up\tin_arrears\tlapsed")
        for s in summaries_of(close):
            name = s.group.code if s.group else "-"
            self.stdout.write(
                f"{name}\t{format_number(s.expected)}\t{format_number(s.collected)}"
                f"\t{s.members_active}\t{s.members_in_arrears}\t{s.members_lapsed}"
            )
        self.stdout.write(
            self.style.SUCCESS(
                f"total\t{format_number(close.expected)}\t{format_number(close.collected)}"
                f"\t{close.members_active}\t{close.members_in_arrears}\t{close.members_lapsed}"
                f"\t({close.status_changes} status changes)"
            )
        )
