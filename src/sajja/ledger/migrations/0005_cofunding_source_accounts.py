"""Funds opened before the chart kept co-funding from the province and other donors apart get those
accounts (1203, 1204 receivable; 4203, 4204 income), so each source of money has its own accounts
(sajja.cofunding.books). New funds get them from the standard chart."""

from django.db import migrations

ACCOUNTS = (
    ("1203", "ลูกหนี้เงินสมทบ จังหวัด/อบจ.", "Co-funding receivable: province", "asset"),
    ("1204", "ลูกหนี้เงินสมทบ ผู้สมทบอื่น", "Co-funding receivable: other donors", "asset"),
    ("4203", "เงินสมทบจากจังหวัด/อบจ.", "Co-funding: province", "income"),
    ("4204", "เงินสมทบจากผู้สมทบอื่น", "Co-funding: other donors", "income"),
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
    dependencies = [("ledger", "0004_reinstatement_fee_account")]

    operations = [migrations.RunPython(add_accounts, remove_unused)]
