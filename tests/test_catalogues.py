"""Every Thai catalogue of Sajja (the project's and each area's) translates every message it holds.

A missing or fuzzy translation would show English on a Thai screen; a placeholder lost or renamed in
translation would break the page at run time. One test per catalogue, found on disk, so a new area's
catalogue is checked without being listed here.
"""

from __future__ import annotations

import re
from pathlib import Path

import polib
import pytest

import sajja

ROOT = Path(sajja.__file__).parent
CATALOGUES = sorted(ROOT.glob("**/locale/th/LC_MESSAGES/django.po"))
PLACEHOLDER = re.compile(r"%\(\w+\)[-+ #0.\d]*[sdif]")


def placeholders(text: str) -> list[str]:
    return sorted(PLACEHOLDER.findall(text))


def test_every_area_with_pages_has_a_thai_catalogue():
    areas = {p.relative_to(ROOT).parts[0] for p in CATALOGUES}
    assert {"locale", "welfare", "contributions", "meetings", "sustainability"} <= areas


@pytest.mark.parametrize("path", CATALOGUES, ids=lambda p: str(p.relative_to(ROOT)))
def test_the_thai_catalogue_translates_every_message(path):
    catalogue = polib.pofile(str(path))
    assert catalogue.metadata["Plural-Forms"].startswith("nplurals=1;")
    entries = [e for e in catalogue if not e.obsolete]
    assert entries
    assert [e.msgid for e in entries if not e.translated() or e.fuzzy] == []
    for e in entries:
        for text in [e.msgstr, *e.msgstr_plural.values()]:
            if text:
                assert placeholders(text) == placeholders(e.msgid), e.msgid
