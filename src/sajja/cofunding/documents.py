"""A request as the documents a fund files: the Thai A4 PDF (member counts, amounts per party with the
amounts in Thai words, the fund-level rules with their reasons, signature blocks for the chair, the
treasurer, the committee and the local executive) and the XLSX of its member lines; and an entitlement's
member lines as rows (CSV or XLSX), for a year not requested yet.

Documents are in Thai, as the fund files them. They name members (number and name): they are made for
those who may see the fund's co-funding (the command line, or a page that checks `view_cofunding`).
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Iterator
from decimal import Decimal

from django.template.loader import render_to_string
from django.utils import translation

from sajja.cofunding.models import CofundingRequest, RequestLine
from sajja.cofunding.selectors import Computed, policy_of, profile_of, villages_of
from sajja.contributions.exports import csv_bytes, xlsx_bytes
from sajja.contributions.words import thai_words
from sajja.core.thai_dates import format_thai_date
from sajja.registry.models import Member
from sajja.schemes.cofunding import Exclusion, FiscalYear, Party

RULE_TITLES = {
    "fund_age": ("กองทุนดำเนินการมาแล้วอย่างน้อย 1 ปี", "the fund has run at least a year"),
    "registered": ("กองทุนจดทะเบียนแล้ว", "the fund is registered"),
    "coverage": ("ครอบคลุมหมู่บ้าน/ชุมชนในพื้นที่", "coverage of the villages or communities"),
    "books_closed": ("ปิดบัญชีครบทุกเดือนของปีงบประมาณ", "every month of the year closed"),
    "audit_chain": ("ห่วงโซ่ตรวจสอบบัญชีสมบูรณ์", "the audit chain intact"),
    "basic_welfare": ("มีสวัสดิการพื้นฐานตามเกณฑ์", "the basic welfare types"),
}
EXECUTIVES = {
    "tambon": "นายกองค์การบริหารส่วนตำบล",
    "municipality": "นายกเทศมนตรี",
}
STATUSES = {"active": "เป็นสมาชิก", "lapsed": "พ้นสภาพ (ขาดส่ง)", "resigned": "ลาออก", "deceased": "เสียชีวิต"}
AREAS = {"tambon": ("ตำบล", "หมู่บ้าน"), "municipality": ("เทศบาล", "ชุมชน")}


def _baht(satang: int) -> Decimal:
    """Satang as baht with two decimals (a sheet shows 365.00)."""
    return (Decimal(satang) / 100).quantize(Decimal("0.01"))


def request_pdf(request: CofundingRequest) -> bytes:
    """The request on A4, in Thai, set in a Thai font (Debian's fonts-thai-tlwg)."""
    from weasyprint import HTML  # loaded only when a PDF is asked for

    return HTML(string=request_html(request)).write_pdf()


def request_html(request: CofundingRequest) -> str:
    fund = request.fund
    fy = FiscalYear(request.fiscal_year)
    profile = profile_of(fund)
    kind = profile.area_kind if profile else ""
    where, unit = AREAS.get(kind, ("พื้นที่", "หมู่บ้าน/ชุมชน"))
    parties = [
        {
            "label": Party(p.party).label("th"),
            "ratio": p.ratio,
            "cap": p.cap_per_member,
            "amount": p.amount,
            "words": thai_words(p.amount),
            "members_capped": p.members_capped,
        }
        for p in request.parties.order_by("id")
    ]
    context = {
        "fund": fund,
        "fy": {"label": fy.label("th"), "span": fy.span("th"), "be": fy.be},
        "request": request,
        "profile": profile,
        "area": f"{where} · {len(villages_of(profile))} {unit}",
        "policy_name": policy_of(profile).name_th if profile else request.policy_code,
        "excluded": [(Exclusion(code).label("th"), n) for code, n in request.excluded_by.items()],
        "parties": parties,
        "requested": sum(p.amount for p in request.parties.exclude(party=Party.MEMBERS.value)),
        "rules": [{**r, "title": RULE_TITLES.get(r["code"], (r["code"],))[0]} for r in request.rules],
        "executive": EXECUTIVES.get(kind, "ผู้บริหารองค์กรปกครองส่วนท้องถิ่น"),
    }
    with translation.override("th"):
        return render_to_string("cofunding/request_pdf.html", context)


def _names(member_ids: Iterable[int]) -> dict[int, tuple[str, str, str, datetime.date]]:
    """(number, full name, status, joined on) of the members, in one query."""
    rows = Member.objects.filter(pk__in=list(member_ids)).values_list(
        "pk", "number", "person__title", "person__first_name", "person__last_name", "status", "joined_on"
    )
    return {
        pk: (number, f"{title}{first} {last}".strip(), status, joined)
        for pk, number, title, first, last, status, joined in rows
    }


def _why(codes: Iterable[str]) -> str:
    return "; ".join(Exclusion(c).label("th") for c in codes)


def request_rows(request: CofundingRequest) -> tuple[list[str], Iterator[list]]:
    """The request's member lines as a sheet: header and rows (amounts in baht)."""
    parties = [Party(p) for p in request.parties.order_by("id").values_list("party", flat=True)]
    header = ["เลขสมาชิก", "ชื่อ-สกุล", "วันที่สมัคร", "เงินสัจจะที่ส่งในปี (บาท)", "นับได้", "เหตุที่ไม่นับ"]
    header += [f"{p.label('th')} (บาท)" for p in parties]
    lines = list(
        RequestLine.objects.filter(request=request)
        .order_by()
        .values_list("member_id", "paid", "reasons", "amounts")
    )
    names = _names(member for member, *_ in lines)

    def rows() -> Iterator[list]:
        for member, paid, reasons, amounts in sorted(lines, key=lambda line: names[line[0]][0]):
            number, name, _status, joined = names[member]
            codes = [r for r in reasons.split(",") if r]
            yield [
                number,
                name,
                format_thai_date(joined),
                _baht(paid),
                "ไม่" if codes else "ใช่",
                _why(codes),
                *(_baht(a) for a in amounts),
            ]

    return header, rows()


def request_xlsx(request: CofundingRequest) -> bytes:
    header, rows = request_rows(request)
    return xlsx_bytes(f"สมาชิก {FiscalYear(request.fiscal_year).be}", header, rows)


def entitlement_rows(computed: Computed) -> tuple[list[str], Iterator[list]]:
    """An entitlement's member lines (computed, not requested): header and rows, with why each member who
    does not count does not, in Thai."""
    result = computed.result
    header = ["เลขสมาชิก", "ชื่อ-สกุล", "วันที่สมัคร", "สถานะ ณ สิ้นปี", "เงินสัจจะที่ส่งในปี (บาท)"]
    header += ["ปีที่เคยได้รับสมทบ", "นับได้", "เหตุที่ไม่นับ"]
    header += [f"{p.label('th')} (บาท)" for p in result.parties]
    names = _names(line.row.member_id for line in result.lines)

    def rows() -> Iterator[list]:
        for line in result.lines:
            row = line.row
            yield [
                row.number,
                names[row.member_id][1],
                format_thai_date(row.joined_on),
                STATUSES.get(row.status, row.status),
                _baht(row.paid),
                row.years_matched,
                "ใช่" if line.counted else "ไม่",
                "; ".join(result.why(line, "th")),
                *(_baht(a) for a in line.amounts),
            ]

    return header, rows()


def entitlement_csv(computed: Computed) -> bytes:
    header, rows = entitlement_rows(computed)
    return csv_bytes(header, rows)


def entitlement_xlsx(computed: Computed) -> bytes:
    header, rows = entitlement_rows(computed)
    return xlsx_bytes(f"สมาชิก {computed.fiscal_year.be}", header, rows)
