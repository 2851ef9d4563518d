"""`sajja audit verify`: walk the chain and the books, report the first broken record.

Checks, in order: each event's keyed hash (HMAC under SAJJA_AUDIT_KEY) and its link to the one before,
and the event at the chain's head (so a deleted last event is found too); each entry's date, kind, memo,
key, reversed entry and lines against the digest recorded when it was posted, its period against its
date, each line's account against the entry's fund, and each entry's balance; each audit event against
the entries it recorded (and each entry against an event the chain holds, with the event's fund, actor
and time as its own); each account against the chart (a standard account as the template says, a
member's sub-account under its fund's control account, named and coded by its member); each account's
running totals against the sum of its lines; each control account against its member sub-accounts;
each receipt against the digest it was issued with, each fund's receipt numbers from 1 without gaps,
each event that issued receipts against them, and each cancellation against the event that recorded it.
Right after the chain (before the accounts that hang from members): each record of identity and money
outside the books (audit.records: persons, members with their
beneficiaries and status history, welfare claims with their approvals and evidence, month-end closes
with their standings and group summaries, closed months, PromptPay IDs) against the digest of the
latest event that wrote it: a record changed, a record no event wrote, and an event whose record is
gone are each named.

When one line's amount was changed, the entry no longer balances, and the amount that balances it again
reproduces the digest recorded at posting: that names the exact line and the amount it was posted with.

Everything streams in batches, and the checks are bounded by the chain's head as read when they start,
so verify runs beside writers without taking their appends for tampering.
"""

from __future__ import annotations

import hashlib
from collections import defaultdict
from collections.abc import Iterator
from itertools import groupby
from operator import itemgetter
from typing import NamedTuple

from sajja.audit.chain import (
    ENTRIES_OBJECT,
    RECEIPT_OBJECT,
    RECEIPTS_OBJECT,
    digest_of_entries,
    event_hash,
    parse_anchor,
)
from sajja.audit.models import GENESIS_HASH, AuditEvent, ChainHead
from sajja.audit.records import all_kinds, object_id_of, rows_with_digests
from sajja.core.ledger.chart import MEMBER_CONTRIBUTIONS, STANDARD_CHART, member_account_code
from sajja.core.ledger.records import AccountKind, Posting, entry_digest
from sajja.core.ledger.records import Entry as EntryRecord


class Finding(NamedTuple):
    record: str
    message: str


def verify_all(batch: int = 5000) -> list[Finding]:
    """Every problem found; the first one is the first broken record."""
    problems: list[Finding] = []
    # The records of identity and money come right after the chain: accounts, receipts and claims hang
    # from members, so a member changed is named as such, not as the account that no longer fits it.
    checks = (
        verify_chain,
        verify_records,
        verify_accounts,
        verify_entries,
        verify_account_totals,
        verify_control_accounts,
        verify_receipts,
    )
    batched = (verify_chain, verify_entries, verify_receipts, verify_records)
    for check in checks:
        problems.extend(check(batch) if check in batched else check())
        if problems:
            return problems
    return problems


def verify_anchor(anchor: str) -> list[Finding]:
    """An anchor kept outside Sajja (SEQ:HASH, as `sajja audit head` prints it): the chain still holds
    that event with that hash. A rewrite of the history before it, even by someone holding the chain's
    key, changes that event's hash (each hash covers the one before), or drops the event."""
    seq, digits = parse_anchor(anchor)
    event = AuditEvent.objects.filter(seq=seq).values_list("hash", flat=True).first()
    name = f"audit event #{seq}"
    if event is None:
        return [Finding(name, f"the anchor {anchor} names an event the chain does not hold")]
    if not event.startswith(digits):
        return [
            Finding(
                name,
                f"its hash begins {event[: len(digits)]}, not {digits} as the anchor kept outside says:"
                " the chain was rewritten",
            )
        ]
    return []


def _head() -> tuple[int, str]:
    """The chain's head as committed now: every event up to it is committed too (they commit together),
    so checks bounded by it are not fooled by writers appending while verify runs."""
    head = ChainHead.objects.filter(pk=1).first()
    return (head.last_seq, head.last_hash) if head else (0, GENESIS_HASH)


