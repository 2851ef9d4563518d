"""Thai full-text search of knowledge notes behind one interface: FTS5 on SQLite, PostgreSQL's text search
elsewhere. Both index the same pre-tokenised words (thai_text), so a Thai word is found as a word; both rank
(bm25 / ts_rank); the snippet, with the words marked, is cut from the note's own text.

The index and the table keep the names they were made with in the meetings area (meetings_note_fts,
meetings_knowledgenote: migration 0003 of sajja.meetings)."""

from __future__ import annotations

import html
import re

from django.db import connection

SNIPPET_CHARS = 160


def index(note) -> None:
    """Put the note's words into the SQLite index (PostgreSQL indexes the column itself)."""
    if connection.vendor != "sqlite":
        return
    with connection.cursor() as cursor:
        cursor.execute("DELETE FROM meetings_note_fts WHERE rowid = %s", [note.pk])
        cursor.execute("INSERT INTO meetings_note_fts (rowid, words) VALUES (%s, %s)", [note.pk, note.words])


def ranked_ids(terms: list[str]) -> list[int]:
    """Ids of the notes holding every term, best first."""
    if connection.vendor == "sqlite":
        match = " ".join('"' + t.replace('"', '""') + '"' for t in terms)
        sql = "SELECT rowid FROM meetings_note_fts WHERE meetings_note_fts MATCH %s ORDER BY bm25(meetings_note_fts), rowid"
        params = [match]
    else:
        sql = (
            "SELECT id FROM meetings_knowledgenote, plainto_tsquery('simple', %s) q"
            " WHERE to_tsvector('simple', words) @@ q"
            " ORDER BY ts_rank(to_tsvector('simple', words), q) DESC, id"
        )
        params = [" ".join(terms)]
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return [row[0] for row in cursor.fetchall()]


def snippet(text: str, terms: list[str]) -> str:
    """A piece of the text around the first term found, HTML-escaped, each term wrapped in <mark>."""
    lowered = text.lower()
    hits = [i for i in (lowered.find(t) for t in terms) if i >= 0]
    start = max(0, min(hits) - SNIPPET_CHARS // 3) if hits else 0
    space = text.rfind(" ", 0, start)
    if start and space >= 0 and start - space < 40:
        start = space + 1  # begin at a space rather than inside a word
    piece = text[start : start + SNIPPET_CHARS]
    escaped = html.escape(piece)
    pattern = "|".join(re.escape(html.escape(t)) for t in sorted(terms, key=len, reverse=True))
    marked = re.sub(f"({pattern})", r"<mark>\1</mark>", escaped, flags=re.IGNORECASE) if pattern else escaped
    return ("…" if start else "") + marked + ("…" if start + SNIPPET_CHARS < len(text) else "")
