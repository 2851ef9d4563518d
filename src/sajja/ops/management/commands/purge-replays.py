"""`sajja purge-replays`: delete the replay records of idempotent writes past their retention.

A write sent with an Idempotency-Key (the API) or a form token (the enrolment form) keeps its first answer
so that a retry writes nothing; that record is kept for SAJJA_IDEMPOTENCY_RETENTION_DAYS (30 days) and
purged after, by every write and by this command (run it from cron where writes are rare). A retry after the
retention is a new request.
"""

from django.core.management.base import BaseCommand

from sajja.access.models import IdempotentRequest, idempotency_retention_days


class Command(BaseCommand):
    help = "Delete the replay records of idempotent writes older than SAJJA_IDEMPOTENCY_RETENTION_DAYS (30)"

    def handle(self, *args, **options):
        deleted = IdempotentRequest.purge_expired()
        kept = IdempotentRequest.objects.count()
        days = idempotency_retention_days()
        self.stdout.write(f"purge-replays: {deleted} record(s) older than {days} days deleted, {kept} kept")
