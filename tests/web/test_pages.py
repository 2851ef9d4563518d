"""The web pages as a new user meets them: Thai first, a real login, the members and the books."""

from __future__ import annotations

import datetime
import re
from html import unescape

import pytest
from django.test import Client, RequestFactory
from django.urls import reverse
from django.utils import translation

from sajja.access.policy import SYSTEM
from sajja.core.ledger.records import Entry as EntryRecord
from sajja.core.ledger.records import Posting
from sajja.ledger.models import ClosedPeriod, Entry
from sajja.ledger.services import post_entry
from sajja.web.middleware import ThaiFirstLocaleMiddleware
from tests.access.world import World
from tests.factories import PASSWORD, contribution


def text_of(response) -> str:
    """The page's visible text, tags removed and spaces collapsed."""
    html = response.content.decode()
    html = re.sub(r"<(script|style)\b.*?</\1>", " ", html, flags=re.S)
    return re.sub(r"\s+", " ", unescape(re.sub(r"<[^>]+>", " ", html))).strip()


def hidden(response, name: str) -> str:
    match = re.search(rf'name="{name}" value="([^"]*)"', response.content.decode())
    assert match, f"no hidden field {name} on the page"
    return match[1]


def links(response) -> list[str]:
    return re.findall(r'href="([^"]+)"', response.content.decode())


def logged_in(world: World, role: str) -> Client:
    client = Client()
    client.force_login(world.users[role])
    return client


def fund_url(name: str, world: World, **kwargs) -> str:
    return reverse(name, kwargs={"code": world.own.fund.code, **kwargs})


# --- Thai first ---------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_the_login_page_is_in_thai_by_default():
    response = Client().get(reverse("web:login"))
    assert response.status_code == 200
    page = text_of(response)
    assert "เข้าสู่ระบบ" in page
    assert "ชื่อผู้ใช้" in page and "รหัสผ่าน" in page
    assert '<html lang="th">' in response.content.decode()
    assert "Log in" not in page


