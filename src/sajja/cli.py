"""The `sajja` command: Django's management commands under Sajja's name.

`sajja demo`, `sajja serve`, `sajja audit verify`, `sajja report trial-balance`, `sajja export beancount`
and Django's own (`sajja migrate`, `sajja createsuperuser`).
"""

import os
import sys


def main(argv: list[str] | None = None) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "sajja.settings")
    from django.core.management import execute_from_command_line

    execute_from_command_line(["sajja", *(sys.argv[1:] if argv is None else argv)])


if __name__ == "__main__":
    main()
