"""The chart of accounts every fund starts from.

Codes follow the usual Thai small-organisation layout: 1 assets, 2 liabilities, 3 equity (the welfare
fund), 4 income, 5 expenses. `4101` is the control account of the member sub-ledger: each member has
a sub-account `4101-<member number>` whose lines make up the control account's total.
"""

from __future__ import annotations

from typing import NamedTuple

from sajja.core.ledger.records import AccountKind

A, L, Q, I, X = AccountKind  # noqa: E741 - one letter per kind keeps the table readable


class AccountTemplate(NamedTuple):
    code: str
    name_th: str
    name_en: str
    kind: AccountKind
    is_control: bool = False


MEMBER_CONTRIBUTIONS = "4101"
ENTRY_FEES = "4102"
REINSTATEMENT_FEES = "4103"
CASH = "1101"
# Money between a network's funds (sajja.pooling): each is posted in both books at once, and a network's
# consolidated accounts leave them out (they net to nothing across the network).
TOP_UPS_RECEIVED = "4501"
REMITTANCES_RECEIVED = "4502"
REMITTANCES_PAID = "5301"
TOP_UPS_PAID = "5302"
INTER_FUND = (TOP_UPS_RECEIVED, REMITTANCES_RECEIVED, REMITTANCES_PAID, TOP_UPS_PAID)
BANK = "1102"
WELFARE_FUND = "3101"

STANDARD_CHART: tuple[AccountTemplate, ...] = (
    AccountTemplate("1101", "เงินสด", "Cash", A),
    AccountTemplate("1102", "เงินฝากธนาคาร", "Bank deposits", A),
    AccountTemplate("1201", "ลูกหนี้เงินสมทบ อปท.", "Co-funding receivable: local government", A),
    AccountTemplate("1202", "ลูกหนี้เงินสมทบ พอช./รัฐบาล", "Co-funding receivable: central government", A),
    AccountTemplate("1203", "ลูกหนี้เงินสมทบ จังหวัด/อบจ.", "Co-funding receivable: province", A),
    AccountTemplate("1204", "ลูกหนี้เงินสมทบ ผู้สมทบอื่น", "Co-funding receivable: other donors", A),
    AccountTemplate("2101", "สวัสดิการค้างจ่าย", "Benefits payable", L),
    AccountTemplate("2201", "เงินสมทบรับเกินต้องคืน", "Co-funding overpaid, to refund", L),
    AccountTemplate("3101", "เงินกองทุนสวัสดิการ", "Welfare fund balance", Q),
    AccountTemplate("3201", "ผลสะสม", "Accumulated surplus", Q),
    AccountTemplate("4101", "เงินสัจจะสมาชิก", "Member contributions", I, is_control=True),
    AccountTemplate("4102", "ค่าสมัครสมาชิก", "Entry fees", I),
    AccountTemplate("4103", "ค่าธรรมเนียมกลับเข้าเป็นสมาชิก", "Reinstatement fees", I),
    AccountTemplate("4201", "เงินสมทบจาก อปท.", "Co-funding: local government", I),
    AccountTemplate("4202", "เงินสมทบจาก พอช./รัฐบาล", "Co-funding: central government", I),
    AccountTemplate("4203", "เงินสมทบจากจังหวัด/อบจ.", "Co-funding: province", I),
    AccountTemplate("4204", "เงินสมทบจากผู้สมทบอื่น", "Co-funding: other donors", I),
    AccountTemplate("4301", "เงินบริจาค", "Donations", I),
    AccountTemplate("4401", "ดอกเบี้ยรับ", "Interest received", I),
    AccountTemplate("4501", "เงินช่วยเหลือจากเครือข่าย", "Top-ups from the network", I),
    AccountTemplate("4502", "เงินสมทบจากกองทุนในเครือข่าย", "Remittances from the network's funds", I),
    AccountTemplate("5101", "สวัสดิการเกิด", "Benefit: birth", X),
    AccountTemplate("5102", "สวัสดิการเจ็บป่วย", "Benefit: sickness", X),
    AccountTemplate("5103", "สวัสดิการผู้สูงอายุ/บำนาญ", "Benefit: elderly and pension", X),
    AccountTemplate("5104", "สวัสดิการเสียชีวิต/ฌาปนกิจ", "Benefit: death and funeral", X),
    AccountTemplate("5105", "สวัสดิการผู้ด้อยโอกาส/ผู้พิการ", "Benefit: disadvantaged and disabled", X),
    AccountTemplate("5106", "สวัสดิการการศึกษา", "Benefit: education", X),
    AccountTemplate("5107", "สวัสดิการภัยพิบัติ", "Benefit: disaster", X),
    AccountTemplate("5108", "สวัสดิการอื่น", "Benefit: other", X),
    AccountTemplate("5201", "ค่าบริหารจัดการ", "Administration", X),
    AccountTemplate("5301", "เงินส่งสมทบเครือข่าย", "Remittances to the network", X),
    AccountTemplate("5302", "เงินช่วยเหลือกองทุนในเครือข่าย", "Top-ups to the network's funds", X),
)


def member_account_code(member_number: str) -> str:
    """The member's sub-account under the contributions control account."""
    return f"{MEMBER_CONTRIBUTIONS}-{member_number}"