def test_thai_first_middleware_ignores_the_browser_language_but_follows_the_users_choice():
    """ThaiFirstLocaleMiddleware: an English phone still gets Thai; the language switch's cookie wins."""
    factory = RequestFactory()
    seen = {}

    def page(request):
        seen["language"] = translation.get_language()
        return None

    middleware = ThaiFirstLocaleMiddleware(page)
    for cookie, expected in [(None, "th"), ("en", "en"), ("th", "th"), ("klingon", "th")]:
        request = factory.get("/", HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")
        if cookie:
            request.COOKIES["django_language"] = cookie
        middleware.process_request(request)
        chosen = request.LANGUAGE_CODE
        assert chosen == expected, cookie
    translation.activate("th")


# --- a treasurer's first visit ------------------------------------------------------------------------


def test_the_treasurer_logs_in_with_the_form_and_reaches_the_members_and_the_trial_balance(world: World):
    client = Client(enforce_csrf_checks=True)
    login = client.get(reverse("web:login"))
    response = client.post(
        reverse("web:login"),
        {
            "username": "treasurer-user",
            "password": PASSWORD,
            "next": "",
            "csrfmiddlewaretoken": hidden(login, "csrfmiddlewaretoken"),
        },
    )
    assert response.status_code == 302 and response["Location"] == reverse("registry:home")

    home = client.get(reverse("registry:home"))
    assert "กองทุนของคุณ" in text_of(home)
    fund_page_url = fund_url("registry:fund-detail", world)
    assert fund_page_url in links(home)
    assert "foreign-fund" not in home.content.decode()

    fund_page = client.get(fund_page_url)
    assert fund_page.status_code == 200
    members_url, tb_url = fund_url("registry:member-list", world), fund_url("ledger:trial-balance", world)
    assert members_url in links(fund_page) and tb_url in links(fund_page)

    members = text_of(client.get(members_url))
    assert "สมศรี ใจดี" in members and "มานี มีนา" in members
    assert "สมาชิก 2 คน" in members

    tb = client.get(tb_url)
    assert tb.status_code == 200
    page = text_of(tb)
    assert "งบทดลอง" in page and "ยอดสมดุล" in page
    assert "เงินสด" in page and "30.00" in page


def test_dates_are_in_the_buddhist_era_and_amounts_in_baht(world: World):
    post_entry(
        SYSTEM,
        world.own.fund,
        EntryRecord(
            datetime.date(2025, 2, 20),
            "เงินบริจาคงานบุญ",
            (Posting("1102", 123450), Posting("4301", -123450)),
            "general",
            "donation-1",
        ),
    )
    client = logged_in(world, "treasurer")
    members = text_of(client.get(fund_url("registry:member-list", world)))
    assert "1 ม.ค. 2568" in members  # joined 2025-01-01
    assert "2025" not in members

    member = text_of(client.get(fund_url("registry:member-detail", world, number=world.own.member.number)))
    assert "30.00 บาท" in member  # the contribution of 16 Feb 2025
    assert "16 ก.พ. 2568" in member
    assert "1 พ.ค. 2503" in member  # born 1960-05-01

    tb = text_of(client.get(fund_url("ledger:trial-balance", world)))
    assert "1,234.50" in tb
    assert "1,264.50 บาท" in tb  # total debits: 30.00 cash + 1,234.50 bank

    accounts = text_of(client.get(fund_url("ledger:account-list", world)))
    # balances on each account's normal side: contributions and donations received are not negative
    assert "เงินสัจจะสมาชิก บัญชีย่อยรายสมาชิก 0.00 30.00 30.00 บาท" in accounts
    assert "เงินบริจาค 0.00 1,234.50 1,234.50 บาท" in accounts
    assert "-30.00" not in accounts


def test_switching_to_english_shows_english_labels_and_back(world: World):
    client = logged_in(world, "treasurer")
    here = fund_url("registry:member-list", world)
    response = client.post(reverse("set_language"), {"language": "en", "next": here})
    assert response.status_code == 302 and response["Location"] == here

    page = text_of(client.get(here))
    assert "Members" in page and "Search" in page and "Books" in page  # the navigation's groups
    assert "1 Jan 2568 BE" in page
    assert "สมาชิก 2 คน" not in page and "2 members" in page
    tb = text_of(client.get(fund_url("ledger:trial-balance", world)))
    assert "Cash" in tb and "balanced" in tb
    assert "Total 30.00 baht 30.00 baht" in tb and "บาท" not in tb  # amounts in the page's language

    client.post(reverse("set_language"), {"language": "th", "next": here})
    assert "ค้นหา" in text_of(client.get(here))


# --- finding a member ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "query, found",
    [
        ("สมศรี", {"สมศรี ใจดี"}),
        ("ใจดี", {"สมศรี ใจดี"}),
        ("มานี มีนา", {"มานี มีนา"}),
        ("000002", {"มานี มีนา"}),
        ("2", {"มานี มีนา"}),
        ("1101400000006", {"สมศรี ใจดี"}),
        ("1-1014-00000-00-6", {"สมศรี ใจดี"}),
        ("1 1014 00000 00 6", {"สมศรี ใจดี"}),
        ("๑๑๐๑๔๐๐๐๐๐๐๐๖", {"สมศรี ใจดี"}),
        ("1234567890121", {"มานี มีนา"}),
        ("บุญมี", set()),  # a member of the foreign fund
        ("3100600123450", set()),  # the foreign member's national ID
        ("ไม่มีใครชื่อนี้", set()),
    ],
)
def test_member_search_by_name_number_or_national_id(world: World, query, found):
    client = logged_in(world, "treasurer")
    page = text_of(client.get(fund_url("registry:member-list", world), {"q": query}))
    names = {"สมศรี ใจดี", "มานี มีนา", "บุญมี ต่างถิ่น", "ชูใจ ข้างบ้าน"}
    assert {n for n in names if n in page} == found
    if not found:
        assert "ไม่พบสมาชิก" in page


def test_the_committee_sees_the_national_id_masked_and_the_treasurer_in_full(world: World):
    url = fund_url("registry:member-detail", world, number=world.own.member.number)
    committee = text_of(logged_in(world, "committee").get(url))
    assert "1-1014-xxxxx-xx-6" in committee
    assert "1101400000006" not in committee and "1-1014-00000-00-6" not in committee
    treasurer = text_of(logged_in(world, "treasurer").get(url))
    assert "1-1014-00000-00-6" in treasurer


# --- the books through the web ------------------------------------------------------------------------


