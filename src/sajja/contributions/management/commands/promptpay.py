"""`sajja promptpay ID [--amount BAHT] [--png FILE] [--svg FILE]`: the PromptPay payload, and its QR code."""

import segno
from django.core.management.base import BaseCommand, CommandError

from sajja.contributions.promptpay import checksum_warning
from sajja.core.money import MoneyError, parse_baht
from sajja.core.promptpay import PromptPayError, promptpay_payload


class Command(BaseCommand):
    help = "Print the PromptPay QR payload for a phone number, citizen/tax ID or e-wallet ID"

    def add_arguments(self, parser):
        parser.add_argument(
            "promptpay_id", help="phone number, 13-digit citizen or tax ID, or 15-digit e-wallet ID"
        )
        parser.add_argument("--amount", help="a fixed amount in baht, e.g. 30 or 365.00")
        parser.add_argument("--png", help="write the QR code to this PNG file")
        parser.add_argument("--svg", help="write the QR code to this SVG file")

    def handle(self, *args, promptpay_id, amount=None, png=None, svg=None, **options):
        try:
            satang = parse_baht(amount) if amount is not None else None
        except MoneyError:
            raise CommandError(f"จำนวนเงินไม่ถูกต้อง / invalid amount: {amount!r}") from None
        try:
            payload = promptpay_payload(promptpay_id, satang)
        except PromptPayError as exc:
            raise CommandError(str(exc)) from None
        warning = checksum_warning(promptpay_id)
        if warning:
            self.stderr.write(warning)
        self.stdout.write(payload)
        if png or svg:
            qr = segno.make(payload, error="m", micro=False)
            for path, kind in ((png, "png"), (svg, "svg")):
                if not path:
                    continue
                try:
                    qr.save(path, kind=kind, scale=8, border=4)
                except OSError as exc:
                    raise CommandError(f"เขียนไฟล์ {path} ไม่ได้ / cannot write {path}: {exc.strerror}") from None
