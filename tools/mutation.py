"""Mutation testing (`make mutation`): do the tests notice when the code is wrong?

mutmut (configured in pyproject.toml's [tool.mutmut]) makes many small wrong versions ("mutants") of each
module listed there: a `<=` made `<`, a `+` made `-`, a check removed, a message changed. For each
mutant it runs the selected tests that reach the mutated function; a mutant the tests still pass
"survives". Every survivor must be listed, with the reason it changes nothing a user could see, in
tests/mutation/equivalent.yaml; any other survivor fails the run, and is a test still to write.

    python tools/mutation.py                  # every module, from a clean mutants/ folder
    python tools/mutation.py sajja.core.money # one module (its mutants only)
    python tools/mutation.py --keep           # reuse mutants/ (mutmut's own cache) from the last run

A survivor is matched to the list by its function and the lines the mutation changed, not by mutmut's
mutant number, which shifts whenever the module is edited.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import time
import tomllib
from pathlib import Path
from typing import NamedTuple

import yaml

ROOT = Path(__file__).resolve().parent.parent
EQUIVALENT = ROOT / "tests" / "mutation" / "equivalent.yaml"
WORK = ROOT / "mutants"
# What mutmut's exit codes mean for us: only these are a mutant the tests caught.
CAUGHT = {"killed", "timeout", "caught by type check"}


class Mutant(NamedTuple):
    name: str  # mutmut's name: sajja.core.money.x_parse_baht__mutmut_7
    status: str  # killed, survived, no tests, timeout, ...
    function: str  # sajja.core.money.parse_baht, sajja.core.ledger.checks.BatchChecker.__call__
    was: str  # the lines the mutation removed, whitespace collapsed
    now: str  # the lines it put in their place


def modules() -> dict[str, str]:
    """Dotted module name -> source path, for every module pyproject.toml asks to mutate."""
    config = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))["tool"]["mutmut"]
    found = {}
    for path in config["only_mutate"]:
        dotted = Path(path).with_suffix("").parts
        found[".".join(dotted[1:] if dotted[0] == "src" else dotted)] = path
    return found


def function_of(name: str) -> str:
    """sajja.core.ledger.checks.xǁBatchCheckerǁ__call____mutmut_3 -> sajja.core.ledger.checks.BatchChecker.__call__"""
    module, _, mangled = name.partition("__mutmut_")[0].rpartition(".")
    if "ǁ" in mangled:
        _, cls, method = mangled.split("ǁ")
        return f"{module}.{cls}.{method}"
    return f"{module}.{mangled.removeprefix('x_')}"


def _lines(diff: str, sign: str) -> str:
    picked = [
        line[1:] for line in diff.splitlines() if line.startswith(sign) and not line.startswith(sign * 3)
    ]
    return " ".join(" ".join(picked).split())


def results(path: str) -> list[Mutant]:
    """Every mutant of one module with what became of it (from mutmut's .meta file)."""
    from mutmut.mutation.diff_apply import get_diff_for_mutant
    from mutmut.stats import status_by_exit_code

    meta = json.loads((WORK / f"{path}.meta").read_text("utf-8"))["exit_code_by_key"]
    found = []
    for name, code in sorted(meta.items()):
        status = status_by_exit_code[code]
        was = now = ""
        if status not in CAUGHT:
            diff = get_diff_for_mutant(name, path=path)
            was, now = _lines(diff, "-"), _lines(diff, "+")
        found.append(Mutant(name, status, function_of(name), was, now))
    return found


def equivalents() -> list[dict[str, str]]:
    """The listed equivalent mutants: each with `in` (the function), `was`, `now` and `why`."""
    listed = yaml.safe_load(EQUIVALENT.read_text("utf-8")) or []
    for entry in listed:
        missing = {"in", "was", "now", "why"} - set(entry)
        if missing or not str(entry["why"]).strip():
            raise SystemExit(f"{EQUIVALENT}: an entry lacks {sorted(missing) or ['a reason']}: {entry}")
    return listed


def _same(entry: dict[str, str], mutant: Mutant) -> bool:
    def norm(text):
        return " ".join(str(text).split())

    return (entry["in"], norm(entry["was"]), norm(entry["now"])) == (mutant.function, mutant.was, mutant.now)


def run_module(module: str, children: int) -> float:
    """Run mutmut over one module's mutants; its output goes to mutants/<module>.log. Returns seconds."""
    start = time.monotonic()
    log = WORK / f"{module}.log"
    WORK.mkdir(exist_ok=True)
    with log.open("w") as out:
        done = subprocess.run(
            [
                str(Path(sys.executable).parent / "mutmut"),
                "run",
                "--max-children",
                str(children),
                f"{module}.*",
            ],
            cwd=ROOT,
            stdout=out,
            stderr=subprocess.STDOUT,
            check=False,
        )
    if done.returncode != 0:
        tail = log.read_text("utf-8", errors="replace").replace("\r", "\n").splitlines()[-30:]
        raise SystemExit(
            f"mutmut failed on {module} (exit {done.returncode}); the end of {log}:\n" + "\n".join(tail)
        )
    return time.monotonic() - start


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("modules", nargs="*", help="dotted module names (default: every one configured)")
    parser.add_argument("--keep", action="store_true", help="reuse mutants/ from the last run")
    parser.add_argument("--children", type=int, default=os.cpu_count() or 2, help="mutants run at once")
    args = parser.parse_args(argv)

    configured = modules()
    chosen = args.modules or list(configured)
    unknown = set(chosen) - set(configured)
    if unknown:
        parser.error(f"not configured in [tool.mutmut] only_mutate: {', '.join(sorted(unknown))}")
    os.chdir(ROOT)
    if not args.keep and WORK.exists():
        shutil.rmtree(WORK)

    listed = equivalents()
    used: set[int] = set()
    unexplained: list[Mutant] = []
    print(f"{'module':<36} {'mutants':>7} {'killed':>7} {'equiv.':>7} {'other':>7} {'seconds':>8}")
    for module in chosen:
        seconds = run_module(module, args.children)
        mutants = results(configured[module])
        equivalent = 0
        for mutant in mutants:
            if mutant.status in CAUGHT:
                continue
            match = next((i for i, entry in enumerate(listed) if _same(entry, mutant)), None)
            if match is None:
                unexplained.append(mutant)
            else:
                used.add(match)
                equivalent += 1
        caught = sum(m.status in CAUGHT for m in mutants)
        other = len(mutants) - caught - equivalent
        print(
            f"{module:<36} {len(mutants):>7} {caught:>7} {equivalent:>7} {other:>7} {seconds:>8.0f}",
            flush=True,
        )

    stale = [
        entry for i, entry in enumerate(listed) if i not in used and entry["in"].startswith(tuple(chosen))
    ]
    for entry in stale:
        print(f"\nlisted as equivalent but no such survivor (killed now, or the code changed): {entry['in']}")
        print(f"    was: {entry['was']}\n    now: {entry['now']}")
    for mutant in unexplained:
        print(f"\n{mutant.status}: {mutant.name}  (show it: mutmut show {mutant.name})")
        print(f"    in:  {mutant.function}\n    was: {mutant.was}\n    now: {mutant.now}")
    if unexplained:
        print(
            f"\n{len(unexplained)} mutant(s) the tests do not catch: write the test that would, or list the mutant"
        )
        print(f"in {EQUIVALENT.relative_to(ROOT)} with the reason it changes nothing.")
        return 1
    if stale:
        print(f"\nremove the stale entries above from {EQUIVALENT.relative_to(ROOT)}.")
        return 1
    print("\nevery mutant is caught by a test or listed as equivalent.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