def verify_chain(batch: int = 5000) -> Iterator[Finding]:
    head_seq, head_hash = _head()
    prev = GENESIS_HASH
    expected_seq = 1
    for ev in AuditEvent.objects.order_by("seq").iterator(chunk_size=batch):
        name = f"audit event #{ev.seq}"
        if ev.seq != expected_seq:
            yield Finding(_event_range(expected_seq, ev.seq - 1), "missing from the chain")
        if ev.prev_hash != prev:
            yield Finding(name, "does not link to the event before it")
        h = event_hash(
            ev.prev_hash,
            ev.seq,
            ev.at,
            ev.actor_id,
            ev.action,
            ev.object_type,
            ev.object_id,
            ev.fund_id,
            ev.digest,
        )
        if h != ev.hash:
            yield Finding(name, "its content does not match its hash")
        elif ev.seq == head_seq and ev.hash != head_hash:
            yield Finding(name, "does not match the chain's head")
        prev, expected_seq = ev.hash, ev.seq + 1
    if head_seq >= expected_seq:
        yield Finding(_event_range(expected_seq, head_seq), "missing from the end of the chain")


def _event_range(first: int, last: int) -> str:
    return f"audit event #{first}" if first == last else f"audit events #{first}-#{last}"


def verify_entries(batch: int = 5000) -> Iterator[Finding]:
    """Each entry against its own digest and balance, then each event against the entries it recorded.

    Both passes stream in batches, so memory stays flat however large the books are.
    """
    yield from _verify_entry_digests(batch)
    yield from _verify_entry_events(batch)


def _verify_entry_digests(batch: int) -> Iterator[Finding]:
    from sajja.ledger.models import Entry, Line

    last_id = 0
    while True:
        entries = list(Entry.objects.filter(pk__gt=last_id).order_by("pk")[:batch])
        if not entries:
            break
        lines = defaultdict(list)
        funds = {}
        for line_id, entry_id, code, amount, fund_id in (
            Line.objects.filter(entry_id__gt=last_id, entry_id__lte=entries[-1].pk)
            .order_by("id")
            .values_list("id", "entry_id", "account__code", "amount", "account__fund_id")
        ):
            lines[entry_id].append((line_id, code, amount))
            funds[line_id] = fund_id
        last_id = entries[-1].pk
        for e in entries:
            own = lines[e.pk]
            record = EntryRecord(
                e.date, e.memo, tuple(Posting(c, a) for _, c, a in own), e.kind, e.idempotency_key
            )
            for line_id, code, _ in own:
                if funds[line_id] != e.fund_id:  # two equal lines swapped between funds keep their codes
                    yield Finding(
                        f"line #{line_id} of entry #{e.pk}",
                        f"its account {code} belongs to fund #{funds[line_id]}, not to the entry's fund #{e.fund_id}",
                    )
            if e.period != e.date.year * 100 + e.date.month:
                yield Finding(
                    f"entry #{e.pk}", f"its period {e.period} is not its date's ({e.date.isoformat()})"
                )
            if entry_digest(record, e.reverses_id) != e.digest:
                yield _changed_entry(e, own, record)
            if not record.is_balanced:
                yield Finding(f"entry #{e.pk}", f"does not balance (off by {record.total} satang)")


