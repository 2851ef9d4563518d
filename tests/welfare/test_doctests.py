"""The welfare area's docstring examples run (its catalogue: tests/test_catalogues.py)."""

from __future__ import annotations

import doctest
import importlib

import pytest


@pytest.mark.parametrize(
    "module",
    [
        "sajja.welfare.describe",
        "sajja.welfare.drafting",
        "sajja.welfare.claims.evidence",
        "sajja.welfare.claims.payout",
        "sajja.welfare.pensions.services",
        "sajja.welfare.reasons",
        "sajja.welfare.services",
        "sajja.welfare.management.commands.scheme",
    ],
)
def test_docstring_examples(module):
    failed, _ = doctest.testmod(importlib.import_module(module), optionflags=doctest.ELLIPSIS)
    assert failed == 0
