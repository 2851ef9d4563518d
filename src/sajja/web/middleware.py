"""Middleware of the web pages: Thai first, domain errors translated at the edge, a busy database a 503,
the API's errors always in its JSON shape, and the security headers of every answer."""

import base64
import hashlib

from django.conf import settings
from django.core.exceptions import DisallowedHost
from django.http import Http404, JsonResponse
from django.middleware.locale import LocaleMiddleware
from django.shortcuts import render
from django.utils import translation
from django.utils.translation import pgettext_lazy

from sajja.audit import busy
from sajja.audit.reasons import BUSY
from sajja.core.errors import DomainError, NotFound, NotPermitted
from sajja.reasons import Both, Reason, in_language


class ThaiFirstLocaleMiddleware(LocaleMiddleware):
    """Pages are in Thai unless the user chose another language with the switch (its cookie).

    Django's LocaleMiddleware would follow the browser's Accept-Language, so a treasurer whose phone is
    set to English would land on an English login page; Sajja is Thai first. Use it in MIDDLEWARE in
    place of django.middleware.locale.LocaleMiddleware.
    """

    def process_request(self, request):
        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME, "")
        try:
            language = translation.get_supported_language_variant(chosen) if chosen else None
        except LookupError:
            language = None
        translation.activate(language or settings.LANGUAGE_CODE)
        request.LANGUAGE_CODE = translation.get_language()


class DomainErrorMiddleware:
    """Not found is a 404 (the same page whether the thing exists elsewhere or not), not permitted a 403,
    a write that waited too long for the database a plain 503 page ("busy, try again", with Retry-After)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if request.path.startswith("/api/"):
            return None
        if busy.is_busy(exception):
            response = render(request, "web/busy.html", {"retry_after": busy.RETRY_AFTER_SECONDS}, status=503)
            response["Retry-After"] = str(busy.RETRY_AFTER_SECONDS)
            return response
        if isinstance(exception, NotFound):
            raise Http404(in_language(exception))
        if isinstance(exception, NotPermitted):
            return render(request, "web/error.html", {"error": exception}, status=403)
        if isinstance(exception, DomainError):
            return render(request, "web/error.html", {"error": exception}, status=exception.status)
        return None


# --- the API's error shape, whoever refused ------------------------------------------------------------

# Django's own refusals under /api/, in words of their own (the context keeps them apart from the
# areas' messages of the same English).
_API_REFUSALS = {
    400: Reason("bad_request", pgettext_lazy("http refusal", "bad request")),
    403: Reason("forbidden", pgettext_lazy("http refusal", "forbidden")),
    404: Reason("not_found", pgettext_lazy("http refusal", "not found")),
    405: Reason("method_not_allowed", pgettext_lazy("http refusal", "method not allowed")),
    413: Reason("too_large", pgettext_lazy("http refusal", "the request is too large")),
    429: Reason("too_many_requests", pgettext_lazy("http refusal", "too many requests: wait a moment")),
    500: Reason(
        "server_error",
        pgettext_lazy(
            "http refusal",
            "something went wrong on the server: this request may not have been saved; check, then try again",
        ),
    ),
    503: BUSY,
}
# The English names the HTTP status; the Thai, for a person, does not.
_ANY_REFUSAL = Reason("error", pgettext_lazy("http refusal", "the request could not be done%(http_status)s"))


def _api_refusal(request, status: int, code: str = "", th: str = "", en: str = "") -> JsonResponse:
    default = _API_REFUSALS.get(status) or _ANY_REFUSAL
    default_th, default_en = default.words(http_status=Both("", f" (HTTP {status})"))
    code, th, en = code or default.code, th or default_th, en or default_en
    item = {"code": code, "where": request.path, "message_th": th, "message_en": en}
    body = {"code": code, "message_th": th, "message_en": en, "errors": [item]}
    return JsonResponse(body, status=status, json_dumps_params={"ensure_ascii": False})


class ApiErrorShapeMiddleware:
    """Under /api/, every error is in the API's JSON shape `{code, message_th, message_en, errors}`: also
    those Django answers before or around the API's own handlers (a host not allowed, a body too large, too
    many fields, a CSRF refusal, an unexpected 500), which would otherwise be its HTML pages. Put it first
    in MIDDLEWARE, so that it sees the answers of all the others."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not request.path.startswith("/api/"):
            return self.get_response(request)
        try:
            request.get_host()
        except DisallowedHost:
            return _api_refusal(
                request,
                400,
                "bad_request",
                "ชื่อเครื่องในหัวข้อ Host ไม่อยู่ในรายชื่อที่อนุญาต (SAJJA_ALLOWED_HOSTS)",
                "the Host header names a host not allowed here (SAJJA_ALLOWED_HOSTS)",
            )
        response = self.get_response(request)
        if response.status_code < 400 or response.get("Content-Type", "").startswith("application/json"):
            return response
        shaped = _api_refusal(request, response.status_code)
        for header in ("Allow", "Retry-After", "WWW-Authenticate"):
            if header in response:
                shaped[header] = response[header]
        return shaped


# --- headers of every answer ---------------------------------------------------------------------------

# The pages' only scripts are these inline handlers (confirm before a close or a reversal, print a sheet):
# allowed by their hashes, nothing else runs. Styles come only from Sajja's own style sheet
# (/static/sajja.css, sajja.web.assets): no <style> and no style="" in a page.
INLINE_HANDLERS = ("return confirm(this.dataset.confirm)", "window.print()")


def _hash(source: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(source.encode()).digest()).decode() + "'"


CONTENT_SECURITY_POLICY = "; ".join(
    [
        "default-src 'self'",
        "script-src 'unsafe-hashes' " + " ".join(_hash(h) for h in INLINE_HANDLERS),
        "style-src 'self'",
        "img-src 'self' data:",
        "object-src 'none'",
        "base-uri 'none'",
        "frame-ancestors 'none'",
        "form-action 'self'",
    ]
)
# The API's interactive documentation (django-ninja's Swagger UI) loads its script and styles from a CDN.
DOCS_POLICY = "; ".join(
    [
        "default-src 'self'",
        "script-src 'self' 'unsafe-inline' https://cdn.jsdelivr.net",
        "style-src 'self' 'unsafe-inline' https://cdn.jsdelivr.net",
        "img-src 'self' data: https://django-ninja.dev https://cdn.jsdelivr.net",
        "object-src 'none'",
        "base-uri 'none'",
        "frame-ancestors 'none'",
        "form-action 'self'",
    ]
)


class SecurityHeadersMiddleware:
    """Cache-Control: no-store on every answer (pages, PDFs, API answers, files: nearly all carry personal
    data, and none should stay in a shared phone's browser or a proxy), unless the view chose its own;
    a Content-Security-Policy on every HTML page."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if "Cache-Control" not in response:
            response["Cache-Control"] = "no-store"
        if response.get("Content-Type", "").startswith("text/html"):
            docs = request.path.startswith("/api/docs")
            response.setdefault("Content-Security-Policy", DOCS_POLICY if docs else CONTENT_SECURITY_POLICY)
        return response