def _verify_entry_events(batch: int) -> Iterator[Finding]:
    """Merge the events (by seq) with the entries grouped by the event that recorded them: each such
    event still digests its entries, and an event of kind ENTRIES_OBJECT still has entries."""
    from sajja.ledger.models import Entry

    head_seq, _ = _head()  # later events and their entries may still be committing: the next run sees them
    events = AuditEvent.objects.filter(seq__lte=head_seq).order_by("seq")
    columns = ("seq", "digest", "object_type", "fund_id", "actor_id", "at")
    events = iter(events.values_list(*columns).iterator(chunk_size=batch))
    rows = Entry.objects.filter(audit_seq__lte=head_seq).order_by("audit_seq", "id")
    rows = rows.values_list("audit_seq", "digest", "id", "fund_id", "created_by_id", "created_at")
    event = next(events, None)
    for seq, grouped in groupby(rows.iterator(chunk_size=batch), key=itemgetter(0)):
        while event is not None and event[0] < seq:
            if event[2] == ENTRIES_OBJECT:
                yield Finding(f"audit event #{event[0]}", "the entries it recorded are missing")
            event = next(events, None)
        if event is None or event[0] != seq:
            yield Finding(f"audit event #{seq}", "recorded entries but is missing from the chain")
            continue
        group = list(grouped)
        # The entry's fund, author and time are the event's (the event's hash covers them).
        for _, _, pk, fund_id, author, created_at in group:
            for what, own, events_own in (
                ("fund", fund_id, event[3]),
                ("author", author, event[4]),
                ("creation time", created_at, event[5]),
            ):
                if own != events_own:
                    yield Finding(
                        f"entry #{pk}",
                        f"its {what} {own} is not that of audit event #{seq}, which recorded it",
                    )
        if event[1] != digest_of_entries([row[1] for row in group]):
            yield Finding(f"audit event #{seq}", "the entries it recorded have changed")
        event = next(events, None)
    while event is not None:
        if event[2] == ENTRIES_OBJECT:
            yield Finding(f"audit event #{event[0]}", "the entries it recorded are missing")
        event = next(events, None)
    # An entry naming an event past the head: legitimate if it committed since (its event and the head
    # commit with it), forged if it names an event past the head as read after seeing the entry.
    late = Entry.objects.filter(audit_seq__gt=head_seq).order_by("-audit_seq", "-id")
    late = list(late.values_list("pk", "audit_seq")[:batch])
    now_seq, _ = _head()
    for pk, seq in reversed(late):
        if seq > now_seq:
            yield Finding(f"entry #{pk}", f"names audit event #{seq}, which the chain does not hold")


def _changed_entry(entry, lines, record: EntryRecord) -> Finding:
    """Name the changed line if one line's amount was altered, else the entry with its line ids."""
    if record.total:
        for n, (line_id, code, amount) in enumerate(lines):
            posted = amount - record.total  # the amount that balances the entry again
            postings = record.postings[:n] + (Posting(code, posted),) + record.postings[n + 1 :]
            if entry_digest(record._replace(postings=postings), entry.reverses_id) == entry.digest:
                return Finding(
                    f"line #{line_id} of entry #{entry.pk}",
                    f"amount on account {code} is {amount} satang; {posted} satang was posted",
                )
    return Finding(f"entry #{entry.pk}" + _suspect_lines(lines), "its lines differ from what was posted")


def _suspect_lines(lines) -> str:
    return " (lines " + ", ".join(f"#{line_id}" for line_id, _, _ in lines) + ")" if lines else ""


def verify_account_totals() -> Iterator[Finding]:
    """Running totals equal the sum of the account's own lines (leaf accounts)."""
    from sajja.ledger.totals import totals_from_lines

    for pk, fund, code, debit, credit, d, c in totals_from_lines():
        if (debit, credit) != (d, c):
            yield Finding(
                f"account #{pk} ({fund} {code})",
                f"stored totals {debit}/{credit} differ from its lines {d}/{c}",
            )


def verify_control_accounts() -> Iterator[Finding]:
    """A control account's totals equal the sum of its sub-accounts (the member sub-ledger reconciles)."""
    from sajja.ledger.totals import totals_from_sub_accounts

    for pk, fund, code, debit, credit, d, c in totals_from_sub_accounts():
        if (debit, credit) != (d, c):
            yield Finding(
                f"account #{pk} ({fund} {code})",
                f"control totals {debit}/{credit} differ from its sub-ledger {d}/{c}",
            )


