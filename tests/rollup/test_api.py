"""The roll-up's API: the figures of a network, a province and the nation, in satang, with the same error
shape as every route."""

from __future__ import annotations

from django.test import Client
from django.urls import reverse

from sajja.registry.models import Fund
from tests.factories import token_for


def api(user) -> Client:
    client = Client()
    client.defaults["HTTP_AUTHORIZATION"] = f"Bearer {token_for(user)}"
    return client


def test_the_coordinator_reads_the_network_figures(network_world, users):
    answer = api(users["coordinator"]).get(reverse("api:network-figures", args=["net-a"]))
    assert answer.status_code == 200
    data = answer.json()
    assert [row["code"] for row in data["rows"]] == ["second-fund", "own-fund"]  # attention first
    assert data["total"]["fiscal_year"] == {"expected": 326_00, "collected": 240_00, "percent": 74}
    assert data["total"]["benefits_paid"] == {"claims": 1, "amount": 300_00}
    assert (data["as_of"], data["fiscal_year"], data["fiscal_year_start"]) == (
        "2026-11-26",
        2570,
        "2026-10-01",
    )
    second = data["rows"][0]
    assert second["attention"][1] == {
        "code": "collections_low",
        "message_th": "เดือน ต.ค. 2569 เก็บเงินสัจจะได้ 48% ของที่ควรได้ (ต่ำกว่า 80%)",
        "message_en": "collected 48% of what was expected in Oct 2569 BE (below 80%)",
    }


def test_another_network_a_province_and_the_nation_are_not_found_for_a_coordinator(network_world, users):
    client = api(users["coordinator"])
    other = client.get(reverse("api:network-figures", args=["net-b"]))
    missing = client.get(reverse("api:network-figures", args=["no-such"]))
    assert other.status_code == missing.status_code == 404
    assert other.json() == missing.json()
    assert set(other.json()) == {"code", "message_th", "message_en", "errors"}
    assert client.get(reverse("api:national-figures")).status_code == 404
    assert api(users["treasurer"]).get(reverse("api:network-figures", args=["net-a"])).status_code == 404


def test_an_administrator_reads_a_province_and_the_nation(network_world, users):
    Fund.objects.filter(code="foreign-fund").update(province_code="23")
    client = api(users["admin"])
    nation = client.get(reverse("api:national-figures")).json()
    assert {row["code"] for row in nation["rows"]} == {"", "23"}  # net-a's funds name no province
    assert nation["total"]["funds"] == 3
    trat = client.get(reverse("api:province-figures", args=["23"])).json()
    assert trat["name_en"] == "Trat" and [row["code"] for row in trat["rows"]] == ["net-b"]
    assert client.get(reverse("api:province-figures", args=["99"])).status_code == 404


def test_without_a_token_the_api_answers_401(network_world):
    assert Client().get(reverse("api:national-figures")).status_code == 401
