"""Tampering behind the services' back, column by column: every column of every table that carries money
or identity is edited at random (seeded) on rows of two funds, and `audit verify` must catch each edit and
name the record. A column left out is listed with the reason; none is left out silently.

The tables: the books (entries, lines, accounts, receipts, the chain's events), the registry (persons,
members, their beneficiaries and status history), welfare claims with their approvals and evidence, the
month-end closes with their standings and group summaries, the closed months, and the PromptPay IDs."""

from __future__ import annotations

import datetime
import random
from dataclasses import dataclass

import pytest
from django.db import IntegrityError, connection, transaction
from django.test import override_settings

from sajja.access.models import Role
from sajja.access.policy import SYSTEM
from sajja.audit.models import AuditEvent, ChainHead
from sajja.audit.verify import verify_all
from sajja.contributions.models import (
    FundPromptPay,
    GroupMonthSummary,
    MemberMonthStanding,
    MonthClose,
    Receipt,
)
from sajja.contributions.month_end.services import close_through
from sajja.contributions.promptpay import set_promptpay_id
from sajja.contributions.services import Payment, cancel_receipt, record_payments
from sajja.core.ledger.records import Entry, Posting
from sajja.ledger.models import Account, ClosedPeriod, Line
from sajja.ledger.models import Entry as EntryRow
from sajja.ledger.services import post_entry, reverse_entry
from sajja.registry.models import Beneficiary, Fund, Member, MemberStatusChange, Person
from sajja.registry.services import BeneficiaryData, Enrolment, PersonData, change_member_status, enrol_member
from sajja.welfare.claims import services as claims
from sajja.welfare.claims.evidence import attach_evidence
from sajja.welfare.models import Claim, ClaimApproval, ClaimEvidence
from sajja.welfare.services import adopt_template
from tests.audit.factories import DEFER_FK
from tests.factories import enrol, make_fund, user_with

pytestmark = pytest.mark.slow

SEED = 20261127
ROWS_PER_COLUMN = 3


def _entry_name(row):
    return [f"entry #{row['id']}", f"audit event #{row['audit_seq']}"]


def _line_name(row):
    return [f"line #{row['id']} ", f"entry #{row['entry_id']}"]


def _account_name(row):
    return [f"account #{row['id']} "]


def _receipt_name(row):
    return [f"receipt #{row['id']} ", f"no. {row['number']}"]


def _event_name(row):
    return [f"audit event #{row['seq']}"]


def _person_name(row):
    return [f"person #{row['id']} "]


def _member_name(row):
    return [f"member #{row['id']} "]


def _of_member(row):
    return [f"member #{row['member_id']} "]


def _claim_name(row):
    return [f"claim #{row['id']} "]


def _of_claim(row):
    return [f"claim #{row['claim_id']} "]


def _month_close_name(row):
    return [f"month close #{row['id']} "]


def _of_month_close(row):
    return [f"month close #{row['close_id']} "]


def _closed_period_name(row):
    fund = Fund.objects.get(pk=row["fund_id"]).code
    # edited, the row is named as it is now; its month's event, as it was
    return [
        f"closed period #{row['id']} ",
        f"closed period {fund} {row['period'] // 100}-{row['period'] % 100:02d}",
    ]


def _promptpay_name(row):
    return [f"the PromptPay ID of fund {Fund.objects.get(pk=row['fund_id']).code} "]


# table -> (model, how verify must name an edited row: any of these in a problem's record)
TABLES = {
    "entry": (EntryRow, _entry_name),
    "line": (Line, _line_name),
    "account": (Account, _account_name),
    "receipt": (Receipt, _receipt_name),
    "audit event": (AuditEvent, _event_name),
    "person": (Person, _person_name),
    "member": (Member, _member_name),
    "beneficiary": (Beneficiary, _of_member),
    "member status change": (MemberStatusChange, _of_member),
    "claim": (Claim, _claim_name),
    "claim approval": (ClaimApproval, _of_claim),
    "claim evidence": (ClaimEvidence, _of_claim),
    "closed period": (ClosedPeriod, _closed_period_name),
    "month close": (MonthClose, _month_close_name),
    "member month standing": (MemberMonthStanding, _of_month_close),
    "group month summary": (GroupMonthSummary, _of_month_close),
    "fund promptpay": (FundPromptPay, _promptpay_name),
}

