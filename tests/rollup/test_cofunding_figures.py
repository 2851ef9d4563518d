"""Co-funding in the roll-up: the fiscal year claimed (the one that ended most recently: FY 2569 on
1 December 2026), per fund and summed, per party; checked against the co-funding area's own standings.

    network net-cofunding, as of 1 December 2569 (2026):
    cofund       requested FY 2569 on 15 Oct 2569: local government and CODI owe 730 baht each (two
                 members, 365 each), due 30 Sep 2570;
                 local government paid 500 on 1 Nov 2569 (230 outstanding);
                 CODI paid 830 on 2 Nov 2569 (730 settles it, 100 overpaid), 40 refunded on 3 Nov 2569
    cofund-two   no request (not requested)
"""

from __future__ import annotations

import csv
import datetime
import io
import json
import re
from html import unescape

import pytest
from django.core.management import call_command
from django.db import transaction
from django.test import Client
from django.urls import reverse

from sajja.access.models import Role
from sajja.access.policy import SYSTEM
from sajja.cofunding import selectors as cofunding_selectors
from sajja.cofunding import services, services_money
from sajja.registry.models import Fund
from sajja.rollup import selectors
from sajja.rollup.assembly import from_books
from sajja.rollup.attention import COFUNDING_GRACE_DAYS
from sajja.rollup.books import claimed_year, compute
from sajja.rollup.figures import Cofunding, sum_of
from sajja.rollup.models import FundCofundingFigures
from sajja.rollup.services import refresh
from tests.cofunding.factories import TODAY as REQUESTED_ON
from tests.cofunding.factories import D, close_year, member, pay, ready_fund
from tests.factories import token_for, user_with

pytestmark = pytest.mark.django_db

DAY = D(2026, 12, 1)  # fiscal year 2570 in progress: 2569 is claimed
NETWORK = "net-cofunding"
LG, CG = "local_government", "central_government"


@pytest.fixture
def world(db, fixed_today):
    """cofund (requested, partly received, overpaid and partly refunded) and cofund-two (no request), their
    figures kept as of DAY. The hooks' callbacks of the setup are forgotten: a test sees its own only."""
    fixed_today(DAY)
    fund = ready_fund()
    for moo in (1, 2):
        pay(fund, member(fund, D(2025, 9, 30), moo), 400_00, D(2025, 10, 5))
    close_year(fund)
    made, _ = services.request(fund, 2569, SYSTEM, "req", today=REQUESTED_ON)
    services_money.receive(made, LG, 500_00, D(2026, 11, 1), SYSTEM, "lg-1", today=DAY)
    services_money.receive(made, CG, 830_00, D(2026, 11, 2), SYSTEM, "cg-1", today=DAY)
    services_money.refund(made, CG, 40_00, D(2026, 11, 3), SYSTEM, "cg-back", today=DAY)
    other = ready_fund("cofund-two")
    transaction.get_connection().run_on_commit.clear()
    refresh(today=DAY)
    return {"fund": fund, "made": made, "other": other}


def network(today=DAY):
    return selectors.network_figures(SYSTEM, NETWORK, today)


def rows(today=DAY):
    return {row.code: row for row in network(today).rows}


def test_the_year_claimed_is_the_one_that_ended_most_recently(world):
    assert claimed_year(DAY).be == 2569 and claimed_year(DAY).ce == 2026
    assert claimed_year(D(2026, 10, 1)).be == 2569 and claimed_year(D(2026, 9, 30)).be == 2568
    assert network().cofunding_year == claimed_year(DAY)
    assert network(D(2026, 9, 30)).total.funds_cofunding_requested == 0  # FY 2568: not requested


