from django.db import migrations, models


class Migration(migrations.Migration):
    """Each receipt carries the digest of its fields as issued, which its audit event covers."""

    dependencies = [("contributions", "0006_receipt_purpose")]

    operations = [
        migrations.AddField(
            model_name="receipt", name="digest", field=models.CharField(default="", max_length=64)
        ),
    ]
