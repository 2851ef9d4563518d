"""The co-funding area's docstring examples run (its catalogue: tests/test_catalogues.py)."""

from __future__ import annotations

import doctest
import importlib

import pytest


@pytest.mark.parametrize(
    "module",
    [
        "sajja.cofunding.books",
        "sajja.cofunding.reasons",
        "sajja.cofunding.records",
        "sajja.cofunding.sources",
        "sajja.cofunding.writing",
    ],
)
def test_docstring_examples(module):
    failed, _ = doctest.testmod(importlib.import_module(module), optionflags=doctest.ELLIPSIS)
    assert failed == 0
