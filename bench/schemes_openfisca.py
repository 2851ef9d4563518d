"""The same hospital-stay rule in OpenFisca, run on the same events, for `make bench`.

OpenFisca is a benchmark-only dependency: it lives in its own environment (.venv-openfisca, pinned
by bench/openfisca/requirements.lock), created here when missing or stale, so that it can never
change a package of Sajja's. The events go to it through a .npz file; its amounts come back the same
way and must equal Sajja's to the satang, or the benchmark stops.
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
import venv
from pathlib import Path

import numpy as np

from sajja.schemes.batch import KIND_CODE, Batch

ROOT = Path(__file__).resolve().parent.parent
HERE = Path(__file__).resolve().parent / "openfisca"
LOCK = HERE / "requirements.lock"
VENV = ROOT / ".venv-openfisca"
PYTHON = VENV / "bin" / "python"
STAMP = VENV / "requirements.lock"  # a copy of the lock the environment was built from


def ensure_environment() -> Path:
    """.venv-openfisca's Python, creating or refreshing the environment from the lock file."""
    if PYTHON.exists() and STAMP.exists() and STAMP.read_text() == LOCK.read_text():
        return PYTHON
    print(f"creating {VENV.name} from {LOCK.relative_to(ROOT)} (OpenFisca, for the benchmark only)")
    if not PYTHON.exists():
        venv.create(VENV, with_pip=True)
    subprocess.run(
        [str(PYTHON), "-m", "pip", "install", "-q", "--disable-pip-version-check", "-r", str(LOCK)],
        check=True,
    )
    STAMP.write_text(LOCK.read_text())
    return PYTHON


def events_for_openfisca(batch: Batch, code: str = "hospital") -> dict[str, np.ndarray]:
    """The columns the OpenFisca rule reads, from a batch (day numbers; usage of benefit `code`)."""
    rows = np.arange(len(batch))
    return {
        "event_date": batch.date,
        "joined_on": batch.joined,
        "left_on": batch.left,
        "died_on": batch.died,
        "reinstated_on": batch.reinstated,
        "paid_through": batch.paid_through,
        "hospital_stay": batch.kind == KIND_CODE["hospital"],
        "hospital_nights": batch.nights,
        "hospital_nights_used": batch.used("nights", code, rows),
        "hospital_satang_used": batch.used("satang", code, rows),
    }


def run(batch: Batch, expected: np.ndarray) -> tuple[tuple[float, float], tuple[float, float]]:
    """(wall, CPU) seconds to build OpenFisca's simulations, and (wall, CPU) seconds to calculate.

    Raises AssertionError unless OpenFisca's amounts equal `expected` (Sajja's, in satang) everywhere.
    """
    python = ensure_environment()
    with tempfile.TemporaryDirectory(prefix="sajja-openfisca-") as folder:
        source, target = Path(folder) / "events.npz", Path(folder) / "answers.npz"
        np.savez(source, **events_for_openfisca(batch))
        subprocess.run([str(python), str(HERE / "run.py"), str(source), str(target)], check=True)
        with np.load(target) as answers:
            amounts = answers["amounts"]
            build, calculate = tuple(answers["build"].tolist()), tuple(answers["calculate"].tolist())
    differ = np.flatnonzero(amounts != expected)
    if amounts.shape != expected.shape or differ.size:
        first = differ[:5].tolist()
        raise AssertionError(
            f"OpenFisca and Sajja disagree on {differ.size:,} of {expected.size:,} events (first rows {first})"
        )
    return build, calculate


if __name__ == "__main__":
    print(ensure_environment(), file=sys.stderr)
