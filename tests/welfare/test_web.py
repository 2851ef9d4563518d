"""The welfare pages as the committee uses them on a phone: a claim from the form to the books with two
approvers, the member's entitlements, the fund's rules, in Thai first."""

from __future__ import annotations

import datetime
import re
from html import unescape

from django.test import Client
from django.urls import reverse

from sajja.access.policy import SYSTEM
from sajja.ledger.selectors import trial_balance
from sajja.welfare.claims.services import ClaimData
from sajja.welfare.models import Claim
from sajja.welfare.reasons import ClaimStatus
from tests.welfare.factories import entered


def text_of(response) -> str:
    html = response.content.decode()
    html = re.sub(r"<(script|style)\b.*?</\1>", " ", html, flags=re.S)
    return re.sub(r"\s+", " ", unescape(re.sub(r"<[^>]+>", " ", html))).strip()


def hidden(response, name: str) -> str:
    match = re.search(rf'name="{name}" value="([^"]*)"', response.content.decode())
    assert match, f"no hidden field {name} on the page"
    return match[1]


def login(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def url(name: str, fund, **kwargs) -> str:
    return reverse(name, kwargs={"code": fund.code, **kwargs})


def test_a_claim_goes_from_the_form_to_the_books_with_two_approvers(
    own, paid_member, treasurer, committee, committee2
):
    desk = login(treasurer)
    form = desk.get(url("welfare:claim-new", own) + f"?member={paid_member.number}")
    assert form.status_code == 200 and "ค่านอนโรงพยาบาล" in text_of(form)
    fields = {
        "token": hidden(form, "token"),
        "member": paid_member.number,
        "benefit": "hospital",
        "event_date": "2025-08-01",
        "nights": "3",
        "level": "",
        "details": "โรงพยาบาลสงขลา",
    }
    sent = desk.post(url("welfare:claim-new", own), fields)
    claim = Claim.objects.get()
    assert sent.status_code == 302 and sent["Location"] == url("welfare:claim-detail", own, pk=claim.pk)
    again = desk.post(
        url("welfare:claim-new", own), fields, follow=True
    )  # the same form sent twice: one claim
    assert Claim.objects.count() == 1 and "ส่งแบบฟอร์มนี้แล้ว" in text_of(again)

    page = text_of(desk.get(url("welfare:claim-detail", own, pk=claim.pk)))
    assert "300.00 บาท" in page and "100.00 บาท × 3 คืน = 300.00 บาท" in page
    assert "รอตรวจสอบ" in page and "ตรวจสอบคำขอนี้" not in page  # the treasurer does not verify

    first = login(committee)
    shown = first.get(url("welfare:claim-detail", own, pk=claim.pk))
    assert "ตรวจสอบคำขอนี้" in text_of(shown)
    first.post(url("welfare:claim-verify", own, pk=claim.pk))
    shown = first.get(url("welfare:claim-detail", own, pk=claim.pk))
    digest = hidden(shown, "digest")
    done = first.post(url("welfare:claim-approve", own, pk=claim.pk), {"digest": digest}, follow=True)
    assert "(1/2)" in text_of(done) and "อนุมัติการจ่าย" not in text_of(done)  # no second button for them
    twice = first.post(url("welfare:claim-approve", own, pk=claim.pk), {"digest": digest}, follow=True)
    assert "คุณอนุมัติคำขอนี้ไปแล้ว" in text_of(twice)

    second = login(committee2)
    shown = second.get(url("welfare:claim-detail", own, pk=claim.pk))
    second.post(url("welfare:claim-approve", own, pk=claim.pk), {"digest": hidden(shown, "digest")})
    claim.refresh_from_db()
    assert claim.status == ClaimStatus.APPROVED

    paid = desk.post(
        url("welfare:claim-pay", own, pk=claim.pk), {"source": "cash", "date": "2025-08-05"}, follow=True
    )
    assert "จ่ายแล้ว" in text_of(paid)
    claim.refresh_from_db()
    assert claim.status == ClaimStatus.PAID
    journal = text_of(desk.get(url("ledger:entry-list", own)))
    assert f"(คำขอ #{claim.pk})" in journal
    assert trial_balance(SYSTEM, own).is_balanced
    account = text_of(desk.get(url("ledger:account-detail", own, account_code="5102")))
    assert "300.00" in account


def test_a_refusal_comes_back_to_the_claim_page_with_the_reason(own, paid_member, treasurer, committee):
    claim = entered(treasurer, own, paid_member)
    page = login(committee).post(
        url("welfare:claim-approve", own, pk=claim.pk), {"digest": claim.digest}, follow=True
    )
    assert "ต้องให้กรรมการตรวจสอบคำขอก่อนอนุมัติ" in text_of(page)
    rejected = login(committee).post(
        url("welfare:claim-reject", own, pk=claim.pk),
        {"reason": "evidence_missing", "note": "ไม่มีใบรับรองแพทย์"},
        follow=True,
    )
    assert "หลักฐานไม่ครบถ้วน" in text_of(rejected) and "ไม่มีใบรับรองแพทย์" in text_of(rejected)


def test_a_claim_the_rules_pay_nothing_for_proposes_the_matching_rejection(
    own, paid_member, treasurer, committee
):
    early = ClaimData("hospital", datetime.date(2025, 3, 1), nights=2)  # 59 days after joining
    claim = entered(treasurer, own, paid_member, early, token="early")
    page = login(committee).get(url("welfare:claim-detail", own, pk=claim.pk)).content.decode()
    assert re.search(r'<option value="waiting_period" selected>\s*ยังไม่ครบระยะรอสิทธิ์', page)
    paid_claim = entered(treasurer, own, paid_member, token="paid")  # 300 baht by the rules: nothing proposed
    page = login(committee).get(url("welfare:claim-detail", own, pk=paid_claim.pk)).content.decode()
    reasons = page.split('name="reason"')[1].split("</select>")[0]
    assert '<option value="" selected>' in reasons and not re.search(r'value="\w+" selected', reasons)


def test_the_member_sees_what_they_would_get_today_and_why(own, paid_member, users):
    me = login(users["member"])
    page = text_of(me.get(url("welfare:member-welfare", own, number=paid_member.number)))
    assert "ค่านอนโรงพยาบาล" in page and "เงินรับขวัญบุตร" in page.replace("เงินรับขวัญบุตรแรกเกิด", "เงินรับขวัญบุตร")
    assert "บำนาญผู้สูงอายุ" in page and "อายุสมาชิกที่ส่งเงินครบ" in page  # the pension: why not yet
    me.post(reverse("set_language"), {"language": "en", "next": "/"})
    english = text_of(me.get(url("welfare:member-welfare", own, number=paid_member.number)))
    assert "Old-age pension" in english and "Paid membership of" in english


def test_a_member_follows_only_their_own_claims(own, paid_member, treasurer, users):
    from tests.factories import enrol

    other = enrol(own, "3100600123450", first_name="บุญมี", last_name="ทองคำ", sex="M")
    mine = entered(treasurer, own, paid_member)
    theirs = entered(treasurer, own, other, token="t-other")
    me = login(users["member"])
    listed = text_of(me.get(url("welfare:claim-list", own)))
    assert f"#{mine.pk}" in listed and f"#{theirs.pk}" not in listed
    assert me.get(url("welfare:claim-detail", own, pk=theirs.pk)).status_code == 404
    assert me.get(url("welfare:member-welfare", own, number=other.number)).status_code == 404


def test_the_funds_rules_in_plain_thai_with_their_versions(own, paid_member, users):
    page = text_of(login(users["member"]).get(url("welfare:welfare-scheme", own)))
    assert "คืนละ 100.00 บาท" in page and "ไม่เกิน 20 คืนต่อปี" in page
    assert "สัจจะวันละ 1.00 บาท" in page
    assert "มติที่ประชุมใหญ่ 1/2567" in page  # the version's resolution
    assert "codi" in page


def test_the_committee_drafts_a_version_sees_the_changes_side_by_side_and_publishes_it(
    own, scheme, committee
):
    client = login(committee)
    page = client.get(url("welfare:welfare-draft", own))
    assert page.status_code == 200
    text = re.search(r"<textarea[^>]*>(.*?)</textarea>", page.content.decode(), re.S)[1]
    rules = unescape(text)
    assert "rate: 100" in rules and "effective_from" not in rules
    draft = {
        "effective_from": "2027-01-01",
        "resolution": "มติที่ประชุมใหญ่ 1/2569",
        "definition": rules.replace(
            "rate: 100\n  max_nights_per_year: 20", "rate: 150\n  max_nights_per_year: 20"
        ),
    }
    preview = client.post(url("welfare:welfare-draft", own), {**draft, "action": "preview"})
    shown = text_of(preview)
    assert "benefits.hospital.rate 100 150" in shown
    assert scheme.versions.count() == 1  # a preview publishes nothing
    broken = client.post(
        url("welfare:welfare-draft", own), {**draft, "definition": "waiting_days: -3\n", "action": "preview"}
    )
    assert "draft:1: waiting_days:" in text_of(broken)
    done = client.post(url("welfare:welfare-draft", own), {**draft, "action": "publish"}, follow=True)
    assert "2027-01-01" in text_of(done)
    assert scheme.versions.count() == 2
    assert scheme.versions.get(number=2).definition["benefits"][2]["rate"] == 150


def test_the_links_the_fund_and_member_pages_include(own, own_member):
    """web/fund_nav.html and registry/member_detail.html include these two snippets (one line each)."""
    from django.template.loader import render_to_string
    from django.utils import translation

    with translation.override("th"):
        nav = render_to_string("welfare/fund_links.html", {"fund": own, "caps": {"view_members"}})
        mine = render_to_string("welfare/fund_links.html", {"fund": own, "caps": set()})
        member = render_to_string("welfare/member_links.html", {"fund": own, "member": own_member})
    assert (
        url("welfare:welfare-scheme", own) in nav
        and url("welfare:claim-list", own) in nav
        and "คำขอรับสวัสดิการ" in nav
    )
    assert "คำขอของฉัน" in mine
    assert (
        url("welfare:member-welfare", own, number=own_member.number) in member and "สิทธิ์ที่จะได้รับวันนี้" in member
    )
