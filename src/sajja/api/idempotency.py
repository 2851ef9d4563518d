"""Idempotency-Key for every API write: a retry gets the first answer, and nothing is written again."""

from __future__ import annotations

import json

from cryptography.fernet import InvalidToken
from django.core.serializers.json import DjangoJSONEncoder
from django.db import transaction
from ninja import Header, Status

from sajja.access.models import IdempotentRequest
from sajja.audit.services import lock_chain
from sajja.core.errors import Conflict, Problem, ValidationFailed
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
        raise ValidationFailed(
            [
                Problem(
                    "idempotency_key_required",
                    "ต้องส่งหัวข้อ Idempotency-Key (รหัสไม่ซ้ำของคำขอนี้ เช่น UUID) มากับทุกคำขอที่บันทึกข้อมูล",
                    "the Idempotency-Key header is required on every write (a unique id for this request, e.g. a UUID)",
                    HEADER,
                )
            ]
        )
    if len(key) > MAX_KEY_LENGTH:
        raise ValidationFailed(
            [
                Problem(
                    "idempotency_key_too_long",
                    f"Idempotency-Key ยาวเกิน {MAX_KEY_LENGTH} ตัวอักษร",
                    f"the Idempotency-Key is longer than {MAX_KEY_LENGTH} characters",
                    HEADER,
                )
            ]
        )
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
        lock_chain()  # every write queues here, so a retry racing its first attempt waits and finds it
        IdempotentRequest.purge_expired()
        done = IdempotentRequest.objects.filter(user=request.user, key=key).first()
        if done:
            if (done.route, done.request_digest) != (route, digest):
                what = "route" if done.route != route else "body"
                raise Conflict(
                    "Idempotency-Key นี้ถูกใช้กับคำขออื่นแล้ว"
                    + (" (คนละเส้นทาง)" if what == "route" else " (ข้อมูลที่ส่งไม่เหมือนครั้งแรก)")
                    + " ไม่มีการบันทึกเพิ่ม: ใช้รหัสใหม่สำหรับคำขอใหม่",
                    f"this Idempotency-Key was already used for a different request (the {what} differs)"
                    " and nothing was written: use a new key for a new request",
                    code="idempotency_key_reused",
                    where=HEADER,
                )
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
        raise Conflict(
            "คำขอนี้ถูกบันทึกแล้ว แต่อ่านคำตอบครั้งแรกไม่ได้ (กุญแจเข้ารหัสเปลี่ยนไป) ไม่มีการบันทึกเพิ่ม",
            "this request was already done, but its first answer can no longer be read (the encryption key"
            " changed); nothing more was written",
            code="idempotent_answer_unreadable",
            where=HEADER,
        ) from None
