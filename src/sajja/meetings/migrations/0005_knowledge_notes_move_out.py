"""The knowledge notes are the knowledge area's (sajja.knowledge 0001 took the model): the meetings area lets
go of it, and a file's note is that area's model. Only Django's picture of the models changes; the tables,
their rows, constraints and search indexes stay as they are."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("knowledge", "0001_initial"),
        ("meetings", "0004_links_attachments"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AlterField(
                    model_name="attachment",
                    name="note",
                    field=models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="attachments",
                        to="knowledge.knowledgenote",
                    ),
                ),
                migrations.DeleteModel(name="KnowledgeNote"),
            ],
            database_operations=[],
        ),
    ]
