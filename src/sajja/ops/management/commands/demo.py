"""`sajja demo`: build the demo database if it is missing, print the logins, and serve the web app."""

from django.core.management import call_command
from django.core.management.base import BaseCommand

from sajja.ops import demo


class Command(BaseCommand):
    help = "Build the demo world (four founding networks) if missing, then serve it on http://127.0.0.1:8000"

    def add_arguments(self, parser):
        parser.add_argument("--build-only", action="store_true", help="build the demo database, do not serve")
        parser.add_argument("addrport", nargs="?", default="127.0.0.1:8000")

    def handle(self, *args, build_only=False, addrport="127.0.0.1:8000", **options):
        call_command("migrate", interactive=False, verbosity=0)
        if demo.demo_exists():
            self.stdout.write("demo database already built")
            logins = demo.stored_logins()
        else:
            logins = demo.build(self.stdout)
        self.stdout.write(f"\nDemo logins (password for all: {demo.DEMO_PASSWORD})")
        for username, role, scope in logins:
            self.stdout.write(f"  {username:<22} {role:<12} {scope}")
        if not build_only:
            self.stdout.write(f"\nSajja: http://{addrport}/  (Ctrl-C to stop)\n")
            call_command("runserver", addrport, use_reloader=False, use_threading=True)