def test_the_treasurer_posts_an_entry_and_sending_the_form_twice_posts_it_once(world: World):
    # the fund has money enough that 1,234.50 baht of administration stays within its limit (20 %)
    donation = (Posting("1102", 10_000_00), Posting("4301", -10_000_00))
    post_entry(
        SYSTEM,
        world.own.fund,
        EntryRecord(datetime.date(2025, 2, 1), "เงินบริจาค", donation, "general", "gift"),
    )
    client = Client(enforce_csrf_checks=True)
    client.force_login(world.users["treasurer"])
    form = client.get(fund_url("ledger:entry-new", world))
    assert form.status_code == 200
    assert 'type="date"' in form.content.decode() and 'inputmode="decimal"' in form.content.decode()
    data = {
        "csrfmiddlewaretoken": hidden(form, "csrfmiddlewaretoken"),
        "token": hidden(form, "token"),
        "date": "2025-02-20",
        "memo": "ค่าถ่ายเอกสารประชุมประจำเดือน",
        "debit": "5201",
        "credit": "1101",
        "amount": "1,234.50",
    }
    before = Entry.objects.filter(fund=world.own.fund).count()
    first = client.post(fund_url("ledger:entry-new", world), data)
    assert first.status_code == 302
    entry = Entry.objects.filter(fund=world.own.fund).latest("id")
    assert first["Location"] == fund_url("ledger:entry-detail", world, pk=entry.pk)
    assert sorted(entry.lines.values_list("account__code", "amount")) == [("1101", -123450), ("5201", 123450)]

    again = client.post(fund_url("ledger:entry-new", world), data)  # the same form sent again
    assert again.status_code == 302 and again["Location"] == first["Location"]
    assert Entry.objects.filter(fund=world.own.fund).count() == before + 1
    detail = text_of(client.get(again["Location"]))
    assert "ส่งไปแล้ว" in detail  # says so, in Thai
    assert "1,234.50" in detail and "20 ก.พ. 2568" in detail


def test_a_wrong_amount_is_refused_with_a_clear_message_and_nothing_is_posted(world: World):
    client = logged_in(world, "treasurer")
    form = client.get(fund_url("ledger:entry-new", world))
    before = Entry.objects.count()
    response = client.post(
        fund_url("ledger:entry-new", world),
        {
            "token": hidden(form, "token"),
            "date": "2025-02-20",
            "memo": "x",
            "debit": "5201",
            "credit": "1101",
            "amount": "12.345",
        },
    )
    assert response.status_code == 200
    assert "ทศนิยมไม่เกินสองตำแหน่ง" in text_of(response)
    assert Entry.objects.count() == before


def test_the_treasurer_reverses_an_entry_once(world: World):
    client = logged_in(world, "treasurer")
    entry = world.own.entry
    url = fund_url("ledger:entry-detail", world, pk=entry.pk)
    page = client.get(url)
    reverse_url = fund_url("ledger:entry-reverse", world, pk=entry.pk)
    assert f'action="{reverse_url}"' in page.content.decode()

    response = client.post(reverse_url)
    assert response.status_code == 302
    reversal = Entry.objects.get(reverses=entry)
    assert response["Location"] == fund_url("ledger:entry-detail", world, pk=reversal.pk)
    assert sorted(reversal.lines.values_list("amount", flat=True)) == [-3000, 3000]
    assert f"#{reversal.pk}" in text_of(client.get(url))  # "reversed by #n"
    assert f'action="{reverse_url}"' not in client.get(url).content.decode()  # no second button

    client.post(reverse_url)  # pressed twice
    assert Entry.objects.filter(reverses=entry).count() == 1
    tb = text_of(client.get(fund_url("ledger:trial-balance", world)))
    assert "ยอดสมดุล" in tb


def test_the_treasurer_closes_a_month_and_nothing_more_posts_into_it(world: World, fixed_today):
    today = fixed_today(datetime.date(2025, 3, 20))  # February has ended, March has not
    client = logged_in(world, "treasurer")
    tb = client.get(fund_url("ledger:trial-balance", world))
    assert f'action="{fund_url("ledger:period-close", world)}"' in tb.content.decode()

    response = client.post(fund_url("ledger:period-close", world), {"close-period": "2025-02"}, follow=True)
    assert ClosedPeriod.objects.filter(fund=world.own.fund, period=202502).exists()
    page = text_of(response)
    assert "ปิดบัญชีเดือน ก.พ. 2568 แล้ว" in page

    client.post(
        fund_url("ledger:period-close", world), {"close-period": "2568-02"}
    )  # the same month, BE year
    assert ClosedPeriod.objects.filter(fund=world.own.fund).count() == 1
    this_month = today.strftime("%Y-%m")  # not ended: closing it would lock its remaining days
    page = text_of(
        client.post(fund_url("ledger:period-close", world), {"close-period": this_month}, follow=True)
    )
    assert "ยังไม่สิ้นสุด" in page and ClosedPeriod.objects.filter(fund=world.own.fund).count() == 1

    form = client.get(fund_url("ledger:entry-new", world))
    before = Entry.objects.count()
    refused = client.post(
        fund_url("ledger:entry-new", world),
        {
            "token": hidden(form, "token"),
            "date": "2025-02-27",
            "memo": "ลงย้อนหลัง",
            "debit": "5201",
            "credit": "1101",
            "amount": "10",
        },
    )
    assert refused.status_code == 200
    assert "งวด ก.พ. 2568 ปิดแล้ว" in text_of(refused)  # the month is closed, said in Thai
    assert Entry.objects.count() == before


