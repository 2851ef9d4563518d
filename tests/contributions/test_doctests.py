"""The contributions area's docstring examples run (its catalogue: tests/test_catalogues.py)."""

from __future__ import annotations

import doctest
import importlib

import pytest


@pytest.mark.parametrize(
    "module",
    [
        "sajja.contributions.collection",
        "sajja.contributions.exports",
        "sajja.contributions.report_rows",
        "sajja.contributions.words",
        "sajja.contributions.reading",
    ],
)
def test_docstring_examples(module):
    failed, _ = doctest.testmod(importlib.import_module(module), optionflags=doctest.ELLIPSIS)
    assert failed == 0
