"""The search index of knowledge notes: an FTS5 table on SQLite, a GIN index on PostgreSQL."""

from django.db import migrations

SQLITE = [
    "CREATE VIRTUAL TABLE meetings_note_fts USING fts5(words, tokenize = 'unicode61')",
]
SQLITE_BACK = ["DROP TABLE IF EXISTS meetings_note_fts"]
POSTGRES = [
    "CREATE INDEX meetings_note_words_fts ON meetings_knowledgenote USING GIN (to_tsvector('simple', words))",
]
POSTGRES_BACK = ["DROP INDEX IF EXISTS meetings_note_words_fts"]


def _run(statements_by_vendor):
    def run(apps, schema_editor):
        for sql in statements_by_vendor.get(schema_editor.connection.vendor, []):
            schema_editor.execute(sql)

    return run


class Migration(migrations.Migration):
    dependencies = [("meetings", "0002_knowledge_notes")]

    operations = [
        migrations.RunPython(
            _run({"sqlite": SQLITE, "postgresql": POSTGRES}),
            _run({"sqlite": SQLITE_BACK, "postgresql": POSTGRES_BACK}),
        )
    ]