# Columns not edited here, each with the reason: no silent exclusions.
NOT_EDITED = {
    ("entry", "id"): "the row's identity: lines, receipts and reversals refer to it (an edit is a move of "
    "the whole entry, which the database's foreign keys refuse)",
    ("line", "id"): "the row's identity: only orders an entry's lines, which the entry's digest covers",
    ("account", "id"): "the row's identity: lines and sub-accounts refer to it (foreign keys)",
    ("receipt", "id"): "the row's identity: a cancellation's event names it; the receipt's number, fund "
    "and entry are what is printed and are covered",
    ("receipt", "digest"): "the receipt's own digest: an edit is caught (tested below, as any column), but it"
    " carries no meaning of its own",
    ("audit event", "id"): "the row's identity in the database: the chain orders and names events by seq",
    ("member", "user"): "the login linked to the member (an access grant, like a role assignment, set by an"
    " administrator; not the member's identity or money): the access area's to audit",
    ("closed period", "id"): "the row's identity only: its event names the month by fund and period, which"
    " the digest covers with the rest",
    ("fund promptpay", "id"): "the row's identity only: its event names the fund (one ID per fund), which"
    " the digest covers with the rest",
}


@dataclass(frozen=True)
class Sealed:
    own: Fund
    foreign: Fund


@pytest.fixture(scope="module")
def sealed_world(django_db_setup, django_db_blocker, tmp_path_factory):
    """The books, built once for the module inside a transaction rolled back after its last test. Each test
    runs in a savepoint of it (pytest-django's `db`), so what a test edits never outlives the test."""
    evidence = tmp_path_factory.mktemp("evidence")
    fast = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    with (
        django_db_blocker.unblock(),
        override_settings(SAJJA_EVIDENCE_DIR=str(evidence), PASSWORD_HASHERS=fast),
        transaction.atomic(),
    ):
        own, foreign = make_fund("own-fund", "net-a"), make_fund("foreign-fund", "net-b")
        own_member = enrol(own, "1101400000006")
        foreign_member = enrol(foreign, "3100600123450", first_name="บุญมี", last_name="ต่างถิ่น", sex="M")
        _seal_books(own, foreign, own_member, foreign_member)
        yield Sealed(own, foreign)
        transaction.set_rollback(True)


@pytest.fixture
def sealed_books(sealed_world, db) -> Sealed:
    """The module's books as built: clean for each test (no edit of an earlier one is left over, else an
    edit could pass as caught while verify named the earlier one)."""
    assert verify_all() == []
    return sealed_world


