"""The fund's co-funding profile as its treasurer keeps it on a phone with no script: the area and the
registration, the villages typed one a line ("3 บ้านนาทวี"), each with its active members, and the policy
chosen by name; bad input named line by line with nothing written; the overseers reading it and, but for
the fund's officers, changing nothing; another fund's treasurer finding nothing.

    the fund: a tambon fund registered with พอช. on 1 June 2567, its tambon's villages หมู่ 1-4 ("บ้าน 1"
    to "บ้าน 4"), the national 1:1:1 policy. Members: two in หมู่ 1, one in หมู่ 2, one in หมู่ 3 who
    resigned. Today: 15 October 2569 (2026).
"""

from __future__ import annotations

import re

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from sajja.access.models import Role, RoleAssignment
from sajja.access.policy import SYSTEM
from sajja.cofunding import selectors
from sajja.cofunding.models import Village
from sajja.cofunding.services_fund import profile_data
from sajja.registry.services import change_member_status
from tests.cofunding.factories import TODAY, D, member, ready_fund, relaxed_policy, written

pytestmark = pytest.mark.django_db


def _user(fund, role: Role, name: str):
    user = get_user_model().objects.create_user(f"{name}-{fund.code}", password="x")
    RoleAssignment.objects.create(user=user, role=role, fund=fund)
    return user


@pytest.fixture
def fund(fixed_today):
    fixed_today(TODAY)
    fund = ready_fund()
    for moo in (1, 1, 2):
        member(fund, D(2025, 9, 30), moo)
    resigned = member(fund, D(2025, 9, 30), 3)
    change_member_status(SYSTEM, resigned, "resigned", D(2026, 3, 1))
    return fund


@pytest.fixture
def web(client, fund):
    client.force_login(_user(fund, Role.TREASURER, "treasurer"))
    return client


def _page(fund) -> str:
    return reverse("cofunding:profile", args=[fund.code])


def _text(response) -> str:
    """The page's words without its tags, spaces collapsed."""
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", response.content.decode()))


def _village_rows(response) -> list[tuple[str, str, str]]:
    """(number, name, active members) of each row of the villages' table."""
    html = response.content.decode()
    table = html[html.index('id="villages"') :].split("</table>")[0]
    rows = re.findall(r"<tr><td[^>]*>(.*?)</td><td[^>]*>(.*?)</td><td[^>]*>(.*?)</td></tr>", table)
    return [tuple(cell.strip() for cell in row) for row in rows]


def _profile(villages: str, *, registered_on="1/6/2567", area="tambon", number="0123", **more) -> dict:
    return {
        "part": "profile",
        "area_kind": area,
        "registered_on": registered_on,
        "registered_with": "พอช.",
        "registration_number": number,
        "villages": villages,
        **more,
    }


def _kept(fund) -> tuple:
    return profile_data(fund), Village.objects.count(), written()


def test_the_treasurer_reads_the_profile_in_thai_with_each_villages_active_members(web, fund):
    page = web.get(_page(fund))
    assert page.status_code == 200
    text = _text(page)
    assert "ข้อมูลกองทุนสำหรับการสมทบ" in text
    assert "หมู่บ้านในตำบล" in text and "วันที่จดทะเบียน 1 มิ.ย. 2567" in text  # the Buddhist era
    assert "จดทะเบียนกับ พอช." in text and "เลขทะเบียน 0123" in text
    # the member who resigned does not count: หมู่ 3 has nobody left
    assert _village_rows(page) == [
        ("1", "บ้าน 1", "2"),
        ("2", "บ้าน 2", "1"),
        ("3", "บ้าน 3", "0"),
        ("4", "บ้าน 4", "0"),
    ]
    assert "มีสมาชิกที่ยังมีสถานะอยู่ 2 จาก 4 แห่ง" in text
    assert "นโยบายสมทบกองทุนสวัสดิการชุมชน 1:1:1 ระดับชาติ" in text
    html = page.content.decode()
    assert 'id="profile"' in html and 'id="choose-policy"' in html
    assert "1 บ้าน 1\n2 บ้าน 2\n3 บ้าน 3\n4 บ้าน 4" in html  # the box holds the list as it is kept
    assert _page(fund) in web.get(reverse("cofunding:years", args=[fund.code])).content.decode()


