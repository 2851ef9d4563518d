"""The one-page report to members after a meeting, to pin on the village notice board: on screen, and
as an A4 PDF set in a Thai font (Debian's fonts-thai-tlwg), the way the contributions area prints receipts."""

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.utils import translation
from django.views.decorators.http import require_GET

from sajja.core.thai_dates import format_period
from sajja.meetings import selectors
from sajja.meetings.pages import base_context, body_of
from sajja.meetings.selectors_report import month_report

PRINTED_RESOLUTIONS = 8  # what fits one A4 page beside the money; the rest are in the minutes
PRINTED_CHARS = 120


def _context(request, code, network, pk, lang: str, printed: bool = False) -> dict:
    body = body_of(request, code, network)
    meeting = selectors.meeting_for(request.user, body, pk)
    report = month_report(meeting)
    shown = report.resolutions[:PRINTED_RESOLUTIONS] if printed else report.resolutions
    return {
        **base_context(request, body),
        "report": report,
        "period": format_period(report.year, report.month, lang),
        "resolutions": shown,
        "more": len(report.resolutions) - len(shown),
        "chars": PRINTED_CHARS if printed else 2000,
    }


@login_required
@require_GET
def meeting_report(request, pk, code=None, network=None):
    return render(
        request,
        "meetings/meeting_report.html",
        _context(request, code, network, pk, translation.get_language() or "th"),
    )


def report_pdf(context: dict) -> bytes:
    """The report as one A4 page of PDF, in Thai whatever the reader's language on screen."""
    with translation.override("th"):
        html = render_to_string("meetings/meeting_report_pdf.html", context)
    from weasyprint import HTML  # loaded only when a PDF is asked for

    return HTML(string=html).write_pdf()


@login_required
@require_GET
def meeting_report_pdf(request, pk, code=None, network=None):
    context = _context(request, code, network, pk, "th", printed=True)
    response = HttpResponse(report_pdf(context), content_type="application/pdf")
    meeting = context["report"].meeting
    name = f"report-{context['body'].code}-{meeting.date.isoformat()}.pdf"
    response["Content-Disposition"] = f'inline; filename="{name}"'
    return response
