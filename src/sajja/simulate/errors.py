"""The one error a projection raises for bad input: what is wrong, and where."""

from __future__ import annotations


class SimulationError(ValueError):
    """Bad input to a projection (a negative rate, an unknown benefit, too many paths...)."""