def test_the_treasurer_changes_the_villages_and_the_registration_and_the_page_shows_them(web, fund):
    villages = "1 บ้านเหนือ\r\n\r\n3. บ้านนาทวี\r\n๕ บ้านใต้\r\n"  # a blank line, a dot, a Thai digit
    sent = _profile(
        villages,
        registered_on="15/3/2568",
        area="municipality",
        number="สข-0042",
        registered_with="พอช. สงขลา",
    )
    done = web.post(_page(fund), sent)
    assert done.status_code == 302 and done["Location"] == _page(fund)
    assert profile_data(fund).villages == ((1, "บ้านเหนือ"), (3, "บ้านนาทวี"), (5, "บ้านใต้"))
    assert profile_data(fund).registered_on == D(2025, 3, 15)

    page = web.get(_page(fund))
    text = _text(page)
    assert "บันทึกพื้นที่ การจดทะเบียน และหมู่บ้านหรือชุมชนของกองทุนแล้ว" in text
    assert "ชุมชนในเทศบาล" in text and "วันที่จดทะเบียน 15 มี.ค. 2568" in text
    assert "จดทะเบียนกับ พอช. สงขลา" in text and "เลขทะเบียน สข-0042" in text
    assert _village_rows(page) == [("1", "บ้านเหนือ", "2"), ("3", "บ้านนาทวี", "0"), ("5", "บ้านใต้", "0")]
    assert "ไม่มีในรายการนี้: หมายเลข 2: 1 คน" in text  # a member in a village no longer listed is said, not lost

    before = _kept(fund)
    again = web.post(_page(fund), sent)  # sent twice (a retry, Back and send): nothing new written
    assert again.status_code == 302
    assert _kept(fund) == before


def test_a_malformed_villages_line_is_named_by_its_number_and_nothing_is_written(web, fund):
    before = _kept(fund)
    refused = web.post(_page(fund), _profile("1 บ้านเหนือ\nบ้านนาทวี 3\n4 บ้านใต้"))
    assert refused.status_code == 400
    assert "บรรทัดที่ 2 ไม่ใช่หมายเลขตามด้วยชื่อ (เช่น 3 บ้านนาทวี): “บ้านนาทวี 3”" in _text(refused)
    assert "บ้านนาทวี 3" in refused.content.decode().split("<textarea")[1]  # what was typed is kept to fix
    assert _kept(fund) == before

    web.cookies["django_language"] = "en"
    english = web.post(_page(fund), _profile("1 North\n\n3/1 Na Thawi"))
    assert english.status_code == 400
    assert "Line 3 is not a number and a name (e.g. 3 บ้านนาทวี): “3/1 Na Thawi”" in _text(english)
    assert _kept(fund) == before


def test_a_repeated_village_number_is_refused_with_its_line(web, fund):
    before = _kept(fund)
    refused = web.post(_page(fund), _profile("1 บ้านเหนือ\n2 บ้านกลาง\n\n2 บ้านใต้"))
    assert refused.status_code == 400
    assert "บรรทัดที่ 4: หมายเลข 2 ซ้ำกัน" in _text(refused)
    assert _kept(fund) == before


def test_a_registration_date_after_today_is_refused(web, fund):
    before = _kept(fund)
    refused = web.post(_page(fund), _profile("1 บ้าน 1", registered_on="16/10/2569"))
    assert refused.status_code == 400
    assert "วันที่จดทะเบียน 16 ต.ค. 2569 เป็นวันหลังวันนี้" in _text(refused)
    assert _kept(fund) == before


def test_every_problem_of_one_sending_is_named_at_once(web, fund):
    """A bad line, a repeated number, a number out of range and a future date: all four on one page."""
    before = _kept(fund)
    refused = web.post(_page(fund), _profile("1 ก\nxx\n1 ข\n1000 ค", registered_on="1/1/2570"))
    assert refused.status_code == 400
    text = _text(refused)
    assert "บรรทัดที่ 2 ไม่ใช่หมายเลขตามด้วยชื่อ" in text
    assert "บรรทัดที่ 3: หมายเลข 1 ซ้ำกัน" in text
    assert "บรรทัดที่ 4: หมายเลขหมู่บ้านหรือชุมชนต้องเป็นเลขจำนวนเต็ม 1 ถึง 999" in text
    assert "วันที่จดทะเบียน 1 ม.ค. 2570 เป็นวันหลังวันนี้" in text
    assert _kept(fund) == before


