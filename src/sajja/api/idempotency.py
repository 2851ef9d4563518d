"""Idempotency-Key for every API write: a retry gets the first answer, and nothing is written again."""

from __future__ import annotations

import json

from django.core.serializers.json import DjangoJSONEncoder
from django.db import transaction

from sajja.access.models import IdempotentRequest
from sajja.audit.chain import digest_of
from sajja.core.errors import Conflict


def idempotent(request, payload, write):
    """Run `write()` once per Idempotency-Key; replay its (status, body) for a retry with the same body."""
    key = request.headers.get("Idempotency-Key", "").strip()
    if not key:
        return write()
    route = f"{request.method} {request.path}"
    digest = digest_of(payload)
    with transaction.atomic():
        done = IdempotentRequest.objects.filter(user=request.user, key=key).first()
        if done:
            if (done.route, done.request_digest) != (route, digest):
                raise Conflict(
                    "Idempotency-Key นี้ถูกใช้กับคำขออื่นแล้ว",
                    "this Idempotency-Key was already used for a different request",
                    code="idempotency_key_reused",
                )
            return done.status, done.response
        status, body = write()
        body = json.loads(json.dumps(body, cls=DjangoJSONEncoder))
        IdempotentRequest.objects.create(
            user=request.user, key=key[:128], route=route, request_digest=digest, status=status, response=body
        )
        return status, body
