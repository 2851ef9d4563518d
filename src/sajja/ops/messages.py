"""`python -m sajja.ops.messages`: compile the translations (.po -> .mo) with polib: the project's
catalogue (sajja/locale) and each area's own (sajja/<area>/locale).

Compiled catalogues are build output and are not committed; this needs no GNU gettext.
"""

from pathlib import Path

import polib

PACKAGE = Path(__file__).resolve().parent.parent


def compile_all() -> list[Path]:
    written = []
    for po_path in sorted(PACKAGE.glob("**/locale/*/LC_MESSAGES/*.po")):
        mo_path = po_path.with_suffix(".mo")
        if not mo_path.exists() or mo_path.stat().st_mtime < po_path.stat().st_mtime:
            polib.pofile(str(po_path)).save_as_mofile(str(mo_path))
            written.append(mo_path)
    return written


if __name__ == "__main__":
    for path in compile_all():
        print(f"compiled {path.relative_to(PACKAGE)}")