def verify_accounts() -> Iterator[Finding]:
    """Each account as the chart makes it: a standard account as its template says (name, kind, no
    parent, no member); a member's sub-account coded and named by its member, of the same fund, under
    the fund's control account. (Totals are checked against the lines next.)"""
    from sajja.ledger.models import Account

    templates = {t.code: t for t in STANDARD_CHART}
    controls = dict(Account.objects.filter(code=MEMBER_CONTRIBUTIONS).values_list("fund_id", "pk"))
    fields = ("code", "name_th", "name_en", "kind", "is_control", "parent", "member")
    rows = Account.objects.order_by("pk").values_list(
        "pk",
        "fund_id",
        "fund__code",
        *fields[:4],
        "is_control",
        "parent_id",
        "member_id",
        "member__fund_id",
        "member__number",
    )
    for pk, fund_id, fund_code, *actual, member_fund, number in rows.iterator(chunk_size=5000):
        code, member_id = actual[0], actual[6]
        name = f"account #{pk} ({fund_code} {code})"
        template = templates.get(code)
        if template is not None:
            expected = [
                code,
                template.name_th,
                template.name_en,
                str(template.kind),
                template.is_control,
                None,
                None,
            ]
        elif member_id is not None:
            if member_fund != fund_id:
                yield Finding(name, f"its member #{member_id} is not a member of its fund")
                continue
            expected = [
                member_account_code(number),
                f"สมาชิก {number}",
                f"Member {number}",
                str(AccountKind.INCOME),
                False,
                controls.get(fund_id),
                member_id,
            ]
        else:
            yield Finding(name, "is not an account of the chart (nor a member's sub-account)")
            continue
        if actual != expected:
            differ = ", ".join(f for f, a, b in zip(fields, actual, expected, strict=True) if a != b)
            yield Finding(name, f"differs from the chart in {differ}")


def verify_receipts(batch: int = 5000) -> Iterator[Finding]:
    """Each receipt against the digest it was issued with; each fund's numbers from 1 without gaps;
    each event that issued receipts (object "FUND:FIRST-LAST") against the digests of exactly those
    receipts; every receipt issued by such an event; each cancellation against the event that
    recorded it, and each such event against a receipt cancelled as it says."""
    from sajja.contributions.models import Receipt, cancellation_digest, receipt_prefix, receipt_tail

    head_seq, _ = _head()
    ranges: dict[int, list[tuple[int, int, int, str]]] = defaultdict(
        list
    )  # fund -> (first, last, seq, digest)
    events = AuditEvent.objects.filter(seq__lte=head_seq, object_type=RECEIPTS_OBJECT)
    for seq, object_id, digest in events.values_list("seq", "object_id", "digest").iterator(chunk_size=batch):
        fund, _, numbers = object_id.partition(":")
        first, _, last = numbers.partition("-")
        if not (fund.isdigit() and first.isdigit() and last.isdigit()):
            # written before receipts were digested (object "FUND"), or altered: named, never a crash
            yield Finding(f"audit event #{seq}", f"names receipts as {object_id!r}, not FUND:FIRST-LAST")
            continue
        ranges[int(fund)].append((int(first), int(last), seq, digest))
    for spans in ranges.values():
        spans.sort()
    columns = ["pk", "fund_id", "fund__code", "number", "digest", "received_by_id", "received_by_name"]
    columns += [
        "issued_at",
        "member_id",
        "paid_on",
        "amount",
        "channel",
        "purpose",
        "book_number",
        "entry_id",
    ]
    rows = Receipt.objects.order_by("fund_id", "number").values_list(*columns)
    uncovered: list[tuple[int, str, int]] = []  # receipts no event (up to the head) issued: maybe later
    for fund_id, receipts in groupby(rows.iterator(chunk_size=batch), key=itemgetter(1)):
        spans_left = iter(ranges.pop(fund_id, []))
        span, expected = next(spans_left, None), 1
        sealed: list[str] = []  # the digests of the span's receipts so far
        for (
            pk,
            _,
            code,
            number,
            digest,
            by,
            by_name,
            at,
            member,
            paid_on,
            amount,
            channel,
            purpose,
            book,
            entry,
        ) in receipts:
            name = f"receipt #{pk} ({code} no. {number})"
            if number > expected:
                yield Finding(
                    _receipt_range(code, expected, number - 1), "missing: receipt numbers run without gaps"
                )
            expected = number + 1
            own = hashlib.sha256(
                receipt_prefix(fund_id, by, by_name, at)
                + receipt_tail(number, member, paid_on, amount, channel, purpose, book, entry)
            ).hexdigest()
            if own != digest:
                yield Finding(name, "differs from the receipt as issued (its digest)")
            while span is not None and span[1] < number:  # a span ended without its last receipts
                yield from _close_span(code, span, sealed, complete=False)
                span, sealed = next(spans_left, None), []
            if span is None or number < span[0]:
                uncovered.append((pk, name, number))
                continue
            sealed.append(digest)
            if number == span[1]:
                yield from _close_span(code, span, sealed, complete=True)
                span, sealed = next(spans_left, None), []
        while span is not None:
            yield from _close_span(code, span, sealed, complete=False)
            span, sealed = next(spans_left, None), []
    for fund_id, spans in ranges.items():  # events whose fund has no receipt left at all
        for first, last, seq, _ in spans:
            yield Finding(
                f"audit event #{seq}",
                f"the receipts it issued (fund #{fund_id} nos. {first}-{last}) are missing",
            )
    if uncovered:
        now_seq, _ = _head()  # an import that committed since verify began is the next run's to check
        later = AuditEvent.objects.filter(
            seq__gt=head_seq, seq__lte=now_seq, object_type=RECEIPTS_OBJECT
        ).exists()
        if not later:
            for _, name, _ in uncovered:
                yield Finding(name, "no audit event issued it")
    yield from _verify_cancellations(batch, head_seq, cancellation_digest)


