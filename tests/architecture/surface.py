"""What Sajja shows the outside: the OpenAPI description and every URL route, as stable text.

Moving code between areas must not change either; tests/architecture/test_surface.py compares them with the
snapshots kept beside it (regenerate with `python -m tests.architecture.surface` only when a change of the
surface is meant).
"""

from __future__ import annotations

import json
from pathlib import Path

HERE = Path(__file__).parent
OPENAPI = HERE / "openapi.json"
ROUTES = HERE / "routes.txt"


def openapi_text() -> str:
    from sajja.api.api import api

    return json.dumps(api.get_openapi_schema(), indent=1, sort_keys=True, ensure_ascii=False) + "\n"


def _walk(patterns, prefix=""):
    for pattern in patterns:
        route = prefix + str(pattern.pattern)
        if hasattr(pattern, "url_patterns"):
            yield from _walk(pattern.url_patterns, route)
        else:
            yield route


def routes_text() -> str:
    from django.urls import get_resolver

    return "\n".join(sorted(set(_walk(get_resolver().url_patterns)))) + "\n"


if __name__ == "__main__":
    import os

    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "sajja.settings")
    django.setup()
    OPENAPI.write_text(openapi_text(), encoding="utf-8")
    ROUTES.write_text(routes_text(), encoding="utf-8")
