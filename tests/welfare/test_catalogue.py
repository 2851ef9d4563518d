"""The welfare area's own Thai catalogue translates every message, and its docstring examples run."""

from __future__ import annotations

import doctest
import importlib
import re
from pathlib import Path

import polib
import pytest

import sajja.welfare

CATALOGUE = Path(sajja.welfare.__file__).parent / "locale/th/LC_MESSAGES/django.po"


def test_the_thai_catalogue_translates_every_message():
    catalogue = polib.pofile(str(CATALOGUE))
    assert catalogue.metadata["Plural-Forms"].startswith("nplurals=1;")
    entries = [e for e in catalogue if not e.obsolete]
    assert [e.msgid for e in entries if not e.translated() or e.fuzzy] == []
    for e in entries:
        assert re.findall(r"%\(\w+\)s", e.msgstr) == re.findall(r"%\(\w+\)s", e.msgid), e.msgid


@pytest.mark.parametrize(
    "module",
    [
        "sajja.welfare.describe",
        "sajja.welfare.drafting",
        "sajja.welfare.evidence",
        "sajja.welfare.payout",
        "sajja.welfare.pensions",
        "sajja.welfare.reasons",
        "sajja.welfare.services",
        "sajja.welfare.management.commands.scheme",
    ],
)
def test_docstring_examples(module):
    failed, _ = doctest.testmod(importlib.import_module(module), optionflags=doctest.ELLIPSIS)
    assert failed == 0
