"""The limit on administration costs, as a treasurer meets it: an expense near the limit posts with a
warning, one past it is refused with nothing written, unless a resolution of the fund's own meeting allows
the fiscal year's costs past the limit; then the entry is kept with that resolution, and audited.

The fund receives 100,000 baht of contributions on 1 October 2025 (fiscal year 2569): its money for the
year is 100,000 baht, the national limit 20 % is 20,000 baht, the warning starts at 16,000 baht.
"""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse

from sajja.access.policy import SYSTEM
from sajja.audit.verify import verify_all
from sajja.cofunding.admin_cost import admin_cost_of, set_admin_limit
from sajja.cofunding.models import AdminCostOverride
from sajja.core.errors import ValidationFailed
from sajja.core.ledger.records import Entry, Posting
from sajja.ledger.models import Entry as StoredEntry
from sajja.ledger.services import post_entries, post_entry, reverse_entry
from sajja.meetings.services_minutes import HoldData, hold_meeting, resolve
from sajja.schemes.cofunding import FiscalYear
from tests.factories import enrol_own_member, make_fund, role_users, token_for

pytestmark = pytest.mark.django_db

D = datetime.date
T = datetime.time
FY = FiscalYear(2026)
_n = iter(range(1, 10_000))


NOVEMBER = D(2025, 11, 1)


def admin(amount_baht: int, day: datetime.date = NOVEMBER, key: str | None = None) -> Entry:
    return Entry(
        day,
        "ค่าเครื่องเขียนและค่าเดินทางกรรมการ",
        (Posting("5201", amount_baht * 100), Posting("1101", -amount_baht * 100)),
        "general",
        key or f"admin-{next(_n)}",
    )


@pytest.fixture
def fund():
    fund = make_fund("admincost", "net-admin")
    post_entry(
        SYSTEM,
        fund,
        Entry(
            D(2025, 10, 1),
            "เงินสัจจะรวม",
            (Posting("1101", 100_000_00), Posting("4301", -100_000_00)),
            "general",
            "in",
        ),
    )
    return fund


def resolution_for(fund, years):
    meeting = hold_meeting(SYSTEM, fund, HoldData(2569, next(_n), D(2025, 12, 5), None, "ประชุม", T(9), T(12)))
    return resolve(SYSTEM, meeting, "อนุญาตค่าบริหารจัดการเกินร้อยละ 20 ปีงบประมาณ 2569", "admin_cost", years)


def test_within_the_limit_posts_without_a_word(fund):
    result = post_entries(SYSTEM, fund, [admin(10_000)])
    assert result.posted == 1 and result.warnings == []
    cost = admin_cost_of(fund, FY).cost
    assert (cost.base, cost.spent, cost.ceiling) == (100_000_00, 10_000_00, 20_000_00)


def test_near_the_limit_posts_with_a_warning_that_says_how_much_is_used(fund):
    result = post_entries(SYSTEM, fund, [admin(16_500)])
    assert result.posted == 1
    [warning] = result.warnings
    assert warning.code == "cofunding_admin_cost_near"
    assert "16.5" in warning.message_en and "20%" in warning.message_en
    assert "16,500.00" in warning.message_th


def test_past_the_limit_is_refused_and_nothing_is_written(fund):
    post_entries(SYSTEM, fund, [admin(15_000)])
    entries = StoredEntry.objects.filter(fund=fund).count()
    with pytest.raises(ValidationFailed) as refused:
        post_entries(SYSTEM, fund, [admin(5_001)])
    assert refused.value.errors[0].code == "cofunding_admin_cost_past"
    assert "20,001.00" in refused.value.message_th and "20,000.00" in refused.value.message_th
    assert StoredEntry.objects.filter(fund=fund).count() == entries


def test_exactly_at_the_limit_posts(fund):
    result = post_entries(SYSTEM, fund, [admin(20_000)])
    assert result.posted == 1 and [w.code for w in result.warnings] == ["cofunding_admin_cost_near"]


def test_a_resolution_of_the_fund_allows_it_and_the_entry_keeps_the_resolution(fund):
    post_entries(SYSTEM, fund, [admin(19_000)])
    resolution = resolution_for(fund, "2569")
    result = post_entries(SYSTEM, fund, [admin(3_000)], authorised_by=resolution.pk)
    assert [w.code for w in result.warnings] == ["cofunding_admin_cost_allowed"]
    kept = AdminCostOverride.objects.get(entry_id=result.entry_ids[0])
    assert (kept.resolution_id, kept.spent_before, kept.adding, kept.limit_percent) == (
        resolution.pk,
        19_000_00,
        3_000_00,
        20,
    )
    assert verify_all() == []


def test_a_resolution_for_another_year_or_another_fund_does_not_allow_it(fund):
    post_entries(SYSTEM, fund, [admin(19_000)])
    other_year = resolution_for(fund, "2570")
    other = make_fund("othercost", "net-admin")
    foreign = resolution_for(other, "2569")
    for named in (other_year, foreign):
        with pytest.raises(ValidationFailed) as refused:
            post_entries(SYSTEM, fund, [admin(3_000)], authorised_by=named.pk)
        assert refused.value.errors[0].code == "cofunding_admin_cost_resolution_invalid"
    assert not AdminCostOverride.objects.exists()


