"""Funds opened before the chart had 4103 (reinstatement fees) get it, so such a fee can be booked."""

from django.db import migrations

CODE, NAME_TH, NAME_EN = "4103", "ค่าธรรมเนียมกลับเข้าเป็นสมาชิก", "Reinstatement fees"


def add_account(apps, schema_editor):
    Account = apps.get_model("ledger", "Account")
    charted = set(Account.objects.values_list("fund_id", flat=True).distinct())
    having = set(Account.objects.filter(code=CODE).values_list("fund_id", flat=True))
    Account.objects.bulk_create(
        Account(fund_id=fund_id, code=CODE, name_th=NAME_TH, name_en=NAME_EN, kind="income", is_control=False)
        for fund_id in sorted(charted - having)
    )


def remove_unused(apps, schema_editor):
    Account = apps.get_model("ledger", "Account")
    Account.objects.filter(code=CODE, debit_total=0, credit_total=0, lines__isnull=True).delete()


class Migration(migrations.Migration):
    dependencies = [("ledger", "0003_reversed_once_partial")]

    operations = [migrations.RunPython(add_account, remove_unused)]