def _seal_books(own, foreign, own_member, foreign_member):
    """Two funds' books and registers: payments with receipts (a fee among them), a cancelled receipt, an
    expense of three lines, a reversal; a member with beneficiaries who resigned; a welfare claim with
    evidence, verified, approved by two and paid; March closed; a PromptPay ID. Every table of money or
    identity has rows of both funds."""
    day = datetime.date(2025, 3, 5)
    for n, (fund, member) in enumerate(((own, own_member), (foreign, foreign_member))):
        adopt_template(SYSTEM, fund, "codi", effective_from=datetime.date(2024, 1, 1))
        post_entry(
            SYSTEM,
            fund,
            Entry(
                datetime.date(2025, 1, 2),
                "ยอดยกมา",
                (Posting("1101", 50_000_00), Posting("3101", -50_000_00)),
                "opening",
                f"{fund.code}-open",
            ),
        )
        post_entry(
            SYSTEM,
            fund,
            Entry(
                datetime.date(2025, 1, 1),
                "สัจจะ",
                (Posting("1101", 36500), Posting(f"4101-{member.number}", -36500)),
                "contribution",
                f"{fund.code}-year",
            ),
        )
        payments = [
            Payment(member.number, 3000 + 100 * n, day + datetime.timedelta(days=n), key=f"{fund.code}-p{n}")
            for n in range(4)
        ]
        payments.append(Payment(member.number, 3000, day, channel="bank_transfer", key=f"{fund.code}-same"))
        record_payments(SYSTEM, fund, payments)
        record_payments(SYSTEM, fund, [Payment(member.number, 6000, day, key=f"{fund.code}-later")])
        receipt = Receipt.objects.get(fund=fund, number=2)
        cancel_receipt(SYSTEM, receipt, day + datetime.timedelta(days=10), "บันทึกผิด")
        expense = post_entry(
            SYSTEM,
            fund,
            Entry(
                day,
                "ค่าเครื่องเขียน",
                (Posting("5201", 1200), Posting("1101", -1000), Posting("1102", -200)),
                "expense",
                f"{fund.code}-x",
            ),
        )
        reverse_entry(SYSTEM, expense, day + datetime.timedelta(days=1), f"{fund.code}-x-rev")
        other = enrol_member(
            SYSTEM,
            fund,
            Enrolment(
                PersonData(
                    f"{'1101400000022' if n == 0 else '1101400000031'}",
                    "มาลี",
                    "ทองคำ",
                    datetime.date(1958, 2, 3),
                    "F",
                    "นาง",
                ),
                datetime.date(2025, 1, 1),
                "G01",
                (BeneficiaryData("บุญส่ง ทองคำ", "บุตร", 60), BeneficiaryData("มานพ ทองคำ", "หลาน", 40)),
            ),
        )
        change_member_status(SYSTEM, other, "resigned", datetime.date(2025, 2, 1), "ลาออก")
        close_through(SYSTEM, fund, (2025, 3))
        set_promptpay_id(SYSTEM, fund, f"081234567{n}")
        committee = [user_with(Role.COMMITTEE, f"{fund.code}-committee{i}", fund=fund) for i in (1, 2)]
        claim, _ = claims.enter_claim(
            SYSTEM,
            fund,
            member,
            claims.ClaimData("hospital", datetime.date(2025, 8, 1), nights=3, details="โรงพยาบาล"),
            token=f"{fund.code}-claim",
        )
        attach_evidence(
            SYSTEM, claim, "ใบรับรองแพทย์.pdf", b"%PDF-1.4\n% a medical certificate " + fund.code.encode()
        )
        claims.verify_claim(committee[0], claim)
        claim.refresh_from_db()
        claims.approve_claim(committee[0], claim, claim.digest)
        claims.approve_claim(committee[1], claim, claim.digest)
        claims.pay_claim(SYSTEM, claim, "cash", datetime.date(2025, 8, 5))
    for model in (
        Beneficiary,
        MemberStatusChange,
        Claim,
        ClaimApproval,
        ClaimEvidence,
        MonthClose,
        FundPromptPay,
    ):
        assert model.objects.filter(**{_fund_of(model): foreign}).exists(), model
    assert verify_all() == []


def _fund_of(model) -> str:
    return {
        Beneficiary: "member__fund",
        MemberStatusChange: "member__fund",
        ClaimApproval: "claim__fund",
        ClaimEvidence: "claim__fund",
    }.get(model, "fund")


def _other_value(rng, model, field, value, row):
    """A different value of the column's own type, as a forger would write it."""
    internal = field.get_internal_type()
    if field.is_relation:
        target = field.related_model
        ids = list(target.objects.exclude(pk=value).values_list("pk", flat=True))
        return rng.choice(ids) if ids else None
    if value is None:
        if internal == "DateField":
            return datetime.date(2025, 4, 1)
        if internal == "DateTimeField":
            return datetime.datetime(2025, 4, 1, 8, tzinfo=datetime.UTC)
        return 1
    if internal == "BooleanField":
        return not value
    if internal == "BinaryField":  # a national ID's ciphertext
        data = bytes(value)
        return data[:-1] + bytes([data[-1] ^ 1]) if data else b"x"
    if internal == "JSONField":
        return {**value, "amount": 1} if isinstance(value, dict) else {"x": value}
    if internal in (
        "IntegerField",
        "BigIntegerField",
        "PositiveIntegerField",
        "PositiveSmallIntegerField",
        "AutoField",
        "BigAutoField",
    ):
        return value + rng.choice([-1, 1]) * rng.randint(1, 5)
    if internal == "DateField":
        return value + datetime.timedelta(days=rng.choice([-1, 1]) * rng.randint(1, 20))
    if internal == "DateTimeField":
        return value + datetime.timedelta(seconds=rng.randint(1, 86400))
    if internal == "CharField" and field.choices:
        others = [c for c, _ in field.choices if c != value]
        return rng.choice(others)
    if internal == "CharField" and field.max_length == 64 and len(value) == 64:  # a hex digest
        return ("0123456789abcdef"[rng.randint(0, 15)] * 64) if value[0] != "f" else "e" * 64
    text = value or ""
    return (text[:-1] + ("x" if text[-1:] != "x" else "y")) if text else "x"


