"""No developer's words on a user's page: no "placeholder", no file names (.md, .yaml), no command lines
(`sajja ...`). The pages a treasurer and an administrator reach from the fund's page, its scheme adopted
from a template and a projection stored, are walked link by link."""

from __future__ import annotations

import datetime
import re
from html import unescape

from django.test import Client
from django.urls import reverse

from sajja.access.policy import SYSTEM
from sajja.sustainability.compute import Settings
from sajja.sustainability.models import Reason
from sajja.sustainability.projecting import compute_now
from sajja.welfare.services import adopt_template
from tests.access.world import World

COMMANDS = "audit|simulate|scheme|import|pay|report|export|rollup|cofunding|demo|serve|sweep|token|knowledge"
DEVELOPER = re.compile(rf"placeholder|\.md\b|\.ya?ml\b|\bsajja (?:{COMMANDS})\b", re.I)
# Pages for operators that show a command on purpose (a fund's own co-funding policy is set from the
# command line).
SKIPPED = ("/cofunding/profile",)


def _text(html: str) -> str:
    html = re.sub(r"<(script|style)\b.*?</\1>", " ", html, flags=re.S)
    return re.sub(r"\s+", " ", unescape(re.sub(r"<[^>]+>", " ", html)))


def _walk(client: Client, start: str, prefix: str, limit: int = 150) -> dict[str, list[str]]:
    """Each page reached from `start` under `prefix` (no downloads, no forms sent), with what it shows
    that a developer wrote."""
    seen, todo, found = set(), [start], {}
    while todo and len(seen) < limit:
        url = todo.pop(0)
        if url in seen or any(s in url for s in SKIPPED):
            continue
        seen.add(url)
        response = client.get(url)
        if response.status_code != 200 or not response["Content-Type"].startswith("text/html"):
            continue
        html = response.content.decode()
        if hits := DEVELOPER.findall(_text(html)):
            found[url] = hits
        for link in re.findall(r'href="([^"#?]+)"', html):
            link = unescape(link)
            if link.startswith(prefix) and not re.search(r"\.(csv|xlsx|pdf|svg|json)$|/logout", link):
                todo.append(link)
    # the pages that showed such words before: the scheme's references, the projection, the meetings
    assert all(any(part in u for u in seen) for part in ("/welfare/", "/sustainability/", "/meetings/")), seen
    return found


def test_no_page_shows_a_developers_words(world: World):
    fund = world.own.fund
    adopt_template(SYSTEM, fund, "codi", effective_from=datetime.date(2025, 1, 1))
    compute_now(fund, Reason.REQUEST, Settings(paths=20, years=5, scenario_paths=10))
    start = reverse("registry:fund-detail", args=[fund.code])
    for role in ("treasurer", "admin"):
        client = Client()
        client.force_login(world.users[role])
        assert _walk(client, start, f"/funds/{fund.code}/") == {}, role
