"""`sajja meetings ics --network CODE [--fund CODE] [-o FILE]`: a network's (or one of its funds') calendar."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from sajja.core import thai_dates
from sajja.meetings.feed import build_feed
from sajja.registry.models import Fund, Network


class Command(BaseCommand):
    help = "Write the iCalendar (RFC 5545) feed of a network's meetings, or of one of its funds"

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        ics = sub.add_parser("ics", help="the calendar as an .ics file (stdout without -o)")
        ics.add_argument("--network", required=True, help="the network's code, e.g. songkhla")
        ics.add_argument("--fund", help="a fund of that network: its own meetings instead of the network's")
        ics.add_argument("-o", "--output", help="write to this file")

    def handle(self, *args, action, network, fund=None, output=None, **options):
        body = Network.objects.filter(code=network).first()
        if body is None:
            raise CommandError(f"ไม่พบเครือข่าย {network} / no network with code {network}")
        if fund:
            body = Fund.objects.filter(code=fund, network=body).first()
            if body is None:
                raise CommandError(
                    f"ไม่พบกองทุน {fund} ในเครือข่าย {network} / no fund {fund} in network {network}"
                )
        text = build_feed(body, thai_dates.today())
        if output:
            Path(output).write_bytes(text)
            self.stdout.write(f"{output}: {text.count(b'BEGIN:VEVENT')} events")
        else:
            self.stdout.write(text.decode(), ending="")
