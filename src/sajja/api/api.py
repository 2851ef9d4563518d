"""The API every area shares: the NinjaAPI instance, its one error shape and the handlers that answer in
it, the 64-bit bounds of integer parameters. Each area's routes live in its own router (registry/api.py,
ledger/api.py, welfare/api.py, …), mounted here; their handlers parse, call a selector or a service, and
shape the answer."""

from __future__ import annotations

import functools
from inspect import iscoroutinefunction

import annotated_types
from django.conf import settings
from django.core.exceptions import RequestDataTooBig, SuspiciousOperation
from django.db import DataError, OperationalError
from django.http import Http404, HttpRequest, HttpResponseNotAllowed, JsonResponse
from django.urls import URLPattern, path, re_path
from django.views.generic import RedirectView
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError
from ninja.errors import ValidationError as NinjaValidationError
from ninja.renderers import JSONRenderer

from sajja.api import reasons
from sajja.api.auth import TokenAuth
from sajja.api.idempotency import HEADER
from sajja.audit import busy
from sajja.audit.reasons import BUSY
from sajja.cofunding.api import router as cofunding_router
from sajja.contributions.api import router as contributions_router
from sajja.contributions.month_end.api import router as close_router
from sajja.core.errors import DomainError
from sajja.knowledge.api import router as knowledge_router
from sajja.ledger.api import router as ledger_router
from sajja.meetings.api import router as meetings_router
from sajja.pooling.api import router as pooling_router
from sajja.reasons import Both, Reason
from sajja.registry.api import router as registry_router
from sajja.rollup.api import router as rollup_router
from sajja.sustainability.api import router as sustainability_router
from sajja.welfare.api import router as welfare_router
from sajja.welfare.claims.api import router as claims_router
from sajja.welfare.pensions.api import router as pensions_router

DESCRIPTION = """Community welfare funds (สัจจะวันละ 1 บาท): registry and books.

* Authentication: `Authorization: Bearer <token>`. Without a valid token every route but this
  documentation answers 401.
* Amounts are integer satang (1 baht = 100 satang); dates are ISO (Christian era).
* Every write needs an `Idempotency-Key` header (a unique id per request, e.g. a UUID, at most 128
  characters). A retry with the same key and body gets the first answer again (with the header
  `Idempotent-Replayed: true`) and writes nothing; the same key with another body is refused (409).
* A fund outside your roles answers 404, as if it did not exist. Your role lacking a right answers 403.
* Every error has the shape `{code, message_th, message_en, errors: [{code, where, message_th,
  message_en}]}`, Django's own refusals included (400 bad_request, 413 too_large).
* Every integer in a path or a query is a 64-bit integer: past that range it is refused (422).
* Times of day are Thailand's (HH:MM or HH:MM:SS); a zone other than `+07:00` is refused (422).
* A request body may be at most `DATA_UPLOAD_MAX_MEMORY_SIZE` bytes (large enough for the largest evidence
  file in base64): past it the answer is 413 `too_large`.
* A write that waited too long for the database (another write held it) answers 503 `busy` with a
  `Retry-After` header: nothing of it was saved; send it again (with the same Idempotency-Key).
"""

# Every integer parameter of a path or a query is bounded by what a database column holds (64 bits):
# past it, 422 in the error shape, never an overflow in the database driver.
INT64_MIN, INT64_MAX = -(2**63), 2**63 - 1


