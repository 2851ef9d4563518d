"""The pages' two static files (the style sheet and the icon), served by Sajja itself, cached for a year.

One small CSS file for every page instead of a copy in each: a phone fetches it once, then keeps it. Its
address carries a hash of its content (`/static/sajja.css?v=1a2b3c4d`), so a new version is a new address
and the old copy can be kept "immutable". No collectstatic step and no other server to set up: the files
are read from sajja/web/static once, when the first one is asked for, and answered from memory by
`StaticAssetsMiddleware`, before sessions and logins (a file is the same for everyone). `/favicon.ico`,
which browsers and other tools ask for by that name, answers the icon.
"""

from __future__ import annotations

import hashlib
import mimetypes
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from django.conf import settings
from django.http import HttpResponse, HttpResponseNotModified

STATIC_DIR = Path(__file__).resolve().parent / "static"
DAY = 24 * 60 * 60
YEAR = 365 * DAY
ALIASES = {"/favicon.ico": "favicon.ico"}
TYPES = {".css": "text/css; charset=utf-8", ".ico": "image/x-icon", ".svg": "image/svg+xml"}


@dataclass(frozen=True)
class Asset:
    body: bytes
    content_type: str
    version: str  # the first 12 hex digits of the content's SHA-256


@cache
def assets() -> dict[str, Asset]:
    found = {}
    for path in sorted(STATIC_DIR.iterdir()):
        if path.is_file() and not path.name.startswith("."):
            body = path.read_bytes()
            kind = TYPES.get(path.suffix) or mimetypes.guess_type(path.name)[0] or "application/octet-stream"
            found[path.name] = Asset(body, kind, hashlib.sha256(body).hexdigest()[:12])
    return found


def asset_url(name: str) -> str:
    """The address of a static file, versioned by its content: '/static/sajja.css?v=…'."""
    return f"{settings.STATIC_URL}{name}?v={assets()[name].version}"


class StaticAssetsMiddleware:
    """Answer GET and HEAD for the static files (and /favicon.ico); every other request passes on."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        name = ALIASES.get(request.path)
        if name is None and request.path.startswith(settings.STATIC_URL):
            name = request.path.removeprefix(settings.STATIC_URL)
        if name is None or request.method not in ("GET", "HEAD"):
            return self.get_response(request)
        asset = assets().get(name)
        if asset is None:
            return self.get_response(request)  # not ours: the ordinary 404
        etag = f'"{asset.version}"'
        if etag in request.headers.get("If-None-Match", ""):
            response = HttpResponseNotModified()
        else:
            response = HttpResponse(asset.body, content_type=asset.content_type)
        response["ETag"] = etag
        # The versioned address of a page never changes content: kept a year; the bare one, a day.
        versioned = request.GET.get("v") == asset.version
        response["Cache-Control"] = (
            f"public, max-age={YEAR}, immutable" if versioned else f"public, max-age={DAY}"
        )
        return response
