"""Rules another area sets on what the books accept, judged on the one posting path.

The books check what every entry must be (balanced, whole satang, known accounts, open months). Some rules
belong to another area but must hold for every entry however it is posted (a form, the API, an import): the
fund's limit on administration costs is one (sajja.cofunding.admin_cost). An area registers a guard from its
AppConfig.ready(); `post_entries` asks each guard about the call's new entries (never about a retry of an
entry already posted, which gets its first answer), inside the write's transaction:

- `concerns(entries)` says cheaply whether the guard has anything to judge (a bulk post of contributions
  touches no account a guard watches, and is not slowed);
- `judge(actor, fund, entries, authorised_by)` refuses (raises a DomainError, nothing is written) or
  returns a `Verdict`: warnings for the one who posts, and what to write once the entries have their ids
  (in the same transaction: it stands or falls with them).

`authorised_by` is what the poster names to allow what a guard would refuse (a meetings resolution's id);
a guard that needs none ignores it. `authorisers(fund)` lists what may be named, for the entry form.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Protocol

from sajja.core.errors import Problem
from sajja.core.ledger.records import Entry as EntryRecord


@dataclass(frozen=True)
class Verdict:
    warnings: tuple[Problem, ...] = ()
    # called with the new entries' ids, in the order of the entries judged
    after: Callable[[list[int]], None] | None = None


class Guard(Protocol):
    def concerns(self, entries: Sequence[EntryRecord]) -> bool: ...

    def judge(self, actor, fund, entries: Sequence[EntryRecord], authorised_by: int | None) -> Verdict: ...

    def authorisers(self, fund) -> list[tuple[int, str]]: ...


_GUARDS: list[Guard] = []


def register(guard: Guard) -> None:
    """Add a guard (once: registering the same guard again changes nothing)."""
    if guard not in _GUARDS:
        _GUARDS.append(guard)


def concerned(entries: Sequence[EntryRecord]) -> bool:
    """Whether any guard has something to judge in these entries."""
    return any(g.concerns(entries) for g in _GUARDS)


def authorisers(fund) -> list[tuple[int, str]]:
    """(id, label) of everything that may be named as `authorised_by` in the fund, from every guard."""
    return [choice for guard in _GUARDS for choice in guard.authorisers(fund)]


@dataclass
class Judged:
    """Every concerned guard's verdict on one call's new entries."""

    warnings: list[Problem] = field(default_factory=list)
    afters: list[Callable[[list[int]], None]] = field(default_factory=list)

    def written(self, ids: list[int]) -> None:
        for after in self.afters:
            after(ids)


def judge(actor, fund, entries: Sequence[EntryRecord], authorised_by: int | None) -> Judged:
    judged = Judged()
    for guard in _GUARDS:
        if entries and guard.concerns(entries):
            verdict = guard.judge(actor, fund, entries, authorised_by)
            judged.warnings += verdict.warnings
            if verdict.after is not None:
                judged.afters.append(verdict.after)
    return judged
