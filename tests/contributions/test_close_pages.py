"""The month-end close from the treasurer's side: the months page with its button, a closed month's
summary, the API (with its Idempotency-Key) and `sajja close-month`. The fund is the one described in
tests/contributions/test_close.py (October 2026), and the day is its day, 26 November 2026: October has
ended, November has not."""

from __future__ import annotations

import re
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.test import Client
from django.urls import reverse

from sajja.access.policy import SYSTEM
from sajja.contributions.models import MonthClose
from sajja.contributions.month_end.services import close_through
from tests.contributions.factories import TODAY, row_counts
from tests.factories import token_for

OCTOBER = "2026-10"
GROUPS = [
    {"group": "G01", "expected": 6200, "collected": 36500, "members_active": 2, "members_in_arrears": 0, "members_lapsed": 0},
    {"group": "G02", "expected": 4700, "collected": 0, "members_active": 1, "members_in_arrears": 1, "members_lapsed": 1},
]  # fmt: skip


@pytest.fixture(autouse=True)
def on_the_funds_day(fixed_today):
    """The pages, the API and the command ask for today themselves: it is the fund's day."""
    fixed_today(TODAY)


@pytest.fixture
def september_closed(fund):
    """Months close oldest first: every month of the fund before October closed already."""
    close_through(SYSTEM, fund, "2026-09", today=TODAY)
    return fund


