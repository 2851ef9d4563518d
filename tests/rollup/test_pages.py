"""The roll-up's pages as their users see them: a coordinator logs in and lands on their network's home,
sees which funds need attention first and a total that is the sum of the rows; an administrator sees a
province and the nation; nobody else sees them (404). Thai first, English on request."""

from __future__ import annotations

import re
from html import unescape

import pytest
from django.test import Client
from django.urls import reverse

from sajja.access.models import Role
from sajja.registry.models import Fund, Network
from tests.factories import PASSWORD, user_with


def text_of(response) -> str:
    html = re.sub(r"<(script|style)\b.*?</\1>", " ", response.content.decode(), flags=re.S)
    return re.sub(r"\s+", " ", unescape(re.sub(r"<[^>]+>", " ", html))).strip()


def rows_of(response) -> list[str]:
    """The text of each row of the page's first table body, in order."""
    body = re.search(r"<tbody>(.*?)</tbody>", response.content.decode(), re.S)[1]
    return [text_of_html(row) for row in re.findall(r"<tr.*?</tr>", body, re.S)]


def text_of_html(html: str) -> str:
    return re.sub(r"\s+", " ", unescape(re.sub(r"<[^>]+>", " ", html))).strip()


def as_user(user, language: str = "th") -> Client:
    client = Client()
    client.force_login(user)
    client.cookies["django_language"] = language
    return client


NETWORK_HOME = reverse("rollup:network-home", args=["net-a"])


def test_a_coordinator_logs_in_and_lands_on_the_network_home(network_world, users):
    client = Client()
    response = client.post(
        reverse("web:login"), {"username": "coordinator-user", "password": PASSWORD}, follow=True
    )
    assert response.redirect_chain[-1] == (NETWORK_HOME, 302)
    assert "กองทุนในเครือข่าย" in text_of(response)
    # a treasurer still lands on their funds
    treasurer = Client()
    treasurer.post(reverse("web:login"), {"username": "treasurer-user", "password": PASSWORD})
    assert treasurer.get(reverse("registry:home")).status_code == 200


def test_the_network_home_lists_the_funds_needing_attention_first_with_why(network_world, users):
    page = as_user(users["coordinator"]).get(NETWORK_HOME)
    assert page.status_code == 200
    second, own = rows_of(page)
    # both funds left October unclosed; second-fund also collected only 48 % of October's 62 baht
    assert second.startswith("กองทุน second-fund")
    assert "เดือน ต.ค. 2569 เก็บเงินสัจจะได้ 48% ของที่ควรได้ (ต่ำกว่า 80%)" in second
    assert "สิ้นเดือนแล้วยังไม่ปิดงวด 1 เดือน (ปิดล่าสุด: ก.ย. 2569)" in own
    assert "การคาดการณ์ให้โอกาสเงินหมด 62% (ตั้งแต่ 50% ขึ้นไป)" in own
    html = page.content.decode()
    for fund in ("own-fund", "second-fund"):
        assert f'href="{reverse("registry:fund-detail", args=[fund])}"' in html
    assert "foreign-fund" not in html


def test_the_total_row_is_the_sum_of_the_rows_in_baht_and_buddhist_era(network_world, users):
    page = as_user(users["coordinator"]).get(NETWORK_HOME)
    own = rows_of(page)[1]
    assert "120.00 บาท จาก 111.00 บาท (108%)" in own  # this month
    assert "210.00 บาท จาก 204.00 บาท (103%)" in own  # fiscal year 2570 to date
    assert "52,195.00 บาท" in own and "300.00 บาท 1 ราย" in own
    assert "ส่งครบ 3 ค้างส่ง 1 (20%) ขาดสมาชิกภาพ 1 ก.ย. 2569" in own
    total = text_of_html(re.search(r"<tfoot>(.*?)</tfoot>", page.content.decode(), re.S)[1])
    assert "รวม 2 กองทุน ควรดูแล 2 กองทุน ปกติ 6" in total
    assert "120.00 บาท จาก 171.00 บาท (70%)" in total  # 111 + 60 baht expected
    assert "52,225.00 บาท" in total and "เสี่ยง 1 จาก 2 กองทุน" in total
    assert "ตัวเลขเดือน พ.ย. 2569 ณ วันที่ 26 พ.ย. 2569 · ปีงบประมาณ พ.ศ. 2570" in text_of(page)
    assert "การเจ็บป่วย 1 300.00 บาท" in text_of(page)  # benefits by kind


