"""Hashing rules of the chain, shared by appending and verifying.

Each event's hash is an HMAC-SHA-256 under the chain key (SAJJA_AUDIT_KEY), a secret kept outside the
database: whoever can write the database file but does not hold the key cannot recompute the hashes
after changing what an event records. The digests of the data written are plain SHA-256 (their
canonical forms are public); the keyed event hashes cover them. A copy of the head kept outside Sajja
(an anchor: printed on minutes and month-end close reports, `sajja audit head`) catches even a rewrite
by someone who holds the key.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import re

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

# The object type of an event that records posted entries (its digest is `digest_of_entries`): verify
# requires such an event to still have its entries.
ENTRIES_OBJECT = "entries"
# The object type of an event that records issued receipts: its object id is "FUND:FIRST-LAST" (the
# fund's receipt numbers it issued) and its digest `digest_of_entries` of the receipts' digests.
RECEIPTS_OBJECT = "receipts"
# The object type of the event that records a receipt's cancellation (object id: the receipt's id).
RECEIPT_OBJECT = "receipt"
ANCHOR_HEX = 16  # hex digits of the hash an anchor carries (64 bits: no forger finds a match)


def digest_of(data) -> str:
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"), sort_keys=True, default=str)
    return hashlib.sha256(text.encode()).hexdigest()


def digest_of_entries(entry_digests: list[str]) -> str:
    """An event that records entries digests the list of their own digests, in id order."""
    return hashlib.sha256("\n".join(entry_digests).encode()).hexdigest()


def chain_key() -> bytes:
    key = getattr(settings, "SAJJA_AUDIT_KEY", "")
    if not key:
        raise ImproperlyConfigured("SAJJA_AUDIT_KEY (the audit chain's HMAC key) is not set")
    return key.encode()


def event_hash(prev_hash, seq, at, actor_id, action, object_type, object_id, fund_id, digest) -> str:
    fields = [
        prev_hash,
        str(seq),
        at.isoformat(),
        str(actor_id or ""),
        action,
        object_type,
        str(object_id),
        str(fund_id or ""),
        digest,
    ]
    return hmac.new(chain_key(), "|".join(fields).encode(), hashlib.sha256).hexdigest()


def anchor_text(seq: int, hash_: str) -> str:
    """The head as a network keeps it: the event's number and the first 16 hex digits of its hash,
    in groups of four to be read aloud or copied by hand, e.g. `1234:3f2a-9c1d-7b6e-4f05`."""
    short = hash_[:ANCHOR_HEX]
    return f"{seq}:" + "-".join(short[i : i + 4] for i in range(0, len(short), 4))


_ANCHOR = re.compile(r"^#?\s*(\d+)\s*[:/ ]\s*([0-9a-fA-F][0-9a-fA-F \-]*)$")


def parse_anchor(text: str) -> tuple[int, str]:
    """SEQ:HASH as printed (groups, spaces and dashes allowed; 16 to 64 hex digits). ValueError if not."""
    match = _ANCHOR.match(text.strip())
    digits = re.sub(r"[ \-]", "", match.group(2)).lower() if match else ""
    if not match or not (ANCHOR_HEX <= len(digits) <= 64):
        raise ValueError(
            f"an anchor is SEQ:HASH, the event's number and at least {ANCHOR_HEX} hex digits of its hash"
            f" (as `sajja audit head` prints it), not {text!r}"
        )
    return int(match.group(1)), digits
