"""`sajja --help`: Sajja's own commands first, by area with a line each; Django's and the libraries'
maintenance commands (migrate, createsuperuser, axes_reset...) after them, still reachable, named only.

Django's own listing opens on its maintenance commands, which is not where a treasurer or an operator
looks for `pay`, `close-month` or `audit verify`.
"""

from __future__ import annotations

from collections import defaultdict

from django.apps import apps
from django.core.management import get_commands, load_command_class
from django.utils import translation

OWN_PREFIX = "sajja."
# A fund's day from its members to its future, then the operator's own.
AREA_ORDER = (
    "registry",
    "ledger",
    "contributions",
    "welfare",
    "cofunding",
    "meetings",
    "knowledge",
    "sustainability",
    "rollup",
    "audit",
    "access",
)


def _place(app: str) -> tuple[int, str]:
    label = app.rsplit(".", 1)[1]
    return (AREA_ORDER.index(label) if label in AREA_ORDER else len(AREA_ORDER), label)


def _first_line(text: str) -> str:
    return (text or "").strip().splitlines()[0] if (text or "").strip() else ""


def listing() -> str:
    own: dict[str, list[tuple[str, str]]] = defaultdict(list)
    others: list[str] = []
    for name, app in sorted(get_commands().items()):
        if app.startswith(OWN_PREFIX):
            own[app].append((name, _first_line(load_command_class(app, name).help)))
        else:
            others.append(name)
    width = max((len(name) for commands in own.values() for name, _ in commands), default=0)
    lines = ["Usage: sajja <command> [options]   (sajja help <command> for its options)", ""]
    with translation.override("en"):
        for app in sorted(own, key=_place):
            lines.append(f"{apps.get_app_config(app.rsplit('.', 1)[1]).verbose_name}:")
            lines += [f"  {name.ljust(width)}  {line}" for name, line in own[app]]
            lines.append("")
    lines.append("Maintenance (Django and libraries):")
    row: list[str] = []
    for name in others:
        if len("  " + " ".join([*row, name])) > 100:
            lines.append("  " + " ".join(row))
            row = []
        row.append(name)
    if row:
        lines.append("  " + " ".join(row))
    return "\n".join(lines) + "\n"