def test_the_policy_is_chosen_by_name_and_choosing_it_again_writes_nothing(web, fund):
    page = web.get(_page(fund))
    assert re.search(r'<option value="national"[^>]*selected>', page.content.decode())
    done = web.post(_page(fund), {"part": "policy", "policy": "national"})
    assert done.status_code == 302
    assert "บันทึกนโยบายการสมทบแล้ว" in _text(web.get(_page(fund)))
    before = _kept(fund)
    assert web.post(_page(fund), {"part": "policy", "policy": "national"}).status_code == 302
    assert _kept(fund) == before
    unknown = web.post(_page(fund), {"part": "policy", "policy": "regional"})
    assert unknown.status_code == 400 and "regional" in _text(unknown)
    assert selectors.profile_of(fund).policy_code == "national" and _kept(fund) == before


def test_a_fund_with_its_own_policy_shows_it_read_only_and_says_where_it_is_set(web, fund):
    relaxed_policy(fund)
    page = web.get(_page(fund))
    text = _text(page)
    assert "ทดสอบ (relaxed)" in text and "ของกองทุนเอง" in text
    assert "2480 เป็นต้นไป: สมาชิก 1, องค์กรปกครองส่วนท้องถิ่น (อบต./เทศบาล) 1 (ไม่เกิน 365.00 บาท ต่อคน)" in text
    assert "sajja cofunding fund --fund cofund --policy FILE" in text
    html = page.content.decode()
    assert 'id="choose-policy"' not in html and 'id="profile"' in html  # the rest is still kept here
    before = _kept(fund)
    refused = web.post(_page(fund), {"part": "policy", "policy": "national"})
    assert refused.status_code == 400
    assert "กองทุนนี้ใช้นโยบายการสมทบของตนเอง: เปลี่ยนได้ทางบรรทัดคำสั่งเท่านั้น" in _text(refused)
    assert selectors.profile_of(fund).policy_code == "relaxed" and _kept(fund) == before


@pytest.mark.parametrize("role", [Role.AUDITOR, Role.COORDINATOR])
def test_an_overseer_who_is_not_an_officer_reads_the_profile_but_may_not_change_it(client, fund, role):
    user = get_user_model().objects.create_user(f"{role.value}-reader", password="x")
    scope = {"network": fund.network} if role == Role.COORDINATOR else {"fund": fund}
    RoleAssignment.objects.create(user=user, role=role, **scope)
    client.force_login(user)
    page = client.get(_page(fund))
    assert page.status_code == 200
    assert _village_rows(page)[0] == ("1", "บ้าน 1", "2")
    assert not any(f'id="{form}"' in page.content.decode() for form in ("profile", "choose-policy"))
    before = _kept(fund)
    assert client.post(_page(fund), _profile("9 บ้านใหม่")).status_code == 403
    assert client.post(_page(fund), {"part": "policy", "policy": "national"}).status_code == 403
    assert _kept(fund) == before


def test_the_committee_reads_the_profile_and_as_the_funds_officers_may_keep_it(client, fund):
    """The committee holds manage_cofunding (sajja.cofunding.apps: a fund's officers keep its profile)."""
    client.force_login(_user(fund, Role.COMMITTEE, "committee"))
    page = client.get(_page(fund))
    assert page.status_code == 200 and 'id="profile"' in page.content.decode()
    assert client.post(_page(fund), _profile("1 บ้าน 1\n2 บ้าน 2")).status_code == 302
    assert profile_data(fund).villages == ((1, "บ้าน 1"), (2, "บ้าน 2"))


def test_another_funds_treasurer_finds_nothing(client, fund):
    other = ready_fund("other-cofund")
    client.force_login(_user(other, Role.TREASURER, "treasurer"))
    before = _kept(fund)
    page = client.get(_page(fund))
    assert page.status_code == 404 and "บ้าน 1" not in _text(page)
    assert client.post(_page(fund), _profile("9 บ้านใหม่")).status_code == 404
    assert _kept(fund) == before
