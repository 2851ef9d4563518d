"""Thai words for full-text search, pure Python: PyThaiNLP's newmm tokeniser (its dictionary ships with
the package: nothing is downloaded), lower-cased, without spaces, symbols or stop words in queries.

>>> words("กองทุนสวัสดิการชุมชน")
['กองทุน', 'สวัสดิการ', 'ชุมชน']
>>> query_words("และ ของ ที่ !!")
[]
>>> query_words("สวัสดิการ ผู้สูงอายุ")
['สวัสดิการ', 'ผู้สูงอายุ']
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from pythainlp.corpus import thai_stopwords
from pythainlp.tokenize import word_tokenize

# a word worth indexing has a letter or a digit (Thai or Latin); spaces and punctuation are not words
_WORDLIKE = re.compile(r"[\w\u0E00-\u0E7F]")
_NOT_A_MARK = re.compile(r"^[\u0E31\u0E34-\u0E3A\u0E47-\u0E4E]+$")  # lone vowel or tone marks


@lru_cache(maxsize=1)
def _stopwords() -> frozenset[str]:
    return frozenset(thai_stopwords()) | frozenset({"the", "a", "an", "and", "or", "of", "to", "in"})


def words(text: str) -> list[str]:
    """Every word of the text, in order (stop words kept: they are indexed, never searched for alone)."""
    text = unicodedata.normalize("NFC", text or "").lower()
    found = []
    for token in word_tokenize(text, engine="newmm", keep_whitespace=False):
        token = token.strip()
        if token and _WORDLIKE.search(token) and not _NOT_A_MARK.match(token) and token != "_":
            found.append(token)
    return found


def index_text(*parts: str) -> str:
    """The words of all parts, separated by spaces: what both search backends index."""
    return " ".join(w for part in parts for w in words(part))


def query_words(query: str) -> list[str]:
    """The words a query searches for: stop words and symbols dropped, each once, in order."""
    seen: list[str] = []
    for word in words(query):
        if word not in _stopwords() and word not in seen:
            seen.append(word)
    return seen
