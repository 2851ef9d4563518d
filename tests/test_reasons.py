"""A coded reason is written once and said in Thai and English from the catalogues, placeholders filled in
each language's way."""

from __future__ import annotations

import pytest
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from sajja.core.errors import NotFound, ValidationFailed
from sajja.reasons import Both, Reason, in_language

FUND_GONE = Reason("not_found", _("fund not found"))  # translated by the project's catalogue
LATE = Reason("late", "claimed %(days)s days after %(day)s")


def test_the_words_come_from_the_catalogue_in_both_languages():
    error = FUND_GONE.not_found()
    assert isinstance(error, NotFound) and error.status == 404
    assert (error.message_th, error.message_en) == ("ไม่พบกองทุน", "fund not found")


def test_a_placeholder_is_written_each_languages_way():
    problem = LATE.problem("date", days=3, day=Both("1 ม.ค. 2569", "2026-01-01"))
    assert problem == ("late", "claimed 3 days after 1 ม.ค. 2569", "claimed 3 days after 2026-01-01", "date")


def test_a_refusal_as_bad_input_names_where_it_is():
    with pytest.raises(ValidationFailed) as caught:
        raise LATE.invalid("date", days=1, day="2026-01-01")
    (problem,) = caught.value.errors
    assert (caught.value.code, caught.value.status, problem.where) == ("late", 400, "date")


def test_an_error_is_said_in_the_request_language():
    error = FUND_GONE.not_found()
    with translation.override("en"):
        assert in_language(error) == "fund not found"
    with translation.override("th"):
        assert in_language(error) == "ไม่พบกองทุน"
    assert in_language(LATE.problem("date", days=2, day="x"), "en") == "date: claimed 2 days after x"


def test_saying_it_leaves_the_request_language_as_it_was():
    with translation.override("en"):
        FUND_GONE.words()
        assert translation.get_language() == "en"


def test_beside_its_field_an_error_is_said_without_its_place():
    problem = LATE.problem("date", days=2, day="x")
    assert in_language(problem, "en", place=False) == "claimed 2 days after x"
    assert in_language(LATE.conflict("date", days=2, day="x"), "en") == "date: claimed 2 days after x"
