"""Funds opened before networks pooled risk get the accounts of the money between a network's funds
(4501, 4502 income; 5301, 5302 expenses: sajja.pooling). New funds get them from the standard chart."""

from django.db import migrations

ACCOUNTS = (
    ("4501", "เงินช่วยเหลือจากเครือข่าย", "Top-ups from the network", "income"),
    ("4502", "เงินสมทบจากกองทุนในเครือข่าย", "Remittances from the network's funds", "income"),
    ("5301", "เงินส่งสมทบเครือข่าย", "Remittances to the network", "expense"),
    ("5302", "เงินช่วยเหลือกองทุนในเครือข่าย", "Top-ups to the network's funds", "expense"),
)


def add_accounts(apps, schema_editor):
    Account = apps.get_model("ledger", "Account")
    charted = set(Account.objects.values_list("fund_id", flat=True).distinct())
    for code, name_th, name_en, kind in ACCOUNTS:
        having = set(Account.objects.filter(code=code).values_list("fund_id", flat=True))
        Account.objects.bulk_create(
            Account(fund_id=fund_id, code=code, name_th=name_th, name_en=name_en, kind=kind, is_control=False)
            for fund_id in sorted(charted - having)
        )


def remove_unused(apps, schema_editor):
    Account = apps.get_model("ledger", "Account")
    Account.objects.filter(
        code__in=[code for code, *_ in ACCOUNTS], debit_total=0, credit_total=0, lines__isnull=True
    ).delete()


class Migration(migrations.Migration):
    dependencies = [("ledger", "0005_cofunding_source_accounts")]

    operations = [migrations.RunPython(add_accounts, remove_unused)]
