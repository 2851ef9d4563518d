"""API tokens: an expiry date, a revocation, and a prefix to tell them apart in lists. Tokens issued
before expire like new ones, 90 days after they were made (never is not a lifetime). Replay records kept in
the clear before answers were sealed are sealed now, and found by age through an index."""

import datetime

from django.db import migrations, models

TOKEN_DAYS = 90  # sajja.access.tokens' default lifetime, as it stood when this migration was written


def expire_old_tokens(apps, schema_editor):
    ApiToken = apps.get_model("access", "ApiToken")
    for token in ApiToken.objects.filter(expires_at__isnull=True).only("pk", "created_at"):
        ApiToken.objects.filter(pk=token.pk).update(
            expires_at=token.created_at + datetime.timedelta(days=TOKEN_DAYS)
        )


def seal_clear_replays(apps, schema_editor):
    from sajja.registry.crypto import seal

    IdempotentRequest = apps.get_model("access", "IdempotentRequest")
    for kept in IdempotentRequest.objects.only("pk", "response").iterator():
        if not (isinstance(kept.response, dict) and set(kept.response) == {"sealed"}):
            IdempotentRequest.objects.filter(pk=kept.pk).update(response={"sealed": seal(kept.response)})


class Migration(migrations.Migration):
    dependencies = [("access", "0001_initial")]

    operations = [
        migrations.AddField(
            model_name="apitoken", name="prefix", field=models.CharField(blank=True, max_length=16)
        ),
        migrations.AddField(
            model_name="apitoken", name="expires_at", field=models.DateTimeField(blank=True, null=True)
        ),
        migrations.AddField(
            model_name="apitoken", name="revoked_at", field=models.DateTimeField(blank=True, null=True)
        ),
        migrations.AddIndex(
            model_name="idempotentrequest",
            index=models.Index(fields=["created_at"], name="idempotency_created_at"),
        ),
        migrations.RunPython(expire_old_tokens, migrations.RunPython.noop),
        migrations.RunPython(seal_clear_replays, migrations.RunPython.noop),
    ]