class SajjaAPI(NinjaAPI):
    """The API, whose root (/api/) sends people to its documentation."""

    def get_openapi_schema(self, *args, **kwargs):
        """The description, with the Idempotency-Key header marked required where it is taken: every write
        refuses to run without it (with a message of its own, so the parameter is optional to the parser)."""
        schema = super().get_openapi_schema(*args, **kwargs)
        for operations in schema["paths"].values():
            for operation in operations.values():
                for parameter in operation.get("parameters", []):
                    if parameter.get("in") == "header" and parameter.get("name") == HEADER:
                        parameter["required"] = True
        return schema

    def _get_urls(self):
        self._bound_integer_parameters()
        urls = super()._get_urls()
        for url in urls:
            if isinstance(url, URLPattern) and not iscoroutinefunction(url.callback):
                url.callback = _not_allowed_in_api_shape(url.callback)
        docs = RedirectView.as_view(pattern_name=f"{self.urls_namespace}:openapi-view")
        # last: a path no route takes gets the API's error shape, not the site's HTML page
        unknown = re_path(r"^.+$", _no_such_route, name="api-unknown")
        return [u for u in urls if u.name != "api-root"] + [path("", docs, name="api-root"), unknown]

    def _bound_integer_parameters(self) -> None:
        """Give every integer parameter of a path or a query that has no bound of its own the 64-bit
        bounds: the models that parse them (and the OpenAPI generated from those) say so."""
        for _prefix, router in self._routers:
            for path_view in router.path_operations.values():
                for operation in path_view.operations:
                    for model in operation.models:
                        if getattr(model, "__ninja_param_source__", None) in ("path", "query"):
                            _bound_integers(model)


def _bound_integers(model) -> None:
    changed = False
    for field in model.model_fields.values():
        if field.annotation is not int:
            continue
        kinds = {type(m) for m in field.metadata}
        if not kinds & {annotated_types.Le, annotated_types.Lt}:
            field.metadata.append(annotated_types.Le(INT64_MAX))
            changed = True
        if not kinds & {annotated_types.Ge, annotated_types.Gt}:
            field.metadata.append(annotated_types.Ge(INT64_MIN))
            changed = True
    if changed:
        model.model_rebuild(force=True)


def _no_such_route(request: HttpRequest, *args, **kwargs) -> JsonResponse:
    body = reason_body(reasons.NO_SUCH_ROUTE, where=request.path, path=request.path)
    return JsonResponse(body, status=404, json_dumps_params={"ensure_ascii": False})


def _not_allowed_in_api_shape(view):
    """A route asked with a method it does not take answers 405 in the API's error shape (with Allow),
    not django-ninja's plain text."""

    @functools.wraps(view)
    def answer(request: HttpRequest, *args, **kwargs):
        response = view(request, *args, **kwargs)
        if not isinstance(response, HttpResponseNotAllowed):
            return response
        allowed = response["Allow"]
        body = reason_body(
            reasons.METHOD_NOT_ALLOWED,
            where=request.path,
            path=request.path,
            method=request.method,
            allowed=allowed,
        )
        refused = JsonResponse(body, status=405, json_dumps_params={"ensure_ascii": False})
        refused["Allow"] = allowed
        return refused

    return answer


class UnicodeJSONRenderer(JSONRenderer):
    """JSON in UTF-8 as it is: Thai names and messages stay readable (`ไม่พบกองทุน`, not `\\u0e44...`)."""

    json_dumps_params = {"ensure_ascii": False}


api = SajjaAPI(
    renderer=UnicodeJSONRenderer(),
    title="Sajja API",
    version="1",
    auth=TokenAuth(),
    urls_namespace="api",
    description=DESCRIPTION,
)


def error_body(code: str, message_th: str, message_en: str, items=(), where: str = "") -> dict:
    """The one shape of every error; `errors` always lists at least one problem."""
    items = list(items) or [
        {"code": code, "where": where, "message_th": message_th, "message_en": message_en}
    ]
    return {"code": code, "message_th": message_th, "message_en": message_en, "errors": items}


def reason_body(reason: Reason, items=(), where: str = "", **params) -> dict:
    """The error shape of a catalogued reason, in Thai and English."""
    return error_body(reason.code, *reason.words(**params), items, where=where)


@api.exception_handler(DomainError)
def domain_error(request: HttpRequest, exc: DomainError):
    items = [
        {"code": e.code, "where": e.where, "message_th": e.message_th, "message_en": e.message_en}
        for e in getattr(exc, "errors", [])
    ]
    body = error_body(exc.code, exc.message_th, exc.message_en, items, where=exc.where)
    return api.create_response(request, body, status=exc.status)


