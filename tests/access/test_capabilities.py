"""The one capability registry: every right an area asks about is registered once, by its own area."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from sajja.access.capabilities import ALL, AlreadyRegistered, Capability, register, registered

SRC = Path(__file__).resolve().parents[2] / "src" / "sajja"
ASKED = re.compile(r"""\b(?:require|may|can)\(\s*[\w.]+,\s*[\w.]+,\s*["']([a-z_]+)["']""")


def test_a_right_cannot_be_registered_twice():
    before = dict(registered())
    with pytest.raises(AlreadyRegistered, match="view_books"):
        register(Capability("view_books", ALL))
    with pytest.raises(AlreadyRegistered, match="brand_new_right"):
        register(Capability("brand_new_right", ALL), Capability("brand_new_right", ALL))
    assert dict(registered()) == before  # a refused registration adds nothing, not even the new name


def test_every_right_the_code_asks_about_is_registered():
    asked = {name for path in SRC.rglob("*.py") for name in ASKED.findall(path.read_text(encoding="utf-8"))}
    assert {"view_books", "approve_claims", "manage_meetings", "request_projection"} <= asked
    assert asked - set(registered()) == set()


def test_each_area_registers_its_own_rights():
    from django.apps import apps

    owners = {
        "view_members": "registry",
        "post_entries": "ledger",
        "approve_claims": "welfare",
        "manage_meetings": "meetings",
        "view_projection": "sustainability",
    }
    for name, area in owners.items():
        source = Path(apps.get_app_config(area).path, "apps.py").read_text(encoding="utf-8")
        assert f'"{name}"' in source, f"{name} is not registered by {area}"
