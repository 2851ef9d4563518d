"""`sajja knowledge search "คำค้น"`: knowledge notes holding the Thai words, best first, with snippets."""

import re

from django.core.management.base import BaseCommand, CommandError

from sajja.access.policy import SYSTEM
from sajja.core.errors import ValidationFailed
from sajja.knowledge.selectors import search_notes


class Command(BaseCommand):
    help = "Search the knowledge notes (Thai words understood), best match first"

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        find = sub.add_parser("search", help="notes holding every word of the query")
        find.add_argument("query")
        find.add_argument("--limit", type=int, default=20)

    def handle(self, *args, action, query, limit=20, **options):
        try:
            hits = search_notes(SYSTEM, query, limit)
        except ValidationFailed as exc:
            raise CommandError(str(exc)) from exc
        if not hits:
            self.stdout.write(f"ไม่พบบันทึกที่มีคำว่า {query} / no note holds {query}")
        for n, hit in enumerate(hits, 1):
            note = hit.note
            text = re.sub(r"</?mark>", "*", hit.snippet)
            self.stdout.write(
                f"{n}. [{note.pk}] {note.title} ({note.body_owner.code}, {note.get_kind_display()})"
            )
            self.stdout.write(f"   {text}")
