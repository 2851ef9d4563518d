"""Idempotency-Key for every API write: a retry gets the first answer, and nothing is written again."""

from __future__ import annotations

import json

from cryptography.fernet import InvalidToken
from django.core.serializers.json import DjangoJSONEncoder
from django.db import transaction
from ninja import Header, Status

from sajja.access.models import IdempotentRequest
from sajja.api import reasons
from sajja.audit.services import serialise_audited_writes
from sajja.registry.crypto import keyed_digest, seal, unseal

HEADER = "Idempotency-Key"
MAX_KEY_LENGTH = 128
REPLAYED_HEADER = "Idempotent-Replayed"
SEALED = "sealed"  # the kept answer: {"sealed": "<Fernet token of its JSON>"}
# Declared on every write so that OpenAPI documents the header; its value is read (and checked) by key_of().
KEY_HEADER = Header(
    None, alias=HEADER, description="unique id of this write (e.g. a UUID); a retry with it writes nothing"
)


def key_of(request) -> str:
    """The request's Idempotency-Key; a write without one (or with one too long to keep) is refused."""
    key = request.headers.get(HEADER, "").strip()
    if not key:
        raise reasons.KEY_REQUIRED.invalid(HEADER)
    if len(key) > MAX_KEY_LENGTH:
        raise reasons.KEY_TOO_LONG.invalid(HEADER, limit=MAX_KEY_LENGTH)
    return key


def idempotent(request, response, payload, write):
    """Run `write()` (which returns (status, body)) once per (user, Idempotency-Key) and keep its answer.

    A retry with the same key, route and body gets the kept answer (marked with the header
    Idempotent-Replayed: true) and writes nothing; the same key with another route or body is refused
    with 409. Errors are not kept: a request that failed may be sent again with its key.

    The kept answer may name a person (an enrolment's answer holds the national ID): it is stored sealed
    with the ID key, never in the clear. Records older than the retention
    (SAJJA_IDEMPOTENCY_RETENTION_DAYS, 30 days) are purged here, on every write: a retry after that is a
    new request.
    """
    key = key_of(request)
    route = f"{request.method} {request.path}"
    digest = keyed_digest(payload)  # the body may carry a national ID: keyed, never a plain hash
    with transaction.atomic():
        serialise_audited_writes()  # every write queues here, so a retry racing its first attempt waits and finds it
        IdempotentRequest.purge_expired()
        done = IdempotentRequest.objects.filter(user=request.user, key=key).first()
        if done:
            if (done.route, done.request_digest) != (route, digest):
                reused = (
                    reasons.KEY_REUSED_ON_ANOTHER_ROUTE
                    if done.route != route
                    else reasons.KEY_REUSED_WITH_ANOTHER_BODY
                )
                raise reused.conflict(HEADER)
            response[REPLAYED_HEADER] = "true"
            return Status(done.status, kept_answer(done))
        status, body = write()
        body = json.loads(json.dumps(body, cls=DjangoJSONEncoder))
        IdempotentRequest.objects.create(
            user=request.user,
            key=key,
            route=route,
            request_digest=digest,
            status=status,
            response={SEALED: seal(body)},
        )
        return Status(status, body)


def kept_answer(done: IdempotentRequest):
    """The first answer, unsealed. A record kept in the clear before answers were sealed is read as it is."""
    stored = done.response
    if not (isinstance(stored, dict) and set(stored) == {SEALED}):
        return stored
    try:
        return unseal(stored[SEALED])
    except InvalidToken:
        # The ID key changed since: the first answer cannot be read, and the write must not run twice.
        raise reasons.ANSWER_UNREADABLE.conflict(HEADER) from None
