"""The knowledge notes, moved from the meetings area: the model is the knowledge area's from here on, the
table stays where it is (`meetings_knowledgenote`, with its rows and its search indexes: migrations 0002 to
0004 of sajja.meetings). Nothing is written to the database but the name of the model's content type (and
with it its permissions); sajja.meetings 0005 then lets go of the model."""

import django.db.models.deletion
from django.db import migrations, models


def _move_content_type(from_app: str, to_app: str):
    def move(apps, schema_editor):
        ContentType = apps.get_model("contenttypes", "ContentType")
        if not ContentType.objects.filter(app_label=to_app, model="knowledgenote").exists():
            ContentType.objects.filter(app_label=from_app, model="knowledgenote").update(app_label=to_app)

    return move


class Migration(migrations.Migration):
    initial = True

    dependencies = [
        ("contenttypes", "0002_remove_content_type_name"),
        ("meetings", "0004_links_attachments"),
        ("registry", "0001_initial"),
        ("welfare", "0001_initial"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="KnowledgeNote",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                            ),
                        ),
                        (
                            "kind",
                            models.CharField(
                                choices=[
                                    ("lesson", "lesson learned"),
                                    ("practice", "good practice"),
                                    ("case", "case story"),
                                    ("answer", "answer to a common question"),
                                ],
                                max_length=10,
                                verbose_name="kind of note",
                            ),
                        ),
                        ("title", models.CharField(max_length=200, verbose_name="note title")),
                        ("body", models.TextField(verbose_name="note")),
                        ("tags", models.JSONField(default=list, verbose_name="tags")),
                        (
                            "sharing",
                            models.CharField(
                                choices=[
                                    ("fund", "own fund only"),
                                    ("network", "the network"),
                                    ("everyone", "everyone"),
                                ],
                                default="fund",
                                max_length=10,
                                verbose_name="shared with",
                            ),
                        ),
                        ("words", models.TextField(editable=False)),
                        ("created_at", models.DateTimeField(auto_now_add=True)),
                        (
                            "about_fund",
                            models.ForeignKey(
                                blank=True,
                                null=True,
                                on_delete=django.db.models.deletion.PROTECT,
                                related_name="+",
                                to="registry.fund",
                            ),
                        ),
                        (
                            "fund",
                            models.ForeignKey(
                                blank=True,
                                null=True,
                                on_delete=django.db.models.deletion.PROTECT,
                                related_name="notes",
                                to="registry.fund",
                            ),
                        ),
                        (
                            "meeting",
                            models.ForeignKey(
                                blank=True,
                                null=True,
                                on_delete=django.db.models.deletion.PROTECT,
                                related_name="notes",
                                to="meetings.meeting",
                            ),
                        ),
                        (
                            "network",
                            models.ForeignKey(
                                blank=True,
                                null=True,
                                on_delete=django.db.models.deletion.PROTECT,
                                related_name="notes",
                                to="registry.network",
                            ),
                        ),
                        (
                            "resolution",
                            models.ForeignKey(
                                blank=True,
                                null=True,
                                on_delete=django.db.models.deletion.PROTECT,
                                related_name="notes",
                                to="meetings.resolution",
                            ),
                        ),
                        (
                            "scheme_version",
                            models.ForeignKey(
                                blank=True,
                                null=True,
                                on_delete=django.db.models.deletion.PROTECT,
                                related_name="+",
                                to="welfare.fundschemeversion",
                            ),
                        ),
                    ],
                    options={
                        "verbose_name": "knowledge note",
                        "db_table": "meetings_knowledgenote",
                        "ordering": ["-created_at", "-pk"],
                        "constraints": [
                            models.CheckConstraint(
                                condition=models.Q(
                                    models.Q(("fund__isnull", False), ("network__isnull", True)),
                                    models.Q(("fund__isnull", True), ("network__isnull", False)),
                                    _connector="OR",
                                ),
                                name="note_has_one_body",
                            )
                        ],
                    },
                ),
            ],
            database_operations=[],
        ),
        migrations.RunPython(
            _move_content_type("meetings", "knowledge"), _move_content_type("knowledge", "meetings")
        ),
    ]
