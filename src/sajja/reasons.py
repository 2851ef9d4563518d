"""Coded reasons, written once in an area's catalogue and put into words at the edge.

Each area lists the reasons it refuses things for in its `reasons.py`: a stable code and an English message
id (with %(name)s placeholders) that the area's Thai catalogue translates. A service raises
`SOMETHING.invalid(where=..., name=value)`; the Thai and English words are made from the catalogue then, so
the API's error shape (message_th, message_en) is unchanged, and a page says the error in the request's
language with `in_language(exc)` instead of choosing between two inline strings.

A placeholder whose value reads differently in Thai and English (a Buddhist-era date, an amount) is given
as `Both(thai, english)`.

>>> from django.utils.translation import gettext_lazy as _
>>> GONE = Reason("not_found", _("fund not found"))
>>> error = GONE.not_found()
>>> error.code, error.status, error.message_en
('not_found', 404, 'fund not found')
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.utils import translation
from django.utils.functional import Promise

from sajja.core.errors import Conflict, DomainError, NotFound, NotPermitted, Problem, ValidationFailed

LANGUAGES = ("th", "en")


@dataclass(frozen=True)
class Both:
    """A placeholder's value as each language writes it."""

    th: str
    en: str

    def in_language(self, language: str) -> str:
        return self.th if language.startswith("th") else self.en


@dataclass(frozen=True)
class Reason:
    code: str
    text: Promise | str  # gettext_lazy("English words with %(placeholders)s")

    def words(self, **params: Any) -> tuple[str, str]:
        """(Thai, English)."""
        said = []
        for language in LANGUAGES:
            values = {k: v.in_language(language) if isinstance(v, Both) else v for k, v in params.items()}
            with translation.override(language):
                text = str(self.text)
            said.append(text % values if values else text)
        return said[0], said[1]

    def problem(self, where: str = "", **params: Any) -> Problem:
        return Problem(self.code, *self.words(**params), where)

    def invalid(self, where: str = "", **params: Any) -> ValidationFailed:
        """Bad input (400): one problem, named where it is."""
        return ValidationFailed([self.problem(where, **params)])

    def not_found(self, where: str = "", **params: Any) -> NotFound:
        return NotFound(*self.words(**params), code=self.code, where=where)

    def not_permitted(self, where: str = "", **params: Any) -> NotPermitted:
        return NotPermitted(*self.words(**params), code=self.code, where=where)

    def conflict(self, where: str = "", **params: Any) -> Conflict:
        """A clash with what is already recorded (409), naming the field it is about."""
        return Conflict(*self.words(**params), code=self.code, where=where)


def current_language() -> str:
    """The request's language (Thai when none is active)."""
    return translation.get_language() or "th"


def in_language(error: DomainError | Problem, language: str | None = None, *, place: bool = True) -> str:
    """The error in the request's language (or `language`), with where it is unless `place` is False (beside
    the form field it names, the field says where)."""
    language = language or current_language()
    text = error.message_th if language.startswith("th") else error.message_en
    return f"{error.where}: {text}" if place and error.where else text
