"""`sajja pooling ...` as an operator runs it: the rule set, a remittance recorded once whatever the number
of times it is run with its key, the status in JSON saying which era the year was read in, a refusal in
Thai and English with a non-zero exit."""

from __future__ import annotations

import io
import json

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from sajja.pooling.models import PoolingRule, Remittance
from tests.factories import make_fund
from tests.pooling.test_pages import TODAY, money

pytestmark = pytest.mark.django_db


def run(*args) -> str:
    out = io.StringIO()
    call_command("pooling", *args, stdout=out, stderr=io.StringIO())
    return out.getvalue()


@pytest.fixture
def funds(fixed_today):
    fixed_today(TODAY)
    pool, own = make_fund("pool-fund", "net-c"), make_fund("own-fund", "net-c")
    for fund in (pool, own):
        money(fund, 10_000_00, TODAY.replace(day=1), "opening")
    return pool, own


def test_rule_remit_and_status_in_json(funds):
    said = run("rule", "--network", "net-c", "--from-fy", "2569", "--pool-fund", "pool-fund",
               "--basis", "contributions", "--rate", "10%", "--top-up-threshold", "10,000",
               "--top-up-percent", "50", "--top-up-cap", "3,000")  # fmt: skip
    assert "2569" in said and "พ.ศ." in said
    rule = PoolingRule.objects.get()
    assert (rule.rate, rule.top_up_threshold, rule.top_up_cap) == (1_000, 10_000_00, 3_000_00)
    for _ in range(2):
        run("remit", "--fund", "own-fund", "--fy", "2026", "--amount", "250.50", "--paid-on", "2026-10-05",
            "--key", "k-1")  # fmt: skip
    assert Remittance.objects.get().amount == 250_50
    status = json.loads(run("status", "--network", "net-c", "--fy", "2569", "--format", "json"))
    assert status["fiscal_year"]["read_as"] == "be" and status["fiscal_year"]["ce"] == 2026
    assert status["remitted"] == 250_50
    assert status["rule"]["pool_fund"] == "pool-fund"
    assert status["consolidated"]["matched"] is True
    table = run("status", "--network", "net-c", "--fy", "2569")
    assert "250.50 บาท" in table


def test_a_refusal_is_said_in_thai_and_english(funds):
    err = io.StringIO()
    with pytest.raises(CommandError):
        call_command("pooling", "remit", "--fund", "own-fund", "--fy", "2569", "--amount", "10",
                     "--paid-on", "2026-10-05", "--key", "k", stdout=io.StringIO(), stderr=err)  # fmt: skip
    assert "network net-c has no pooling rule" in err.getvalue()
    assert not Remittance.objects.exists()