def test_a_resolution_names_the_year_in_either_era_once(fund):
    resolution = resolution_for(fund, "2569, 2026")
    assert list(resolution.links.values_list("kind", "ref")) == [("admin_cost", "2569")]
    meeting = resolution.meeting
    with pytest.raises(ValidationFailed) as refused:
        resolve(SYSTEM, meeting, "อนุญาต", "admin_cost", "26")
    assert refused.value.errors[0].code == "link_not_a_fiscal_year"


def test_a_retry_of_an_entry_posted_before_the_limit_was_reached_gets_its_first_answer(fund):
    first = admin(18_000, key="retry-me")
    post_entries(SYSTEM, fund, [first])
    post_entries(SYSTEM, fund, [admin(1_000)])
    again = post_entries(SYSTEM, fund, [first])
    assert again.replayed and again.warnings == []


def test_a_reversal_lowers_the_year_s_costs_and_is_never_refused(fund):
    entry = post_entry(SYSTEM, fund, admin(19_000))
    reverse_entry(SYSTEM, entry, D(2025, 11, 2), key="undo")
    assert admin_cost_of(fund, FY).cost.spent == 0
    assert post_entries(SYSTEM, fund, [admin(15_000)]).warnings == []


def test_the_fund_s_own_limit_from_a_fiscal_year_on(fund):
    set_admin_limit(SYSTEM, fund, 10, FY, note="มติที่ประชุมใหญ่ 2568")
    with pytest.raises(ValidationFailed) as refused:
        post_entries(SYSTEM, fund, [admin(10_001)])
    assert "10%" in refused.value.message_en
    assert admin_cost_of(fund, FiscalYear(2025)).cost.limit_percent == 20  # the year before: the national
    with pytest.raises(ValidationFailed) as bad:
        set_admin_limit(SYSTEM, fund, 0, FY)
    assert bad.value.errors[0].code == "cofunding_admin_limit_invalid"


def test_the_year_s_money_counts_what_the_fund_held_at_its_start(fund):
    """FY 2570 starts with the 100,000 baht less FY 2569's costs; its income so far is added."""
    post_entries(SYSTEM, fund, [admin(10_000)])
    cost = admin_cost_of(fund, FiscalYear(2027)).cost
    assert (cost.base, cost.spent) == (90_000_00, 0)


def test_the_entry_form_refuses_then_posts_with_the_resolution_and_warns(fund, client):
    users = role_users(fund, enrol_own_member(fund))
    client.force_login(users["treasurer"])
    post_entries(SYSTEM, fund, [admin(19_000)])
    url = reverse("ledger:entry-new", args=[fund.code])
    form = {
        "token": "t-1",
        "date": "2025-11-02",
        "memo": "ค่าจ้างทำบัญชี",
        "debit": "5201",
        "credit": "1101",
        "amount": "3000",
    }
    refused = client.post(url, form)
    assert refused.status_code == 200
    assert "เกินเพดานร้อยละ 20 (20,000.00 บาท) จึงยังไม่ได้บันทึกรายการ" in refused.content.decode()
    assert not StoredEntry.objects.filter(fund=fund, idempotency_key="web:t-1").exists()
    resolution = resolution_for(fund, "2569")
    page = client.get(url).content.decode()
    assert f'value="{resolution.pk}"' in page
    posted = client.post(url, form | {"authorised_by": str(resolution.pk)}, follow=True)
    assert StoredEntry.objects.filter(fund=fund, idempotency_key="web:t-1").exists()
    assert AdminCostOverride.objects.filter(resolution=resolution).count() == 1
    assert "รวมเป็น 22,000.00 บาท เกินเพดานร้อยละ 20" in posted.content.decode()  # the warning, in Thai


def test_the_api_refuses_past_the_limit_and_posts_with_the_resolution_and_its_warning(fund, client):
    users = role_users(fund, enrol_own_member(fund))
    post_entries(SYSTEM, fund, [admin(19_000)])
    url = reverse("api:post-entry", kwargs={"code": fund.code})
    body = {
        "date": "2025-11-03",
        "memo": "ค่าจ้างทำบัญชี",
        "lines": [{"account": "5201", "debit": 3_000_00}, {"account": "1101", "credit": 3_000_00}],
    }

    def post(payload, key):
        headers = {"Authorization": f"Bearer {token_for(users['treasurer'])}", "Idempotency-Key": key}
        return client.post(url, payload, content_type="application/json", headers=headers)

    refused = post(body, "api-admin-1")
    assert refused.status_code == 400, refused.content
    assert refused.json()["errors"][0]["code"] == "cofunding_admin_cost_past"
    resolution = resolution_for(fund, "2026")
    posted = post(body | {"authorised_by": resolution.pk}, "api-admin-2")
    assert posted.status_code == 201, posted.content
    assert [w["code"] for w in posted.json()["warnings"]] == ["cofunding_admin_cost_allowed"]
    assert AdminCostOverride.objects.get().entry_id == posted.json()["id"]


def test_income_posted_in_the_same_batch_counts_in_the_fund_s_money(fund):
    """30,000 baht of administration is past 20 % of 100,000, within 20 % of the 150,000 the batch brings."""
    gift = Entry(
        D(2025, 11, 1),
        "เงินบริจาค",
        (Posting("1102", 50_000_00), Posting("4301", -50_000_00)),
        "general",
        "gift",
    )
    result = post_entries(SYSTEM, fund, [gift, admin(30_000)])
    assert result.posted == 2 and [w.code for w in result.warnings] == ["cofunding_admin_cost_near"]
