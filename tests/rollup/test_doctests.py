"""The examples in the roll-up's docstrings run (the suite runs the pure layer's by itself)."""

from __future__ import annotations

import doctest

import pytest

from sajja.rollup import books, figures


@pytest.mark.parametrize("module", [figures, books])
def test_the_docstring_examples_hold(module):
    assert doctest.testmod(module).failed == 0
