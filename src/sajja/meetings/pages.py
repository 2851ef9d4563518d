"""What every meetings page of a fund or a network shares: finding the body the address names (404
outside the user's reach), the names of its routes, so one template serves both, and a refusal shown on
the form."""

from __future__ import annotations

from sajja.access.policy import may
from sajja.core.errors import DomainError, Problem
from sajja.meetings import selectors
from sajja.reasons import in_language
from sajja.registry.models import Fund
from sajja.registry.selectors import fund_for

ROUTES = (
    "calendar",
    "hold",
    "new",
    "schedule_new",
    "schedule",
    "detail",
    "report",
    "report_pdf",
    "attend",
    "minutes",
    "resolve",
    "attachment_add",
    "attachment",
)


def show_refusal(form, exc: DomainError) -> None:
    """Each problem the service found, in the request's language, beside its field where the form has one
    (the field says where it is), above the form otherwise."""
    for error in getattr(exc, "errors", None) or [exc]:
        where = getattr(error, "where", "")
        text = in_language(Problem(error.code, error.message_th, error.message_en))
        form.add_error(where if where in form.fields else None, text)


def body_of(request, code: str | None = None, network: str | None = None):
    """The fund (`code`) or the network (`network`) of the address, if the user reaches it."""
    if code is not None:
        return fund_for(request.user, code)
    if network is None:
        raise TypeError("body_of needs a fund's code or a network's")
    return selectors.network_for(request.user, network)


def routes(body) -> dict[str, str]:
    """URL names of the body's pages (keys with _ for templates: r.report_pdf): meetings:meeting-detail for a
    fund, meetings:network-meeting-detail for a network."""
    prefix = "meetings:meeting-" if isinstance(body, Fund) else "meetings:network-meeting-"
    return {name: prefix + name.replace("_", "-") for name in ROUTES}


def base_context(request, body) -> dict:
    is_fund = isinstance(body, Fund)
    return {
        "body": body,
        "fund": body if is_fund else None,
        "network_page": not is_fund,
        "r": routes(body),
        "can_manage": may(request.user, body, "manage_meetings"),
    }
