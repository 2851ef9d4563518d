"""Why the API refuses a request before any area is asked: no token, a body too large or malformed, a
missing or reused Idempotency-Key. Thai in the project's catalogue (`sajja.reasons`).

A refusal whose English names a detail the Thai leaves out (the class of Django's refusal) gives that
placeholder as `Both("", detail)`; the Thai ends with it.

>>> INVALID_REQUEST.words()
('ข้อมูลที่ส่งมาไม่ถูกต้อง', 'invalid request')
"""

from django.utils.translation import gettext_lazy as _

from sajja.reasons import Reason

UNAUTHENTICATED = Reason(
    "unauthenticated", _("authentication required: send a valid Authorization: Bearer <token> header")
)
NO_SUCH_ROUTE = Reason("no_such_route", _("the API has no %(path)s: see the routes at /api/docs"))
METHOD_NOT_ALLOWED = Reason("method_not_allowed", _("%(path)s does not take %(method)s: use %(allowed)s"))
TOO_LARGE = Reason("too_large", _("the request body is larger than %(mb)s MB"))
BAD_REQUEST = Reason("bad_request", _("bad request: %(kind)s"))
HTTP_ERROR = Reason(
    "http_error", _("bad request")
)  # the English is the framework's own reason, when it has one
OUT_OF_RANGE = Reason("out_of_range", _("a value is larger or longer than can be stored"))
NOT_FOUND = Reason("not_found", _("not found"))
INVALID_REQUEST = Reason("invalid", _("invalid request"))
INVALID_PERIOD = Reason("invalid_period", _("invalid period %(text)s (use YYYY-MM, e.g. 2026-01)"))

# the Idempotency-Key of a write
KEY_REQUIRED = Reason(
    "idempotency_key_required",
    _("the Idempotency-Key header is required on every write (a unique id for this request, e.g. a UUID)"),
)
KEY_TOO_LONG = Reason(
    "idempotency_key_too_long", _("the Idempotency-Key is longer than %(limit)s characters")
)
KEY_REUSED_ON_ANOTHER_ROUTE = Reason(
    "idempotency_key_reused",
    _(
        "this Idempotency-Key was already used for a different request (the route differs)"
        " and nothing was written: use a new key for a new request"
    ),
)
KEY_REUSED_WITH_ANOTHER_BODY = Reason(
    "idempotency_key_reused",
    _(
        "this Idempotency-Key was already used for a different request (the body differs)"
        " and nothing was written: use a new key for a new request"
    ),
)
ANSWER_UNREADABLE = Reason(
    "idempotent_answer_unreadable",
    _(
        "this request was already done, but its first answer can no longer be read (the encryption key"
        " changed); nothing more was written"
    ),
)

# Pydantic's reasons for a value of the body, said in Thai (the English is Pydantic's own message)
INVALID_VALUE = Reason("invalid", _("invalid value"))
VALUE_REASONS = {
    "missing": Reason("missing", _("this value is required")),
    "int_type": Reason("int_type", _("must be a whole number (amounts in satang)")),
    "int_parsing": Reason("int_parsing", _("must be a whole number")),
    "int_from_float": Reason("int_from_float", _("must be a whole number, no fraction of a satang")),
    "greater_than_equal": Reason("greater_than_equal", _("must be at least %(ge)s")),
    "less_than_equal": Reason("less_than_equal", _("must be at most %(le)s")),
    "date_parsing": Reason("date_parsing", _("a date must be written YYYY-MM-DD (common era)")),
    "date_from_datetime_parsing": Reason(
        "date_from_datetime_parsing", _("a date must be written YYYY-MM-DD (common era)")
    ),
    "string_type": Reason("string_type", _("must be text")),
    "string_too_long": Reason("string_too_long", _("the text is longer than %(max_length)s characters")),
    "list_type": Reason("list_type", _("must be a list")),
    "less_than": Reason("less_than", _("must be less than %(lt)s")),
    "greater_than": Reason("greater_than", _("must be more than %(gt)s")),
    "time_zone": Reason(
        "time_zone", _("a time is Thailand's time: give no time zone, or +07:00 (e.g. 09:30)")
    ),
    "time_parsing": Reason(
        "time_parsing", _("a time must be written HH:MM or HH:MM:SS in Thailand's time (e.g. 09:30)")
    ),
}
