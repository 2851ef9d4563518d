"""The fund's collection report and the members behind (page, CSV, XLSX), and a member's statement
as a PDF."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.utils import translation

from sajja.access.policy import require
from sajja.contributions import arrears, report_rows, selectors
from sajja.contributions.collection import collection_report
from sajja.contributions.exports import csv_download, xlsx_download
from sajja.core import thai_dates
from sajja.registry.selectors import fund_for


def _report(request, code):
    fund = fund_for(request.user, code)
    require(request.user, fund, "view_books")
    today = thai_dates.today()
    first, last = report_rows.year_periods(request.GET.get("year"), today)
    return fund, collection_report(request.user, fund, first, last, today)


@login_required
def collection(request, code):
    """Expected and collected, month by month and group by group, for one year (newest month first)."""
    fund, report = _report(request, code)
    founded = fund.founded_on.year if fund.founded_on else report.as_of.year - 5
    context = {
        "fund": fund,
        "report": report,
        "months": list(reversed(report.months)),
        "year": report.first // 100,
        "years": list(range(report.as_of.year, min(founded, report.as_of.year) - 1, -1)),
    }
    return render(request, "contributions/collection_report.html", context)


def _filename(fund, report, extension: str) -> str:
    return f"collection-{fund.code}-{report.first // 100}.{extension}"


@login_required
def collection_csv(request, code):
    fund, report = _report(request, code)
    return csv_download(_filename(fund, report, "csv"), report_rows.header(), report_rows.rows(report))


@login_required
def collection_xlsx(request, code):
    fund, report = _report(request, code)
    title = str(report.first // 100)
    return xlsx_download(
        _filename(fund, report, "xlsx"), title, report_rows.header(), report_rows.rows(report)
    )


def _behind(request, code):
    fund = fund_for(request.user, code)
    return fund, arrears.members_behind(request.user, fund)


@login_required
def behind(request, code):
    """Who is in arrears or lapsed today, group by group, the longest behind first."""
    fund, rows = _behind(request, code)
    return render(request, "contributions/members_behind.html", {"fund": fund, "rows": rows})


def _behind_file(fund, extension: str) -> str:
    return f"behind-{fund.code}-{thai_dates.today().isoformat()}.{extension}"


@login_required
def behind_csv(request, code):
    fund, rows = _behind(request, code)
    return csv_download(_behind_file(fund, "csv"), arrears.header(), arrears.rows(rows))


@login_required
def behind_xlsx(request, code):
    fund, rows = _behind(request, code)
    title = thai_dates.today().isoformat()
    return xlsx_download(_behind_file(fund, "xlsx"), title, arrears.header(), arrears.rows(rows))


def statement_document(fund, statement) -> str:
    """The statement as the HTML that becomes its PDF: always in Thai, as the fund files it."""
    with translation.override("th"):
        return render_to_string("contributions/statement_pdf.html", {"fund": fund, "s": statement})


@login_required
def statement_pdf(request, code, number):
    """A member's statement on A4, in Thai: what they paid, paid-through date, standing, receipts."""
    fund = fund_for(request.user, code)
    statement = selectors.statement_for(request.user, fund, number)
    from weasyprint import HTML  # loaded only when a PDF is asked for

    pdf = HTML(string=statement_document(fund, statement)).write_pdf()
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = (
        f'inline; filename="statement-{fund.code}-{statement.member.number}.pdf"'
    )
    return response
