"""Run as a script (`python beancount_totals.py FILE`), outside the app: load a ledger with beancount 3
and print, as JSON, what beancount itself read from it.

{"errors": [...], "accounts": {name: {"meta": {...}, "debit": satang, "credit": satang}},
 "transactions": [{"narration": ..., "meta": {...}, "postings": [[account, satang], ...]}]}
"""

import json
import sys
from decimal import Decimal

from beancount import loader
from beancount.core import data


def main(path: str) -> None:
    entries, errors, _ = loader.load_file(path)
    accounts: dict[str, dict] = {}
    transactions = []
    for entry in entries:
        if isinstance(entry, data.Open):
            meta = {
                k: v
                for k, v in entry.meta.items()
                if k not in ("filename", "lineno") and not k.startswith("__")
            }
            accounts[entry.account] = {"meta": meta, "debit": 0, "credit": 0}
        elif isinstance(entry, data.Transaction):
            postings = []
            for p in entry.postings:
                satang = int(p.units.number * Decimal(100))
                assert p.units.currency == "THB"
                side = "debit" if satang > 0 else "credit"
                accounts[p.account][side] += abs(satang)
                postings.append([p.account, satang])
            meta = {
                k: v
                for k, v in entry.meta.items()
                if k not in ("filename", "lineno") and not k.startswith("__")
            }
            transactions.append(
                {
                    "date": entry.date.isoformat(),
                    "narration": entry.narration,
                    "meta": meta,
                    "postings": postings,
                }
            )
    print(
        json.dumps(
            {"errors": [str(e.message) for e in errors], "accounts": accounts, "transactions": transactions},
            ensure_ascii=False,
        )
    )


if __name__ == "__main__":
    main(sys.argv[1])