def _columns():
    for table, (model, _) in TABLES.items():
        for field in model._meta.concrete_fields:
            if (table, field.name) not in NOT_EDITED:
                yield table, field.name


def test_every_column_is_edited_or_listed_with_its_reason():
    listed = {(t, f.name) for t, (m, _) in TABLES.items() for f in m._meta.concrete_fields}
    assert set(NOT_EDITED) <= listed
    assert all(reason.strip() for reason in NOT_EDITED.values())
    assert listed == set(_columns()) | set(NOT_EDITED)


@pytest.mark.parametrize(("table", "column"), list(_columns()), ids=lambda v: v.replace(" ", "_"))
def test_a_random_edit_of_any_column_is_caught_and_named(sealed_books, table, column):
    model, names = TABLES[table]
    field = model._meta.get_field(column)
    rng = random.Random(f"{SEED}:{table}:{column}")
    rows = list(model.objects.order_by("pk").values())
    edited = refused = 0
    for row in rng.sample(rows, min(ROWS_PER_COLUMN, len(rows))):
        value = row[field.attname]
        for _ in range(10):  # a value the database itself refuses (a unique index) is no tampering
            new = _other_value(rng, model, field, value, row)
            if new == value or new is None:
                continue
            with transaction.atomic():
                with connection.cursor() as cursor:
                    cursor.execute(DEFER_FK[connection.vendor])
                try:
                    with transaction.atomic():
                        model.objects.filter(pk=row["id"]).update(**{field.attname: new})
                except IntegrityError:
                    transaction.set_rollback(True)
                    refused += 1
                    continue
                problems = verify_all()
                transaction.set_rollback(True)
            where = f"{table}.{column} of #{row['id']}: {value!r} -> {new!r}"
            assert problems, f"not caught: {where}"
            expected = names(row)
            # a name ends with a space where the record's name goes on ("member #5 (own-fund no. 1)"),
            # or ends there ("member #5", as a record whose row is gone is named)
            assert any(
                name in p.record or p.record == name.rstrip() for p in problems for name in expected
            ), (where, problems[:3])
            edited += 1
            break
    # a column whose every edit the database refused (the fund of a row unique by fund and number) is
    # no way to tamper; every other column was edited, and each edit was caught
    assert edited or refused, f"no edit of {table}.{column} was tried"


def test_a_deleted_receipt_is_caught_and_named(sealed_books):
    own = sealed_books.own
    for number in (1, 3, Receipt.objects.filter(fund=own).count()):  # first, middle, last
        with transaction.atomic():
            Receipt.objects.filter(fund=own, number=number).delete()
            problems = verify_all()
            transaction.set_rollback(True)
        assert any(f"no. {number} of own-fund" in p.record for p in problems), (number, problems)


def test_two_equal_cash_lines_swapped_between_funds_are_caught(sealed_books):
    own, foreign = sealed_books.own, sealed_books.foreign
    mine = Line.objects.filter(entry__fund=own, account__code="1101", amount=3000).first()
    theirs = Line.objects.filter(entry__fund=foreign, account__code="1101", amount=3000).first()
    Line.objects.filter(pk=mine.pk).update(account_id=theirs.account_id)
    Line.objects.filter(pk=theirs.pk).update(account_id=mine.account_id)
    problems = verify_all()
    assert problems[0].record == f"line #{mine.pk} of entry #{mine.entry_id}"
    assert "belongs to fund" in problems[0].message


def test_a_cancellation_undone_or_forged_is_caught(sealed_books):
    own = sealed_books.own
    cancelled = Receipt.objects.get(fund=own, number=2)
    with transaction.atomic():
        Receipt.objects.filter(pk=cancelled.pk).update(cancelled_on=None, cancel_reason="", cancel_entry=None)
        problems = verify_all()
        transaction.set_rollback(True)
    assert any(f"receipt #{cancelled.pk}" in p.record for p in problems)
    other = Receipt.objects.get(fund=own, number=3)
    Receipt.objects.filter(pk=other.pk).update(cancelled_on=datetime.date(2025, 4, 1), cancel_reason="x")
    problems = verify_all()
    assert problems[0].record.startswith(f"receipt #{other.pk} ")
    assert "no audit event recorded its cancellation" in problems[0].message


def test_a_deleted_chain_head_is_caught(sealed_books):
    ChainHead.objects.all().delete()
    assert verify_all()
