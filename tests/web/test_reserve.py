"""One reserve everywhere: the fund's page, its sustainability page (the projection's starting reserve),
the roll-up and the model profiles all show the cash and bank balances of the books
(`sajja.ledger.selectors.reserve`), the same figure for the same fund."""

from __future__ import annotations

import datetime

from django.test import Client
from django.urls import reverse

from sajja.access.policy import SYSTEM
from sajja.core.ledger.chart import BANK, CASH
from sajja.core.money import format_baht
from sajja.ledger.models import Account
from sajja.ledger.selectors import reserve
from sajja.rollup.books import compute
from sajja.sustainability.compute import Settings
from sajja.sustainability.models import Reason
from sajja.sustainability.projecting import compute_now
from sajja.welfare.services import adopt_template
from tests.access.world import World


def test_the_fund_page_the_sustainability_page_and_the_rollup_show_one_reserve(world: World):
    fund = world.own.fund
    adopt_template(SYSTEM, fund, "codi", effective_from=datetime.date(2025, 1, 1))
    books = Account.objects.filter(fund=fund, member__isnull=True, code__in=(CASH, BANK))
    satang = reserve(fund)
    assert satang > 0 and satang == sum(a.debit_total - a.credit_total for a in books)
    shown = format_baht(satang, "th")

    client = Client()
    client.force_login(world.users["treasurer"])
    assert shown in client.get(reverse("registry:fund-detail", args=[fund.code])).content.decode()
    compute_now(fund, Reason.REQUEST, Settings(paths=20, years=5, scenario_paths=10))
    page = client.get(reverse("sustainability:fund-sustainability", args=[fund.code])).content.decode()
    assert shown in page
    (found,) = compute([fund.pk], datetime.date.today())
    assert found.snapshot.reserve == satang
