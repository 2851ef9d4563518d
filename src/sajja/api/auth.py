"""Bearer tokens: `Authorization: Bearer <key>`; only the key's SHA-256 is stored. A token expired or
revoked, or its user deactivated, is refused (401 in the API's error shape)."""

from ninja.security import HttpBearer

from sajja.access.models import ApiToken


class TokenAuth(HttpBearer):
    def authenticate(self, request, token):
        row = ApiToken.objects.select_related("user").filter(key_hash=ApiToken.hash_key(token)).first()
        if row is None or not row.is_valid() or not row.user.is_active:
            return None
        request.user = row.user
        return row.user