def _receipt_range(code: str, first: int, last: int) -> str:
    return f"receipt no. {first} of {code}" if first == last else f"receipts nos. {first}-{last} of {code}"


def _close_span(code, span, sealed: list[str], complete: bool) -> Iterator[Finding]:
    first, last, seq, digest = span
    if not complete and first + len(sealed) <= last:  # its last numbers are gone (the fund's last ones)
        yield Finding(
            _receipt_range(code, first + len(sealed), last), "missing: receipt numbers run without gaps"
        )
    if not complete or digest_of_entries(sealed) != digest:
        yield Finding(
            f"audit event #{seq}", f"the receipts it issued ({code} nos. {first}-{last}) have changed"
        )


def _verify_cancellations(batch: int, head_seq: int, cancellation_digest) -> Iterator[Finding]:
    from django.db.models import Q

    from sajja.contributions.models import Receipt

    events = AuditEvent.objects.filter(seq__lte=head_seq, object_type=RECEIPT_OBJECT)
    recorded: dict[str, tuple[int, str]] = {
        object_id: (seq, digest)
        for seq, object_id, digest in events.values_list("seq", "object_id", "digest").iterator(
            chunk_size=batch
        )
    }
    marked = Receipt.objects.filter(
        Q(cancelled_on__isnull=False) | Q(cancel_entry__isnull=False) | ~Q(cancel_reason="")
    ).select_related("fund")
    for receipt in marked.order_by("pk").iterator(chunk_size=batch):
        name = f"receipt #{receipt.pk} ({receipt.fund.code} no. {receipt.number})"
        event = recorded.pop(str(receipt.pk), None)
        if event is None:
            if receipt.cancel_entry_id is not None and receipt.cancel_entry.audit_seq > head_seq:
                continue  # cancelled since verify began: the next run checks it
            yield Finding(name, "is marked cancelled, but no audit event recorded its cancellation")
        elif cancellation_digest(receipt) != event[1]:
            yield Finding(name, f"its cancellation differs from what audit event #{event[0]} recorded")
    for object_id, (seq, _) in sorted(recorded.items(), key=lambda item: item[1]):
        yield Finding(f"receipt #{object_id}", f"audit event #{seq} recorded its cancellation, which is gone")


def verify_records(batch: int = 5000) -> Iterator[Finding]:
    """Each record of audit.records.all_kinds() against the latest event that wrote it (up to the chain's head
    as read when the check starts), merged in object id order: both sides stream in batches."""
    from sajja.registry.models import Fund

    codes = dict(Fund.objects.values_list("pk", "code"))
    head_seq, _ = _head()
    for kind in all_kinds():
        found = list(_verify_kind(kind, min(batch, kind.batch), head_seq, codes))
        yield from _settled(kind, found, head_seq)


