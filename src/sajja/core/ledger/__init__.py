"""The ledger's records and checks, in plain Python (beancount's core is the model).

Records carry data; check functions find problems and return them as values. Django only stores them.
"""

from sajja.core.ledger.checks import CHECKS, LedgerContext, check_entry
from sajja.core.ledger.records import AccountKind, Entry, Posting, entry_digest

__all__ = [
    "CHECKS",
    "AccountKind",
    "Entry",
    "LedgerContext",
    "Posting",
    "check_entry",
    "entry_digest",
]
