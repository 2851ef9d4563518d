"""`sajja pay`: one payment from the command line, with its receipt printed in Thai; running the same
command again records nothing more."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from sajja.contributions.models import Receipt
from sajja.ledger.models import Account
from tests.contributions.factories import row_counts


def pay(*args: str) -> tuple[str, str]:
    out, err = StringIO(), StringIO()
    call_command("pay", *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def refused(*args: str) -> str:
    """The command refused: what it said (its error and what it wrote to stderr)."""
    err = StringIO()
    with pytest.raises(CommandError) as refusal:
        call_command("pay", *args, stdout=StringIO(), stderr=err)
    return f"{refusal.value}\n{err.getvalue()}"


def test_a_payment_from_the_command_line_prints_its_receipt(own, own_member):
    out, _ = pay("--fund", own.code, "--member", "000001", "--amount", "1,095", "--date", "16/11/2569")
    receipt = Receipt.objects.get(fund=own)
    assert (receipt.amount, receipt.paid_on.isoformat(), receipt.channel) == (1095_00, "2026-11-16", "cash")
    assert f"receipt {receipt.number}" in out and "16 พ.ย. 2569" in out
    assert "1,095.00 บาท" in out and "หนึ่งพันเก้าสิบห้าบาทถ้วน" in out
    assert Account.objects.get(fund=own, code="1101").balance == 1095_00


def test_running_it_again_records_nothing_more(own, own_member):
    args = (
        "--fund",
        own.code,
        "--member",
        "000001",
        "--amount",
        "30",
        "--date",
        "2026-11-16",
        "--channel",
        "พร้อมเพย์",
    )
    pay(*args)
    before = row_counts()
    out, _ = pay(*args)
    assert row_counts() == before and "already recorded" in out
    assert Receipt.objects.get(fund=own).channel == "promptpay"
    pay(*args, "--key", "second-30-baht")  # a second payment alike in every way needs its own key
    assert Receipt.objects.filter(fund=own).count() == 2


def test_the_member_typed_another_way_is_the_same_payment_and_a_used_key_is_not_another_one(own, own_member):
    args = ["--fund", own.code, "--amount", "30", "--date", "2026-11-16"]
    pay(*args, "--member", "000001")
    before = row_counts()
    out, _ = pay(*args, "--member", " ๐๐๐๐๐๑")  # Thai digits, a space: the same member, the same payment
    assert row_counts() == before and "already recorded" in out
    pay(*args, "--member", "000001", "--key", "K1")
    before = row_counts()
    said = refused(*args, "--member", "000001", "--receipt", "B-2", "--key", "K1")
    assert "เลขที่ใบเสร็จ" in said and "its receipt number differs:" in said
    assert row_counts() == before


@pytest.mark.parametrize(
    "change, says",
    [
        (("--member", "009999"), "ไม่พบสมาชิก"),
        (("--amount", "30.555"), "จำนวนเงินไม่ถูกต้อง"),
        (("--date", "16/11/69"), "ไม่ชัดเจน"),
        (("--channel", "cheque"), "unknown channel"),
    ],
)
def test_bad_input_is_refused_saying_why_and_records_nothing(own, own_member, change, says):
    args = {"--fund": own.code, "--member": "000001", "--amount": "30", "--date": "2026-11-16"}
    args.update(dict([change]))
    before = row_counts()
    assert says in refused(*[x for kv in args.items() for x in kv])
    assert row_counts() == before


def test_by_names_who_received_the_money_and_must_be_allowed_to(own, own_member, users):
    args = ["--fund", own.code, "--member", "000001", "--date", "2026-11-16"]
    pay(*args, "--amount", "30", "--by", "treasurer-user")
    receipt = Receipt.objects.get(fund=own)
    assert (receipt.received_by_id, receipt.received_by_name) == (users["treasurer"].pk, "treasurer-user")
    before = row_counts()
    for by, says in (("member-user", "nothing was recorded"), ("nobody", "no such user")):
        assert says in refused(*args, "--amount", "60", "--by", by)
    assert row_counts() == before
