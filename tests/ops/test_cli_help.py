"""`sajja --help` opens on Sajja's own commands, by area with a line each; Django's come last."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

SAJJA = Path(sys.executable).with_name("sajja")


def test_help_lists_sajjas_commands_by_area_before_djangos():
    shown = subprocess.run([SAJJA, "--help"], capture_output=True, text=True, check=True).stdout
    contributions = shown.index("Contributions:")
    assert shown.index("  pay ") > contributions
    assert "Record one payment and print its receipt" in shown
    assert shown.index("Welfare:") < shown.index("Maintenance (Django and libraries):")
    maintenance = shown.index("Maintenance (Django and libraries):")
    for own in ("close-month", "scheme", "audit", "token", "sweep"):
        assert shown.index(f"  {own} ") < maintenance
    for django_command in ("migrate", "createsuperuser", "axes_reset"):
        assert shown.index(django_command) > maintenance


def test_a_commands_own_help_is_still_djangos():
    shown = subprocess.run([SAJJA, "help", "close-month"], capture_output=True, text=True, check=True).stdout
    assert "--period PERIOD" in shown