def browser(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def api(user) -> Client:
    return Client(headers={"Authorization": f"Bearer {token_for(user)}"})


def test_the_button_closes_the_month_and_shows_its_groups(september_closed, fund, treasurer):
    page = browser(treasurer)
    answer = page.post(reverse("month_end:month-close", kwargs={"code": fund.code, "period": OCTOBER}))
    assert answer.status_code == 302
    assert answer["Location"] == reverse(
        "month_end:month-close-summary", kwargs={"code": fund.code, "period": OCTOBER}
    )
    shown = page.get(answer["Location"])
    assert shown.status_code == 200
    rows = [
        (s.group.code, s.expected, s.collected, s.members_active, s.members_in_arrears, s.members_lapsed)
        for s in shown.context["summaries"]
    ]
    assert rows == [tuple(g.values()) for g in GROUPS]
    assert "365.00" in shown.content.decode()  # what G01 collected, in baht
    again = page.post(reverse("month_end:month-close", kwargs={"code": fund.code, "period": OCTOBER}))
    assert (
        again.status_code == 302 and MonthClose.objects.filter(fund=fund).count() == 22
    )  # 2025-01 to 2026-10


def test_the_months_page_offers_the_button_for_an_ended_month_only(september_closed, fund, treasurer, users):
    ended, current = OCTOBER, "2026-11"
    text = (
        browser(treasurer).get(reverse("month_end:month-closes", kwargs={"code": fund.code})).content.decode()
    )
    assert reverse("month_end:month-close", kwargs={"code": fund.code, "period": ended}) in text
    assert reverse("month_end:month-close", kwargs={"code": fund.code, "period": current}) not in text
    closes = reverse("month_end:month-closes", kwargs={"code": fund.code})
    assert len(re.findall(f'action="{closes}[^"]*/close/"', text)) == 1  # one button: the next month
    committee = browser(users["committee"]).get(reverse("month_end:month-closes", kwargs={"code": fund.code}))
    assert committee.status_code == 200
    assert (
        reverse("month_end:month-close", kwargs={"code": fund.code, "period": ended})
        not in committee.content.decode()
    )


def test_the_page_shows_the_next_month_to_close_with_what_its_close_will_do(
    september_closed, fund, treasurer
):
    """October is next: its preview names who lapses (000003) and who falls into arrears, with the
    totals; the latest closed months are a short list, September first, with no button of their own."""
    shown = browser(treasurer).get(reverse("month_end:month-closes", kwargs={"code": fund.code}))
    page = shown.context["page"]
    assert (page.open_month, page.due) == ((2026, 11), (2026, 10))
    assert [m.number for m in page.preview.lapsing] == ["000003"]
    assert (page.preview.expected, page.preview.collected) == (10900, 36500)
    assert [m.period for _, m in page.latest] == [202609, 202608, 202607, 202606, 202605, 202604]
    text = shown.content.decode()
    assert "000003" in text and page.preview.lapsing[0].name in text and "109.00" in text
    assert reverse("month_end:month-close", kwargs={"code": fund.code, "period": "2026-09"}) not in text


def test_a_month_before_the_one_before_it_is_refused_on_the_page_and_nothing_written(fund, treasurer):
    close_through(SYSTEM, fund, "2026-08", today=TODAY)
    before = (row_counts(), MonthClose.objects.count())
    page = browser(treasurer)
    answer = page.post(
        reverse("month_end:month-close", kwargs={"code": fund.code, "period": OCTOBER}), follow=True
    )
    assert answer.status_code == 200 and (row_counts(), MonthClose.objects.count()) == before
    [message] = list(answer.context["messages"])
    assert message.level_tag == "error" and "ก.ย. 2569" in str(message)  # the oldest open month, in Thai
    assert answer.context["page"].due == (2026, 9)  # and the page offers September


def test_a_month_not_over_is_refused_with_a_message_and_nothing_closed(fund, treasurer):
    page = browser(treasurer)
    answer = page.post(  # the month of TODAY
        reverse("month_end:month-close", kwargs={"code": fund.code, "period": "2026-11"}),
        follow=True,
    )
    assert answer.status_code == 200 and not MonthClose.objects.exists()
    assert [m.level_tag for m in answer.context["messages"]] == ["error"]


def test_the_api_closes_once_per_key_and_reads_the_month_back(september_closed, fund, treasurer):
    client = api(treasurer)
    url = reverse("api:close-month", kwargs={"code": fund.code, "period": OCTOBER})
    first = client.post(url, {}, content_type="application/json", headers={"Idempotency-Key": "close-1"})
    assert first.status_code == 200, first.content
    body = first.json()
    assert (body["period"], body["expected"], body["collected"], body["groups"]) == (
        OCTOBER,
        10900,
        36500,
        GROUPS,
    )
    again = client.post(url, {}, content_type="application/json", headers={"Idempotency-Key": "close-1"})
    assert again.json() == body and again["Idempotent-Replayed"] == "true"
    read = client.get(reverse("api:month-close", kwargs={"code": fund.code, "period": "2569-10"}))
    assert read.status_code == 200 and read.json() == body  # a Buddhist-era year names the same month
    months = {
        m["period"]: m for m in client.get(reverse("api:month-closes", kwargs={"code": fund.code})).json()
    }
    # the list shows the last 24 months from today, October 2026 among them
    assert months[OCTOBER]["closed"] and months[OCTOBER]["collected"] == 36500


@pytest.mark.parametrize(
    ("period", "status", "code"),
    [("2026-13", 400, "invalid_period"), ("2099-01", 400, "month_not_ended")],
)
def test_the_api_names_a_bad_period(fund, treasurer, period, status, code):
    url = reverse("api:close-month", kwargs={"code": fund.code, "period": period})
    answer = api(treasurer).post(
        url, {}, content_type="application/json", headers={"Idempotency-Key": period}
    )
    assert (answer.status_code, answer.json()["code"]) == (status, code)
    assert answer.json()["errors"][0]["where"] == "period" and not MonthClose.objects.exists()


def test_a_month_not_closed_is_not_found(fund, treasurer):
    answer = api(treasurer).get(reverse("api:month-close", kwargs={"code": fund.code, "period": OCTOBER}))
    assert answer.status_code == 404


def test_the_command_prints_each_group_and_the_total(september_closed, fund):
    out = StringIO()
    call_command("close-month", "--fund", fund.code, "--period", OCTOBER, stdout=out, stderr=StringIO())
    lines = out.getvalue().splitlines()
    assert lines[0] == f"{fund.code} 2026-10 closed"
    assert lines[2:4] == ["G01\t62.00\t365.00\t2\t0\t0", "G02\t47.00\t0.00\t1\t1\t1"]
    assert lines[4].startswith("total\t109.00\t365.00\t3\t1\t1\t(1 status changes)")
    again = StringIO()
    call_command("close-month", "--fund", fund.code, "--period", OCTOBER, stdout=again, stderr=StringIO())
    assert again.getvalue().splitlines()[1:] == lines[1:]  # the same summary
    assert (
        again.getvalue()
        .splitlines()[0]
        .startswith(f"{fund.code} 2026-10 ปิดงวดไปแล้วเมื่อ / was already closed on ")
    )
    with pytest.raises(CommandError, match="fund not found"):
        call_command("close-month", "--fund", "atlantis", "--period", OCTOBER, stderr=StringIO())