def test_a_month_typed_wrong_is_explained_not_a_missing_page(world: World):
    client = logged_in(world, "treasurer")
    response = client.post(fund_url("ledger:period-close", world), {"close-period": "2025-13"}, follow=True)
    assert response.status_code == 200
    assert "2026-01" in text_of(response)  # the message shows the expected form
    assert not ClosedPeriod.objects.exists()
    tb = client.get(fund_url("ledger:trial-balance", world), {"period": "soon"})
    assert tb.status_code == 200 and "2026-01" in text_of(tb)


def test_the_trial_balance_as_of_the_end_of_a_month(world: World, fixed_today):
    fixed_today(datetime.date(2025, 3, 20))  # "now": after the March contribution
    post_entry(SYSTEM, world.own.fund, contribution("march", day=datetime.date(2025, 3, 16)))
    client = logged_in(world, "treasurer")
    february = text_of(client.get(fund_url("ledger:trial-balance", world), {"period": "2025-02"}))
    assert "ณ วันที่ 28 ก.พ. 2568" in february and "30.00 บาท" in february
    now = text_of(client.get(fund_url("ledger:trial-balance", world)))
    assert "60.00 บาท" in now


# --- lockout, errors ----------------------------------------------------------------------------------


def test_after_five_failed_logins_the_sixth_is_locked_out_even_with_the_right_password(world: World):
    client = Client()
    for attempt in range(1, 6):
        wrong = client.post(reverse("web:login"), {"username": "treasurer-user", "password": "not-this-one"})
        assert "_auth_user_id" not in client.session
        if attempt < 5:
            assert wrong.status_code == 200, attempt  # the form again, with its error
            assert "เข้าสู่ระบบ" in text_of(wrong)
        else:
            assert wrong.status_code == 429  # the fifth failure locks
    locked = client.post(reverse("web:login"), {"username": "treasurer-user", "password": PASSWORD})
    assert locked.status_code == 429
    assert "เข้าสู่ระบบผิดหลายครั้งเกินไป" in text_of(locked)
    assert "_auth_user_id" not in client.session
    assert client.get(reverse("registry:home")).status_code == 302  # still not logged in


def test_another_users_failures_do_not_lock_the_treasurer_out(world: World):
    client = Client()
    for _ in range(6):
        client.post(reverse("web:login"), {"username": "committee-user", "password": "not-this-one"})
    ok = client.post(reverse("web:login"), {"username": "treasurer-user", "password": PASSWORD})
    assert ok.status_code == 302


def test_a_foreign_fund_is_a_thai_not_found_page_that_shows_nothing_of_it(world: World):
    client = logged_in(world, "treasurer")
    response = client.get(reverse("registry:fund-detail", kwargs={"code": "foreign-fund"}))
    assert response.status_code == 404
    page = text_of(response)
    assert "ไม่พบ" in page
    assert "กองทุน foreign-fund" not in page
    nothing = client.get(reverse("registry:fund-detail", kwargs={"code": "no-such-fund"}))
    assert text_of(nothing) == page.replace("foreign-fund", "no-such-fund")


def test_a_form_sent_without_its_csrf_token_gets_a_thai_explanation(world: World):
    response = Client(enforce_csrf_checks=True).post(
        reverse("web:login"), {"username": "treasurer-user", "password": PASSWORD}
    )
    assert response.status_code == 403
    assert "หน้านี้หมดอายุแล้ว" in text_of(response)


def test_a_logged_in_user_opening_the_login_page_goes_on_to_their_funds(world: World):
    response = logged_in(world, "treasurer").get(reverse("web:login"))
    assert response.status_code == 302 and response["Location"] == reverse("registry:home")


def test_a_role_without_the_right_gets_a_thai_explanation(world: World):
    response = logged_in(world, "committee").get(fund_url("ledger:entry-new", world))
    assert response.status_code == 403
    assert "บทบาทของคุณไม่มีสิทธิ์" in text_of(response)
