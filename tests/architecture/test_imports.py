"""What the import contracts (.importlinter, run by `make lint`) cannot say: no file takes another's private
(_underscore) name, and no command is imported by anything else (a helper two commands share lives in a
module of its own)."""

from __future__ import annotations

import ast
from pathlib import Path

import sajja

SRC = Path(sajja.__file__).parent


def imports():
    for path in sorted(SRC.rglob("*.py")):
        if "migrations" in path.parts:
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("sajja"):
                yield path.relative_to(SRC), node.module, [alias.name for alias in node.names]


def test_no_file_takes_another_files_private_name():
    taken = [
        f"{path}: from {module} import {name}"
        for path, module, names in imports()
        for name in names
        if name.startswith("_") and not name.startswith("__")
    ]
    assert taken == []


def test_no_command_is_imported():
    taken = [f"{path}: from {module}" for path, module, _ in imports() if ".management.commands" in module]
    assert taken == []


def test_the_checks_see_the_imports():
    assert any(module == "sajja.core.errors" for _, module, _ in imports())