def test_a_request_partly_received_shows_requested_received_and_outstanding(world):
    f = rows()["cofund"].figures
    assert f.funds_cofunding_requested == 1 and f.funds_cofunding_not_requested == 0
    assert f.cofunding == {
        LG: Cofunding(requested=730_00, received=500_00, to_refund=0),
        CG: Cofunding(requested=730_00, received=730_00, to_refund=60_00),
    }
    assert list(f.cofunding) == [LG, CG]  # the co-funding pages' order
    assert f.cofunding[LG].outstanding == 230_00 and f.cofunding[CG].outstanding == 0
    assert (f.cofunding_requested, f.cofunding_received, f.cofunding_outstanding, f.cofunding_to_refund) == (
        1460_00,
        1230_00,
        230_00,
        60_00,
    )
    assert f.cofunding_overdue == 0  # due 30 Sep 2570


def test_each_party_is_what_the_cofunding_area_says_of_the_request(world):
    """The same definitions as the co-funding pages' standings (cofunding.selectors.standings)."""
    f = rows()["cofund"].figures
    standings = cofunding_selectors.standings(world["made"])
    assert {s.party.value for s in standings} == set(f.cofunding)
    for s in standings:
        kept = f.cofunding[s.party.value]
        assert (kept.requested, kept.received, kept.outstanding, kept.to_refund) == (
            s.requested,
            s.applied,
            s.outstanding,
            s.to_refund,
        )
    assert f.cofunding_requested == sum(
        amount for party, amount in world["made"].parties.values_list("party", "amount") if party != "members"
    )


def test_a_fund_without_a_request_counts_as_not_requested(world):
    two = rows()["cofund-two"]
    assert two.figures.funds_cofunding_requested == 0 and two.figures.funds_cofunding_not_requested == 1
    assert two.figures.cofunding == {} and two.figures.cofunding_total == Cofunding()
    assert "cofunding_overdue" not in [flag.code for flag in two.flags]  # shown, never flagged
    assert not FundCofundingFigures.objects.filter(fund=world["other"]).exists()


def test_the_network_total_is_the_sum_of_its_funds(world):
    r = network()
    assert vars(r.total) == vars(sum_of(row.figures for row in r.rows))
    assert (r.total.funds, r.total.funds_cofunding_requested, r.total.funds_cofunding_not_requested) == (
        2,
        1,
        1,
    )
    assert r.total.cofunding == rows()["cofund"].figures.cofunding
    assert r.total.cofunding_outstanding == sum(row.figures.cofunding_outstanding for row in r.rows) == 230_00


def test_a_province_and_the_nation_sum_the_same(world):
    Fund.objects.filter(network__code=NETWORK).update(province_code="90")
    nation = selectors.national_figures(SYSTEM, DAY)
    province = selectors.province_figures(SYSTEM, "90", DAY)
    assert vars(nation.total) == vars(province.total) == vars(network().total)
    assert nation.total.cofunding_total == Cofunding(1460_00, 1230_00, 60_00)


def test_the_kept_figures_equal_the_figures_worked_out_from_the_books(world):
    books = from_books(compute(None, DAY), DAY)
    kept = {ref.pk: inputs for ref, inputs in selectors.fund_inputs(Fund.objects.all(), {}, DAY)}
    assert kept == books
    assert kept[world["fund"].pk].cofunding == {
        LG: Cofunding(730_00, 500_00),
        CG: Cofunding(730_00, 730_00, 60_00),
    }
    assert kept[world["other"].pk].cofunding is None