def _order(object_id: str) -> tuple[int, str]:
    """Object ids of whole numbers compare as numbers (shorter first), as the database orders them."""
    return len(object_id), object_id


def _latest_events(kind, head_seq: int, batch: int) -> Iterator[tuple[str, int, str]]:
    """(object id, seq, digest) of the latest event of each object of the kind, in `_order`."""
    from django.db import connection
    from django.db.models.functions import Collate, Length

    events = AuditEvent.objects.filter(object_type=kind.object_type, seq__lte=head_seq)
    if kind.object_id is not None:  # not ids of whole numbers: few (a fund's months), sorted here
        rows = sorted(events.values_list("object_id", "seq", "digest"), key=lambda r: (_order(r[0]), r[1]))
    else:
        text = Collate("object_id", "C") if connection.vendor == "postgresql" else "object_id"
        rows = events.order_by(Length("object_id"), text, "seq").values_list("object_id", "seq", "digest")
        rows = rows.iterator(chunk_size=batch)
    for _, same in groupby(rows, key=itemgetter(0)):
        *_, last = same
        yield last


def _records(kind, batch: int, codes) -> Iterator[tuple[str, str, str]]:
    """(object id, name, digest) of each record of the kind as stored, in `_order`."""
    model = kind.get_model()
    if kind.object_id is not None:
        rows = rows_with_digests(kind, model.objects.order_by("pk"))
        named = [(object_id_of(kind, r), kind.label(r["pk"], r, codes), d) for r, d in rows]
        yield from sorted(named, key=lambda r: _order(r[0]))
        return
    last = None
    while True:
        rows = model.objects.order_by(kind.key)
        if last is not None:
            rows = rows.filter(**{f"{kind.key}__gt": last})
        found = rows_with_digests(kind, rows, limit=batch, by_range=kind.key == "pk")
        if not found:
            return
        for row, digest in found:
            yield object_id_of(kind, row), kind.label(row["pk"], row, codes), digest
        last = found[-1][0][kind.key]


def _verify_kind(kind, batch: int, head_seq: int, codes) -> Iterator[tuple[str, Finding]]:
    """(object id, problem): a record changed since its latest event, a record no event wrote, an event
    whose record is gone."""
    events = _latest_events(kind, head_seq, batch)
    event = next(events, None)
    for object_id, name, digest in _records(kind, batch, codes):
        while event is not None and _order(event[0]) < _order(object_id):
            yield event[0], _gone(kind, event, codes)
            event = next(events, None)
        if event is not None and event[0] == object_id:
            if event[2] != digest:
                yield object_id, Finding(name, f"changed since audit event #{event[1]} recorded it")
            event = next(events, None)
        else:
            yield object_id, Finding(name, "no audit event recorded it")
    while event is not None:
        yield event[0], _gone(kind, event, codes)
        event = next(events, None)


def _gone(kind, event, codes) -> Finding:
    object_id, seq, _ = event
    if kind.object_id is not None:  # FUND:PERIOD
        fund, _, period = object_id.partition(":")
        name = (
            f"{kind.noun} {codes.get(int(fund), fund) if fund.isdigit() else fund} {period[:4]}-{period[4:]}"
        )
    elif kind.key == "fund_id":
        name = f"{kind.noun} {codes.get(int(object_id), object_id)}"
    else:
        name = f"{kind.noun} #{object_id}"
    return Finding(name, f"audit event #{seq} recorded it, and it is gone")


def _settled(kind, found: list[tuple[str, Finding]], head_seq: int) -> Iterator[Finding]:
    """The problems, less those of records written since the check began (their events are past the
    head it read, and committed with them: the next run checks them)."""
    if not found:
        return
    now_seq, _ = _head()
    later: set[str] = set()
    if now_seq > head_seq:
        ids = sorted({object_id for object_id, _ in found})
        for start in range(0, len(ids), 900):
            later.update(
                AuditEvent.objects.filter(
                    object_type=kind.object_type,
                    seq__gt=head_seq,
                    seq__lte=now_seq,
                    object_id__in=ids[start : start + 900],
                ).values_list("object_id", flat=True)
            )
    for object_id, problem in found:
        if object_id not in later:
            yield problem
