"""The `sajja` command: Django's management commands under Sajja's name, Sajja's own listed first.

`sajja demo`, `sajja serve`, `sajja audit verify`, `sajja report trial-balance`, `sajja export beancount`
and Django's own (`sajja migrate`, `sajja createsuperuser`).
"""

import os
import sys

ASKING_FOR_HELP: tuple[list[str], ...] = ([], ["help"], ["--help"], ["-h"])


def main(argv: list[str] | None = None) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "sajja.settings")
    args = sys.argv[1:] if argv is None else argv
    if args in ASKING_FOR_HELP:
        import django

        from sajja.ops.commands_help import listing

        django.setup()
        sys.stdout.write(listing())
        return
    from django.core.management import execute_from_command_line

    execute_from_command_line(["sajja", *args])


if __name__ == "__main__":
    main()