def test_a_receipt_refreshes_the_figures_once_it_commits(world, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        services_money.receive(world["made"], LG, 230_00, D(2026, 11, 20), SYSTEM, "lg-2", today=DAY)
    assert len(callbacks) >= 1
    f = rows()["cofund"].figures
    assert f.cofunding[LG] == Cofunding(730_00, 730_00, 0)
    assert (f.cofunding_outstanding, f.cofunding_received) == (0, 1460_00)
    # the first write's commit is over: its callbacks are forgotten, as a real commit forgets them
    transaction.get_connection().run_on_commit.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services_money.refund(world["made"], CG, 60_00, D(2026, 11, 21), SYSTEM, "cg-back-2", today=DAY)
    assert rows()["cofund"].figures.cofunding_to_refund == 0


def test_a_request_refreshes_the_figures_once_it_commits(world, django_capture_on_commit_callbacks):
    other = world["other"]
    for moo in (1, 2):
        pay(other, member(other, D(2025, 9, 30), moo), 400_00, D(2025, 10, 5))
    close_year(other)
    transaction.get_connection().run_on_commit.clear()  # as if those writes had committed
    with django_capture_on_commit_callbacks(execute=True):
        services.request(other, 2569, SYSTEM, "req-two", today=DAY)
    two = rows()["cofund-two"].figures
    assert two.funds_cofunding_requested == 1 and two.cofunding_outstanding == 1460_00
    assert network().total.funds_cofunding_not_requested == 0


def test_once_the_next_year_is_claimed_a_year_still_owed_long_after_its_due_date_needs_attention(world):
    due = world["made"].due_on
    assert due == D(2027, 9, 30)
    on_time = rows(due + datetime.timedelta(days=COFUNDING_GRACE_DAYS))["cofund"]
    assert on_time.figures.funds_cofunding_requested == 0  # FY 2570 is claimed now: not requested
    assert "cofunding_overdue" not in [flag.code for flag in on_time.flags]
    late_day = due + datetime.timedelta(days=COFUNDING_GRACE_DAYS + 1)
    late = rows(late_day)["cofund"]
    assert late.figures.cofunding_overdue == 230_00
    flag = next(flag for flag in late.flags if flag.code == "cofunding_overdue")
    assert flag.words() == (
        "เงินสมทบ 230.00 บาท ยังค้างรับ ครบกำหนดเมื่อ 30 ก.ย. 2570 (เกิน 90 วันแล้ว)",
        "co-funding of 230.00 baht still owed, due on 30 Sep 2570 BE (more than 90 days ago)",
    )
    assert network(late_day).total.cofunding_overdue == 230_00
    assert rows(late_day)["cofund-two"].figures.cofunding_overdue == 0
    # worked out again that day, the kept figures are still what the books give
    refresh(today=late_day)
    books = from_books(compute(None, late_day), late_day)
    kept = {ref.pk: inputs for ref, inputs in selectors.fund_inputs(Fund.objects.all(), {}, late_day)}
    assert kept == books and kept[world["fund"].pk].cofunding_overdue == (230_00, due)


def test_the_api_carries_the_cofunding_figures(world):
    admin = user_with(Role.ADMIN, "cofunding-admin")
    client = Client()
    client.defaults["HTTP_AUTHORIZATION"] = f"Bearer {token_for(admin)}"
    data = client.get(reverse("api:network-figures", args=[NETWORK])).json()
    assert data["cofunding_fiscal_year"] == 2569
    assert data["total"]["cofunding"] == {
        "funds_requested": 1,
        "funds_not_requested": 1,
        "requested": 1460_00,
        "received": 1230_00,
        "outstanding": 230_00,
        "to_refund": 60_00,
        "parties": [
            {
                "party": LG,
                "label_th": "องค์กรปกครองส่วนท้องถิ่น (อบต./เทศบาล)",
                "label_en": "local government (TAO/municipality)",
                "requested": 730_00,
                "received": 500_00,
                "outstanding": 230_00,
                "to_refund": 0,
            },
            {
                "party": CG,
                "label_th": "รัฐบาล (ผ่าน พอช.)",
                "label_en": "central government (through CODI)",
                "requested": 730_00,
                "received": 730_00,
                "outstanding": 0,
                "to_refund": 60_00,
            },
        ],
        "overdue": 0,
    }
    by_fund = {row["code"]: row["figures"]["cofunding"] for row in data["rows"]}
    assert by_fund["cofund-two"]["funds_not_requested"] == 1 and by_fund["cofund-two"]["parties"] == []


def sajja_rollup(*args) -> str:
    out = io.StringIO()
    call_command("rollup", "--network", NETWORK, *args, "--as-of", "2026-12-01", stdout=out)
    return out.getvalue()


def test_the_command_line_carries_the_cofunding_figures(world):
    data = json.loads(sajja_rollup("--format", "json"))
    assert data["cofunding_fiscal_year"] == 2569
    assert data["total"]["cofunding"]["outstanding"] == 230_00
    lines = list(csv.DictReader(io.StringIO(sajja_rollup("--format", "csv"))))
    by_code = {(line["kind"], line["code"]): line for line in lines}
    fund, two, total = (
        by_code[("fund", "cofund")],
        by_code[("fund", "cofund-two")],
        by_code[("total", NETWORK)],
    )
    assert fund["cofunding_fiscal_year"] == "2569"
    assert (fund["cofunding_requested_funds"], two["cofunding_not_requested_funds"]) == ("1", "1")
    assert fund["cofunding_outstanding_satang"] == total["cofunding_outstanding_satang"] == "23000"
    assert fund["cofunding_local_government_received_satang"] == "50000"
    assert fund["cofunding_central_government_to_refund_satang"] == "6000"
    assert two["cofunding_requested_satang"] == "0" and total["cofunding_to_refund_satang"] == "6000"
    table = sajja_rollup().splitlines()
    block = table[table.index("co-funding of fiscal year 2569 BE (received: against what was requested):") :]
    lines = {line.split()[0]: line.split() for line in block[2:5]}
    assert lines["cofund"] == ["cofund", "yes", "1,460.00", "1,230.00", "230.00", "60.00"]
    assert lines["cofund-two"] == ["cofund-two", "no", "0.00", "0.00", "0.00", "0.00"]
    assert lines["TOTAL"] == ["TOTAL", "1/2", "1,460.00", "1,230.00", "230.00", "60.00"]
    assert block[5].split()[-4:] == ["730.00", "500.00", "230.00", "0.00"]  # local government


def text_of(response) -> str:
    html = re.sub(r"<(script|style)\b.*?</\1>", " ", response.content.decode(), flags=re.S)
    return re.sub(r"\s+", " ", unescape(re.sub(r"<[^>]+>", " ", html))).strip()


def test_the_network_page_shows_the_cofunding_in_baht_and_buddhist_era(world):
    coordinator = user_with(Role.COORDINATOR, "cofunding-coordinator", network=world["fund"].network)
    client = Client()
    client.force_login(coordinator)
    page = client.get(reverse("rollup:network-home", args=[NETWORK]))
    assert page.status_code == 200
    text = text_of(page)
    assert "เงินสมทบ: ปีงบประมาณ พ.ศ. 2569" in text
    assert "กองทุน cofund ยื่นคำขอแล้ว 1,460.00 บาท 1,230.00 บาท 230.00 บาท 60.00 บาท" in text
    assert "กองทุน cofund-two ยังไม่ได้ยื่นคำขอ — — — —" in text
    assert "รวม ยื่นคำขอแล้ว 1 จาก 2 กองทุน 1,460.00 บาท 1,230.00 บาท 230.00 บาท 60.00 บาท" in text
    assert "รัฐบาล (ผ่าน พอช.) 730.00 บาท 730.00 บาท 0.00 บาท 60.00 บาท" in text
    client.cookies["django_language"] = "en"
    english = text_of(client.get(reverse("rollup:network-home", args=[NETWORK])))
    assert "Co-funding: FY 2569 BE (1 Oct 2025 - 30 Sep 2026)" in english
    assert "local government (TAO/municipality) 730.00 baht 500.00 baht 230.00 baht 0.00 baht" in english
    assert "Fund cofund-two not requested" in english


def test_the_province_and_national_pages_show_the_cofunding_of_their_networks_and_provinces(world):
    Fund.objects.filter(network__code=NETWORK).update(province_code="90")
    client = Client()
    client.force_login(user_with(Role.ADMIN, "cofunding-admin"))
    for page in (reverse("rollup:province", args=["90"]), reverse("rollup:national")):
        text = text_of(client.get(page))
        assert "เงินสมทบ: ปีงบประมาณ พ.ศ. 2569" in text
        assert "ยื่นคำขอแล้ว 1 จาก 2 กองทุน 1,460.00 บาท 1,230.00 บาท 230.00 บาท 60.00 บาท" in text
