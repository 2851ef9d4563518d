"""One vocabulary for a member's standing, from the scheme's rules to the close to the pages: paid up
(ส่งครบ), in arrears (ค้างส่ง), lapsed (ขาดสมาชิกภาพ). The fund is test_close.py's, October 2026: three
members paid up, one in arrears, one lapsed.

Closes kept before the words were settled hold `active` for a member paid up; migration 0008 renames
them, and the audit chain (whose digests cover every standing's word) keeps verifying: each close
renamed gets an event recording it as it is now. A close already changed outside Sajja is left as it
is, and verify goes on naming it.
"""

from __future__ import annotations

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.test import Client
from django.urls import reverse
from django.utils import translation

from sajja.audit.models import AuditEvent
from sajja.audit.verify import verify_all
from sajja.contributions.models import MemberMonthStanding, MonthClose, StandingChoice
from sajja.contributions.month_end.services import close_through
from sajja.schemes.contributions import Standing
from tests.contributions.factories import TODAY, standings

OCTOBER = "2026-10"
BEFORE = [("contributions", "0007_receipt_digest")]
RENAMED = "contributions.month.close.standing_renamed"


def test_the_close_keeps_the_schemes_words_and_the_pages_say_them():
    assert [c.value for c in StandingChoice] == [s.value for s in Standing]
    for language, words in (
        ("th", ["ส่งครบ", "ค้างส่ง", "ขาดสมาชิกภาพ"]),
        ("en", ["paid up", "in arrears", "lapsed"]),
    ):
        with translation.override(language):
            assert [str(label) for label in StandingChoice.labels] == words
    field = MemberMonthStanding._meta.get_field("standing")
    assert field.choices == StandingChoice.choices


def test_every_standing_the_close_writes_is_one_of_the_choices(fund, treasurer):
    close = close_through(treasurer, fund, OCTOBER, today=TODAY)
    words = sorted(standing for _, _, standing, _ in standings(close).values())
    assert words == ["in_arrears", "lapsed", "paid_up", "paid_up", "paid_up"]
    for row in MemberMonthStanding.objects.filter(close=close):
        row.full_clean()  # the choices accept every word written


@pytest.mark.parametrize(
    ("language", "shown", "not_shown"),
    [
        ("th", ["ส่งครบ", "ค้างส่ง", "ขาดสมาชิกภาพ"], ["ปกติ"]),
        ("en", ["Paid up", "In arrears", "Lapsed"], ["Active"]),
    ],
)
def test_the_close_pages_name_the_counts_by_the_standings_words(fund, treasurer, language, shown, not_shown):
    close_through(treasurer, fund, OCTOBER, today=TODAY)
    page = Client()
    page.force_login(treasurer)
    page.cookies["django_language"] = language
    for url in (
        reverse("month_end:month-closes", kwargs={"code": fund.code}),
        reverse("month_end:month-close-summary", kwargs={"code": fund.code, "period": OCTOBER}),
    ):
        text = page.get(url).content.decode()
        for words in shown:
            assert f'<th class="num">{words}</th>' in text and f'data-label="{words}">' in text, (url, words)
        for words in not_shown:
            assert words not in text, (url, words)


def _migrate(targets) -> None:
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)


def _latest_state() -> list[tuple[str, str]]:
    return MigrationExecutor(connection).loader.graph.leaf_nodes()


@pytest.mark.django_db(transaction=True)
def test_old_closes_are_renamed_and_the_audit_chain_still_verifies(fund, treasurer):
    october = close_through(treasurer, fund, OCTOBER, today=TODAY)
    september = close_through(treasurer, fund, "2026-09", today=TODAY)
    # what verify finds before any rename (the fund's builder moved members into groups outside Sajja):
    # no month close among it, and the renames add nothing to it
    found = verify_all()
    assert not [f for f in found if f.record.startswith("month close")]
    latest = _latest_state()
    try:
        _migrate(BEFORE)  # the words as they were: each close renamed back, and recorded so
        assert (standings(october)["000001"][2], standings(september)["000002"][2]) == ("active", "active")
        assert AuditEvent.objects.filter(action=RENAMED).count() == 22  # every close, 2025-01 to 2026-10
        assert verify_all() == found

        # September's standings edited outside Sajja: verify names the close, before and after
        MemberMonthStanding.objects.filter(close=september, member__number="000004").update(arrears=1)
        tampered = verify_all()
        assert [f.record for f in tampered if f not in found] == [
            f"month close #{september.pk} (own-fund 2026-09)"
        ]

        _migrate(latest)
        assert [s[2] for s in standings(october).values()].count("paid_up") == 3
        assert standings(september)["000002"][2] == "active"  # left as it was found
        # every close renamed back, then each forward but the tampered September (months close in order:
        # January 2025 to October 2026)
        every = [str(pk) for pk in MonthClose.objects.order_by("pk").values_list("pk", flat=True)]
        assert list(AuditEvent.objects.filter(action=RENAMED).values_list("object_id", flat=True)) == [
            *every,
            *(pk for pk in every if pk != str(september.pk)),
        ]
        assert verify_all() == tampered
    finally:
        _migrate(latest)
