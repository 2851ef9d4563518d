"""The access policy of each area of Sajja, one module each (welfare.py, contributions.py, ...).

A module here defines RULES (rows of the policy, see tests/access/policy.py) and RECIPES (how the
matrix asks for each of its routes, see tests/access/asking.py). Both are picked up automatically.
"""

from __future__ import annotations

import importlib
import pkgutil
from types import ModuleType


def all_areas() -> list[ModuleType]:
    return [importlib.import_module(f"{__name__}.{m.name}") for m in pkgutil.iter_modules(__path__)]
