"""`sajja audit verify [--anchor SEQ:HASH]`: check the audit chain and the books; exit 1 naming the first
broken record. `sajja audit head [--json]`: the chain's head, to keep outside Sajja as an anchor."""

import json

from django.core.management.base import BaseCommand, CommandError

from sajja.audit.chain import anchor_text
from sajja.audit.models import AuditEvent, ChainHead
from sajja.audit.verify import verify_all, verify_anchor


class Command(BaseCommand):
    help = "Verify the audit chain and the books (exit status 1 on the first broken record); print its head"

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        verify = sub.add_parser(
            "verify",
            help="walk the keyed chain; re-digest every entry, receipt, person, member, claim and close;"
            " rebuild every account total",
        )
        verify.add_argument(
            "--anchor",
            action="append",
            default=[],
            metavar="SEQ:HASH",
            help="an anchor kept outside Sajja (as `audit head` printed it): the chain must still hold it",
        )
        head = sub.add_parser("head", help="the chain's head (event number and hash), to keep as an anchor")
        head.add_argument("--json", action="store_true", help="as JSON")

    def handle(self, *args, action, **options):
        if action == "head":
            return self._head(options["json"])
        problems = []
        for anchor in options["anchor"]:
            try:
                problems += verify_anchor(anchor)
            except ValueError as exc:
                raise CommandError(str(exc)) from None
        problems = problems or verify_all()
        if problems:
            for p in problems[:20]:
                self.stderr.write(f"BROKEN {p.record}: {p.message}")
            raise CommandError(f"audit verify failed: first broken record is {problems[0].record}")
        events = AuditEvent.objects.count()
        anchored = f"; anchor{'s' if len(options['anchor']) > 1 else ''} held" if options["anchor"] else ""
        self.stdout.write(
            self.style.SUCCESS(
                f"audit verify: chain intact ({events} events); every entry, receipt, person, member, claim,"
                f" month close and account total checks out{anchored}"
            )
        )

    def _head(self, as_json: bool) -> None:
        head = ChainHead.objects.filter(pk=1).first()
        seq, hash_ = (head.last_seq, head.last_hash) if head else (0, "0" * 64)
        at = AuditEvent.objects.filter(seq=seq).values_list("at", flat=True).first()
        if as_json:
            data = {
                "seq": seq,
                "hash": hash_,
                "anchor": anchor_text(seq, hash_),
                "at": at.isoformat() if at else None,
            }
            self.stdout.write(json.dumps(data))
        else:
            self.stdout.write(
                f"{anchor_text(seq, hash_)}\nseq {seq}\nhash {hash_}"
                + (f"\nat {at.isoformat()}" if at else "")
            )
