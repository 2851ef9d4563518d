"""Hashing rules of the chain, shared by appending and verifying."""

from __future__ import annotations

import hashlib
import json

# The object type of an event that records posted entries (its digest is `digest_of_entries`): verify
# requires such an event to still have its entries.
ENTRIES_OBJECT = "entries"


def digest_of(data) -> str:
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"), sort_keys=True, default=str)
    return hashlib.sha256(text.encode()).hexdigest()


def digest_of_entries(entry_digests: list[str]) -> str:
    """An event that records entries digests the list of their own digests, in id order."""
    return hashlib.sha256("\n".join(entry_digests).encode()).hexdigest()


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
    return hashlib.sha256("|".join(fields).encode()).hexdigest()
