"""`sajja pay --fund CODE --member N --amount BAHT [--date D] [--channel C] [--receipt NO] [--for P] [--by USER]`:
record one payment and print its receipt, as the payment form does.

The payment's idempotency key is `--key`, or else its content (member, date, amount, channel, paper
receipt number, purpose): running the same command again records nothing more and prints the first
receipt. Two payments alike in every way on one day need a `--key` each.
"""

import hashlib

from django.core.management.base import BaseCommand, CommandError

from sajja.contributions.management.acting import acting_user, add_by_argument
from sajja.contributions.models import Receipt
from sajja.contributions.reading import CHANNELS, PURPOSES, parse_amount, parse_day
from sajja.contributions.services import record_payments
from sajja.contributions.validation import Payment, member_number, national_id_digits
from sajja.contributions.words import thai_words
from sajja.core import thai_dates
from sajja.core.errors import DomainError
from sajja.core.money import format_baht
from sajja.core.thai_dates import format_thai_date
from sajja.registry.models import Fund


class Command(BaseCommand):
    help = "Record one payment and print its receipt (running it again records nothing more)"

    def add_arguments(self, parser):
        parser.add_argument("--fund", required=True, help="the fund's code")
        parser.add_argument("--member", required=True, help="member number or 13-digit national ID")
        parser.add_argument("--amount", required=True, help="baht, e.g. 30 or 1,095.00")
        parser.add_argument(
            "--date", help="the day paid: 2569-11-16, 16/11/2569 or 2026-11-16 (default today)"
        )
        parser.add_argument(
            "--channel", default="cash", help="cash, bank_transfer, promptpay, savings_deduction"
        )
        parser.add_argument("--receipt", default="", help="the number on a paper receipt, if any")
        parser.add_argument(
            "--for",
            dest="purpose",
            default="contribution",
            help="contribution, entry_fee or reinstatement_fee",
        )
        parser.add_argument("--key", default="", help="idempotency key (default: from the payment's content)")
        add_by_argument(parser)

    def handle(self, *args, fund, member, amount, date, channel, receipt, purpose, key, by, **options):
        actor = acting_user(by)
        target = Fund.objects.filter(code=fund).first()
        if target is None:
            raise CommandError(f"ไม่พบกองทุน / fund not found: {fund}")
        satang, problem = parse_amount(amount)
        if problem:
            raise CommandError(f"--amount {amount}: {problem[1]} / {problem[2]}")
        day, problem = parse_day(date) if date else (thai_dates.today(), None)
        if problem:
            raise CommandError(f"--date {date}: {problem[1]} / {problem[2]}")
        if channel.strip().lower() not in CHANNELS:
            raise CommandError(f"--channel {channel}: ไม่รู้จักช่องทางนี้ / unknown channel ({', '.join(CHANNELS)})")
        if purpose.strip().lower() not in PURPOSES:
            raise CommandError(f"--for {purpose}: ไม่รู้จักประเภทนี้ / unknown purpose ({', '.join(PURPOSES)})")
        channel, purpose = CHANNELS[channel.strip().lower()], PURPOSES[purpose.strip().lower()]
        # the member as the fund reads it (Thai digits, spaces), so a retry typed otherwise is still one
        ref = national_id_digits(member) or member_number(member)
        content = f"{ref}\x1f{day.isoformat()}\x1f{satang}\x1f{channel}\x1f{receipt.strip()}\x1f{purpose}"
        key = key or f"cli:{hashlib.sha256(content.encode()).hexdigest()[:40]}"
        payment = Payment(ref, satang, day, channel, receipt.strip(), key, purpose)
        try:
            done = record_payments(actor, target, [payment])
        except DomainError as exc:
            for error in getattr(exc, "errors", None) or [exc]:
                self.stderr.write(f"{error.where}: {error.message_th} / {error.message_en}")
            raise CommandError("ไม่ได้บันทึก / nothing was recorded") from None
        r = Receipt.objects.select_related("member__person").get(entry_id=done.entry_ids[0])
        if not done.created:
            self.stdout.write(f"บันทึกไว้แล้ว ไม่บันทึกซ้ำ / already recorded, nothing new: receipt {r.number}")
        self.stdout.write(
            f"ใบเสร็จเลขที่ / receipt {r.number}\t{format_thai_date(r.paid_on)}\t{r.member.number}"
            f" {r.member.person.full_name}\t{r.get_purpose_display()}\t{format_baht(r.amount)}"
            f" ({thai_words(r.amount)})"
        )
