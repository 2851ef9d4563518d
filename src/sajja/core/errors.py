"""Domain errors: each carries a stable code and a message in Thai and English.

Services raise them; the web, the API and the CLI translate them at the edge.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Generic, NamedTuple, Protocol, TypeVar


class Problem(NamedTuple):
    """One thing wrong with an input: a stable code, the words in Thai and English, and where it is.

    Checks return problems as values (a whole file is checked before anything is written), and a
    ValidationFailed carries them to the edge.
    """

    code: str
    message_th: str
    message_en: str
    where: str = ""


class DomainError(Exception):
    """A rule of the domain was broken; nothing was written."""

    code = "domain_error"
    status = 400

    def __init__(self, message_th: str, message_en: str, *, code: str | None = None, where: str = ""):
        self.message_th = message_th
        self.message_en = message_en
        self.where = where
        if code:
            self.code = code
        super().__init__(self.message_en)

    def message(self, language: str = "th") -> str:
        text = self.message_th if language.startswith("th") else self.message_en
        return f"{self.where}: {text}" if self.where else text

    def __str__(self) -> str:
        where = f"{self.where}: " if self.where else ""
        return f"{where}{self.message_th} / {self.message_en}"


class ProblemLike(Protocol):
    """What `ValidationFailed` reads of each error: a `Problem`, or another record with the same fields
    (a scheme's `SchemeError`)."""

    @property
    def code(self) -> str: ...
    @property
    def message_th(self) -> str: ...
    @property
    def message_en(self) -> str: ...


_P = TypeVar("_P", bound=ProblemLike)


class ValidationFailed(DomainError, Generic[_P]):
    """Input was rejected; `errors` lists every problem found, not just the first."""

    code = "invalid"

    def __init__(self, errors: Iterable[_P]) -> None:
        self.errors = list(errors)
        first = self.errors[0]
        super().__init__(
            "; ".join(e.message_th for e in self.errors),
            "; ".join(e.message_en for e in self.errors),
            code=first.code,
        )


class NotPermitted(DomainError):
    code = "not_permitted"
    status = 403


class NotFound(DomainError):
    code = "not_found"
    status = 404


class Conflict(DomainError):
    code = "conflict"
    status = 409
