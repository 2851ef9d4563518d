"""Errors of co-funding: a refused policy file, and a computation asked of a year no policy covers.

A refused policy lists every problem as a scheme file does (`SchemeError`: file, line, path, Thai and
English), so the same pages and commands show both.
"""

from __future__ import annotations

from collections.abc import Callable

from sajja.core.errors import DomainError
from sajja.schemes.errors import SchemeInvalid


class PolicyInvalid(SchemeInvalid):
    """A co-funding policy (or its file) was refused; `errors` lists each problem and where it is."""

    code = "cofunding_policy_invalid"

    def with_source(self, source: str, locate: Callable[[str], int | None] | None = None) -> PolicyInvalid:
        return PolicyInvalid(super().with_source(source, locate).errors)


class NoPolicyInForce(DomainError):
    """No version of the policy covers the fiscal year asked about."""

    code = "cofunding_no_policy"


class MemberRowInvalid(DomainError):
    """A member row the computation cannot read (an unknown status); says which member."""

    code = "cofunding_member_invalid"