@api.exception_handler(AuthenticationError)
def unauthenticated(request: HttpRequest, exc: AuthenticationError):
    body = reason_body(reasons.UNAUTHENTICATED, where="Authorization")
    response = api.create_response(request, body, status=401)
    response["WWW-Authenticate"] = "Bearer"
    return response


def _mb(size: int) -> str:
    return f"{size / (1024 * 1024):.1f}".removesuffix(".0")


@api.exception_handler(RequestDataTooBig)
def too_large(request: HttpRequest, exc: RequestDataTooBig):
    limit = _mb(settings.DATA_UPLOAD_MAX_MEMORY_SIZE)
    body = reason_body(reasons.TOO_LARGE, where="body", mb=limit)
    return api.create_response(request, body, status=413)


@api.exception_handler(SuspiciousOperation)
def bad_request(request: HttpRequest, exc: SuspiciousOperation):
    body = reason_body(reasons.BAD_REQUEST, kind=Both("", exc.__class__.__name__))
    return api.create_response(request, body, status=400)


@api.exception_handler(OperationalError)
def database_busy(request: HttpRequest, exc: OperationalError):
    """A write that waited too long for the lock: 503 with Retry-After. Any other error goes on as a 500."""
    if not busy.is_busy(exc):
        raise exc
    body = error_body(BUSY.code, *BUSY.words())
    response = api.create_response(request, body, status=503)
    response["Retry-After"] = str(busy.RETRY_AFTER_SECONDS)
    return response


@api.exception_handler(DataError)
def out_of_range(request: HttpRequest, exc: DataError):
    """A value the database cannot hold (a number past its column, a text past its length): 422, and
    nothing of the write was kept (its transaction rolled back)."""
    body = reason_body(reasons.OUT_OF_RANGE)
    return api.create_response(request, body, status=422)


@api.exception_handler(OverflowError)
def overflow(request: HttpRequest, exc: OverflowError):
    return out_of_range(request, DataError(str(exc)))


@api.exception_handler(Http404)
def not_found(request: HttpRequest, exc: Http404):
    return api.create_response(request, reason_body(reasons.NOT_FOUND), status=404)


@api.exception_handler(HttpError)
def http_error(request: HttpRequest, exc: HttpError):
    thai, english = reasons.HTTP_ERROR.words()
    body = error_body(reasons.HTTP_ERROR.code, thai, str(exc) or english)
    return api.create_response(request, body, status=exc.status_code)


def _thai_reason(error: dict) -> str:
    """Pydantic's reason, said in Thai for the problems a client commonly makes."""
    ctx = error.get("ctx") or {}
    reason = reasons.VALUE_REASONS.get(error.get("type", ""), reasons.INVALID_VALUE)
    thai, _english = reason.words(
        **{bound: ctx.get(bound) for bound in ("ge", "le", "lt", "gt", "max_length")}
    )
    return thai


@api.exception_handler(NinjaValidationError)
def invalid_request(request: HttpRequest, exc: NinjaValidationError):
    items = [
        {
            "code": e.get("type", "invalid"),
            "where": ".".join(str(p) for p in e.get("loc", [])),
            "message_th": _thai_reason(e),
            "message_en": e.get("msg", "invalid"),
        }
        for e in exc.errors
    ]
    body = reason_body(reasons.INVALID_REQUEST, items)
    return api.create_response(request, body, status=422)


# Each area's routes, the registry's and the books' first (in the order they were written, which the
# OpenAPI description and the URL resolver keep).
api.add_router("", registry_router)
api.add_router("", ledger_router)
api.add_router("", welfare_router)
api.add_router("", claims_router)
api.add_router("", pensions_router)
api.add_router("", contributions_router)
api.add_router("", meetings_router)
api.add_router("", knowledge_router)
api.add_router("", close_router)
api.add_router("", sustainability_router)
api.add_router("", cofunding_router)
api.add_router("", rollup_router)
api.add_router("", pooling_router)

__all__ = ["api"]
