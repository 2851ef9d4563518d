"""`sajja token issue|list|revoke`: API tokens from the command line.

sajja token issue USERNAME [--label TEXT] [--days N]   print a new token (shown this once only)
sajja token list [USERNAME]                            id, user, label, prefix, created, expires, state
sajja token revoke ID                                  the API refuses the token from now on
"""

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from sajja.access import tokens
from sajja.access.models import ApiToken
from sajja.access.policy import SYSTEM
from sajja.core.errors import DomainError


class Command(BaseCommand):
    help = "Issue, list and revoke API tokens (only a token's SHA-256 is stored; it is shown once)"

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        issue = sub.add_parser("issue", help="issue a token for a user and print it (shown this once only)")
        issue.add_argument("username")
        issue.add_argument("--label", default="", help="what the token is for, e.g. the client's name")
        issue.add_argument(
            "--days",
            type=int,
            default=tokens.DEFAULT_DAYS,
            help=f"days until it expires (default {tokens.DEFAULT_DAYS})",
        )
        listing = sub.add_parser("list", help="list tokens (all users', or one user's)")
        listing.add_argument("username", nargs="?")
        revoke = sub.add_parser("revoke", help="revoke a token by its id (from `token list`)")
        revoke.add_argument("id", type=int)

    def handle(self, *args, action, **options):
        try:
            getattr(self, f"_{action}")(**options)
        except DomainError as e:
            raise CommandError(f"{e.message_th} / {e.message_en}") from None

    def _user(self, username):
        user = get_user_model().objects.filter(username=username).first()
        if user is None:
            raise CommandError(f"ไม่พบผู้ใช้ {username} / no user {username}")
        return user

    def _issue(self, username, label, days, **_):
        issued = tokens.issue(self._user(username), label, days, actor=SYSTEM)
        expires = timezone.localtime(issued.token.expires_at).strftime("%Y-%m-%d %H:%M")
        self.stderr.write(
            f"token #{issued.token.pk} for {username}, expires {expires}: keep it secret, it is shown this once"
        )
        self.stdout.write(issued.key)

    def _list(self, username=None, **_):
        rows = ApiToken.objects.select_related("user").order_by("user__username", "-created_at", "-pk")
        if username:
            rows = rows.filter(user=self._user(username))
        self.stdout.write("id\tuser\tlabel\tprefix\tcreated\texpires\tstate")
        for t in rows:
            created = timezone.localtime(t.created_at).strftime("%Y-%m-%d")
            expires = timezone.localtime(t.expires_at).strftime("%Y-%m-%d") if t.expires_at else "never"
            prefix = f"{t.prefix}…" if t.prefix else "-"
            self.stdout.write(
                f"{t.pk}\t{t.user.username}\t{t.label}\t{prefix}\t{created}\t{expires}\t{t.state}"
            )

    def _revoke(self, id, **_):
        token = ApiToken.objects.filter(pk=id).first()
        if token is None:
            raise CommandError(f"ไม่พบโทเคน #{id} / no token #{id}")
        token = tokens.revoke(token, actor=SYSTEM)
        self.stdout.write(f"token #{token.pk} of {token.user.username} revoked")