def test_the_network_home_in_english(network_world, users):
    text = text_of(as_user(users["coordinator"], "en").get(NETWORK_HOME))
    assert "Figures for Nov 2569 BE, as of 26 Nov 2569 BE · FY 2570 BE (1 Oct 2026 - 30 Sep 2027)" in text
    assert "collected 48% of what was expected in Oct 2569 BE (below 80%)" in text
    assert "120.00 baht of 171.00 baht (70%)" in text
    assert "Benefits paid this fiscal year, by kind" in text and "sickness 1 300.00 baht" in text


def test_the_network_pages_navigation_leads_to_its_home(network_world, users):
    page = as_user(users["coordinator"]).get(reverse("meetings:network-meeting-calendar", args=["net-a"]))
    nav = re.search(r'<nav class="sections".*?</nav>', page.content.decode(), re.S)[0]
    assert f'href="{NETWORK_HOME}"' in nav


@pytest.mark.parametrize("role", ["member", "treasurer", "committee", "auditor"])
def test_a_funds_own_people_see_no_network_page(network_world, users, role):
    assert as_user(users[role]).get(NETWORK_HOME).status_code == 404


def test_a_coordinator_sees_only_their_own_network(network_world, users):
    client = as_user(users["coordinator"])
    other = client.get(reverse("rollup:network-home", args=["net-b"]))
    missing = client.get(reverse("rollup:network-home", args=["no-such-network"]))
    assert other.status_code == missing.status_code == 404
    assert "foreign-fund" not in other.content.decode()
    assert client.get(reverse("rollup:national")).status_code == 404
    assert client.get(reverse("rollup:province", args=["90"])).status_code == 404


def test_an_administrator_sees_a_province_and_the_nation(network_world, users):
    Fund.objects.filter(code__in=["own-fund", "second-fund"]).update(province_code="90")
    Fund.objects.filter(code="foreign-fund").update(province_code="23")
    Network.objects.filter(code="net-a").update(province_code="90")
    admin = as_user(users["admin"])
    nation = admin.get(reverse("rollup:national"))
    assert nation.status_code == 200
    provinces = rows_of(nation)
    assert provinces[0].startswith("สงขลา 2 กองทุน ควรดูแล 2 กองทุน") and provinces[1].startswith("ตราด 1 กองทุน")
    assert f'href="{reverse("rollup:province", args=["90"])}"' in nation.content.decode()
    assert "กองทุนที่ควรดูแลก่อน" in text_of(nation)
    province = admin.get(reverse("rollup:province", args=["90"]))
    assert province.status_code == 200 and "จังหวัด สงขลา" in text_of(province)
    assert rows_of(province)[0].startswith("เครือข่าย net-a 2 กองทุน")
    assert f'href="{NETWORK_HOME}"' in province.content.decode()
    assert admin.get(reverse("rollup:province", args=["99"])).status_code == 404  # no fund there
    home = admin.get(NETWORK_HOME)
    assert (
        home.status_code == 200
        and f'href="{reverse("rollup:province", args=["90"])}"' in home.content.decode()
    )


def test_a_fund_never_worked_out_is_listed_and_says_so(network_world, users):
    Fund.objects.create(network=network_world["own"].network, code="new-fund", name_th="กองทุนใหม่")
    rows = rows_of(as_user(users["coordinator"]).get(NETWORK_HOME))
    new = next(row for row in rows if row.startswith("กองทุนใหม่"))
    assert "ยังไม่ได้คำนวณตัวเลข" in new


def test_a_coordinator_of_two_networks_lands_on_their_funds(network_world):
    user = user_with(Role.COORDINATOR, "two-networks", network=network_world["own"].network)
    user.roles.create(role=Role.COORDINATOR, network=network_world["foreign"].network)
    assert as_user(user).get(reverse("registry:home")).status_code == 200
