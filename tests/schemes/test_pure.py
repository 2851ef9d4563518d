"""The scheme package is pure domain code: no Django, so the projection engine can use it anywhere."""

from __future__ import annotations

import pkgutil
import re
import subprocess
import sys
from pathlib import Path

import sajja.schemes

PACKAGE = Path(sajja.schemes.__file__).parent


def test_no_module_imports_django():
    imports = re.compile(r"^\s*(import|from)\s+django\b", re.MULTILINE)
    offenders = [p.name for p in PACKAGE.rglob("*.py") if imports.search(p.read_text(encoding="utf-8"))]
    assert offenders == []


def test_importing_every_module_loads_no_django():
    modules = [f"sajja.schemes.{m.name}" for m in pkgutil.iter_modules([str(PACKAGE)])]
    assert len(modules) >= 15
    code = (
        "import sys\n"
        + "".join(f"import {m}\n" for m in modules)
        + (
            "bad = sorted(m for m in sys.modules if m == 'django' or m.startswith('django.'))\n"
            "print(bad)\nraise SystemExit(1 if bad else 0)\n"
        )
    )
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False)
    assert run.returncode == 0, run.stdout + run.stderr


def test_modules_stay_small():
    sizes = {p.name: len(p.read_text(encoding="utf-8").splitlines()) for p in PACKAGE.glob("*.py")}
    assert max(sizes.values()) <= 300, sizes
