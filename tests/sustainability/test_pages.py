"""The Sustainability pages read the stored projection: the fan chart, ruin by year, the indicators, what
would fix it and the scenario table, in Thai first; a network's page shows its funds together and apart."""

from __future__ import annotations

from django.template import Context, Template
from django.urls import reverse

from sajja.sustainability.compute import Settings
from sajja.sustainability.models import Reason
from sajja.sustainability.projecting import compute_now
from tests.factories import make_fund
from tests.sustainability.factories import fund_with_members, join

SMALL = Settings(paths=100, years=10, scenario_paths=50)


def page(client, user, name, **kwargs) -> str:
    client.force_login(user)
    response = client.get(reverse(name, kwargs=kwargs))
    assert response.status_code == 200
    return response.content.decode()


def test_a_member_sees_the_chart_the_odds_the_fix_and_the_scenarios_in_thai(client, own, users):
    fund_with_members(own)
    row = compute_now(own, Reason.REQUEST, SMALL)
    s, fixes = row.summary, row.fixes
    text = page(client, users["member"], "sustainability:fund-sustainability", code=own.code)

    assert f"<h1>ความยั่งยืน · {own.name_th}</h1>" in text  # the page's heading: the nav says ความยั่งยืน too
    assert "<svg" in text and "เงินกองทุนที่คาดการณ์" in text
    last_year = s["start_year"] + 10 - 1 + 543
    assert f"จำลองแบบสุ่ม 100 เส้นทาง ระยะ 10 ปี ({s['start_year'] + 543}–{last_year})" in text
    assert "โอกาสเงินหมดภายใน 10 ปี" in text and f"{s['ruin_by_horizon']:.1%}" in text
    assert "20,000.00 บาท" in text  # the reserve today: the fund's opening balance
    assert f"วันละ {fixes['break_even_rate']:.2f} บาท" in text  # the break-even rate
    for label in (
        "ระเบียบของกองทุนนี้",
        "มีเงินสมทบ 1:1:1",
        "สัจจะวันละ 2 บาท",
        "บำนาญไม่เกิน 1,500 บาท",
        "แม่แบบ lampang",
    ):
        assert label in text, label
    for kind in ("ฌาปนกิจ", "นอนโรงพยาบาล", "บำนาญผู้สูงอายุ", "องค์กรปกครองส่วนท้องถิ่น"):
        assert kind in text, kind
    assert str(last_year) in text  # the yearly table ends with the horizon's last year, in the Buddhist era
    # a member reads it but does not get the button; the committee does
    button = reverse("sustainability:fund-sustainability-recompute", args=[own.code])
    assert button not in text
    assert button in page(client, users["committee"], "sustainability:fund-sustainability", code=own.code)


def test_the_page_in_english_and_out_of_date_after_a_change(client, own, users):
    fund_with_members(own)
    compute_now(own, Reason.REQUEST, Settings(paths=50, years=5, scenarios=False))
    client.cookies["django_language"] = "en"
    text = page(client, users["treasurer"], "sustainability:fund-sustainability", code=own.code)
    assert "Probability of running out within 5 years" in text and "What would fix it" in text
    assert "Out of date" not in text
    join(own, 77, 1999, "M")  # a new member after the projection read the register
    assert "Out of date" in page(
        client, users["treasurer"], "sustainability:fund-sustainability", code=own.code
    )


def test_a_fund_never_projected_says_so(client, own, users):
    text = page(client, users["treasurer"], "sustainability:fund-sustainability", code=own.code)
    assert "ยังไม่มีการคาดการณ์" in text and "<svg" not in text


def test_the_network_page_shows_its_funds_together_and_each_on_its_own(client, own, users):
    fund_with_members(own)
    other = fund_with_members(make_fund("other-fund", own.network.code))
    row = compute_now(own.network, Reason.REQUEST, Settings(paths=50, years=5, scenarios=False))
    assert row.summary["members"] == 8 + 8 + 1  # the two funds' active members (own has the member user too)
    text = page(
        client, users["coordinator"], "sustainability:network-sustainability", network=own.network.code
    )
    assert "<svg" in text and "รายกองทุน" in text
    for fund in (own, other):
        assert (
            fund.name_th in text and reverse("sustainability:fund-sustainability", args=[fund.code]) in text
        )
    assert "40,000.00 บาท" in text  # both reserves together


def test_the_network_link_is_offered_only_to_who_may_open_it(own, users):
    link = Template("{% load sustainability_links %}{% if user|sees_projection:network %}link{% endif %}")
    for role, shown in (("coordinator", True), ("admin", True), ("treasurer", False), ("member", False)):
        text = link.render(Context({"user": users[role], "network": own.network}))
        assert (text == "link") == shown, role
